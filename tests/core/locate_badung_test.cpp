// locate() over the real Badung boundaries, checked against the kecamatan
// that the source curators computed for each school with SpatiaLite
// (ST_Within against the same BPS boundaries): "kecamatan_by_coord".

#include "core/geojson/reader.hpp"
#include "core/query/feature_layer.hpp"
#include "core/query/locate.hpp"

#include "test_data.hpp"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

using badung::query::FeatureLayer;

namespace {

FeatureLayer load(const std::string& relative) {
    return FeatureLayer(badung::geojson::read(badung::test::read_test_file(relative)).features);
}

std::string property_text(const badung::geojson::Feature& feature, std::string_view key) {
    const badung::geojson::Value* value = feature.property(key);
    return value == nullptr ? "" : value->to_display();
}

} // namespace

TEST_CASE("locate schools in Badung admin layers", "[query]") {
    const FeatureLayer desa = load("../../geodata/sources/admin/badung_desa_bps2020.geojson");
    const FeatureLayer kecamatan = load("geodata/badung_kecamatan_bps2020.geojson");
    const FeatureLayer kabupaten = load("../../geodata/sources/admin/badung_kabupaten_bps2020.geojson");
    const FeatureLayer schools = load("../../geodata/sources/poi/sekolah_badung_kemdikbud2019.geojson");
    REQUIRE(desa.size() == 62);
    REQUIRE(kecamatan.size() == 6);
    REQUIRE(kabupaten.size() == 1);
    REQUIRE(schools.size() > 300);

    const std::vector<const FeatureLayer*> layers{&desa, &kecamatan, &kabupaten};
    int located = 0;
    for (const auto& school : schools.features()) {
        if (!school.has_location()) {
            continue; // a school without coordinates in the source
        }
        const badung::geo::LonLat p = school.geometry->points.front();
        const std::string expected = property_text(school, "kecamatan_by_coord");
        const auto found = badung::query::locate(layers, p);
        REQUIRE(found.size() == 3);

        INFO(property_text(school, "nama") << " at " << p.lon << " " << p.lat);
        if (expected.empty()) {
            CHECK(!found[1]);
            CHECK(!found[2]);
            continue;
        }
        REQUIRE(found[0]);
        REQUIRE(found[1]);
        REQUIRE(found[2]);
        CHECK(property_text(kecamatan.features()[*found[1]], "district") == expected);
        CHECK(property_text(desa.features()[*found[0]], "district") == expected);
        ++located;
    }
    CHECK(located > 300);
}

TEST_CASE("locate on a real desa border", "[query]") {
    const FeatureLayer desa = load("../../geodata/sources/admin/badung_desa_bps2020.geojson");

    // Vertices of each desa's outline: a vertex that another desa's outline
    // also has lies on their shared border, so both contain it, and the
    // answer must be the one earlier in id order.
    int shared = 0;
    for (std::size_t a = 0; a < desa.size() && shared < 50; ++a) {
        for (const auto& polygon : desa.features()[a].geometry->polygons) {
            for (const badung::geo::LonLat& vertex : polygon.rings[0]) {
                const auto found = badung::query::locate(desa, vertex);
                REQUIRE(found);
                CHECK(*found <= a);
                if (*found < a) {
                    ++shared;
                }
            }
        }
    }
    CHECK(shared >= 50);
}

// query::find_twins, twin_name and the LayerSet's treatment of twins, on
// small layers built for each rule.

#include "core/geojson/reader.hpp"
#include "core/query/layer_set.hpp"
#include "core/query/place_kinds.hpp"
#include "core/query/twins.hpp"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

using badung::geo::LonLat;
using badung::query::FeatureLayer;
using badung::query::LayerSet;
using badung::query::twin_name;

namespace {

std::string point(const std::string& id, const std::string& properties, LonLat at) {
    return R"({"type":"Feature","id":")" + id + R"(","properties":)" + properties +
           R"(,"geometry":{"type":"Point","coordinates":[)" + std::to_string(at.lon) + "," + std::to_string(at.lat) +
           "]}}";
}

std::vector<badung::geojson::Feature> features(const std::vector<std::string>& items) {
    std::string text = R"({"type":"FeatureCollection","features":[)";
    for (std::size_t i = 0; i < items.size(); ++i) {
        text += (i ? "," : "") + items[i];
    }
    return badung::geojson::read(text + "]}").features;
}

// Petang, in the north of Badung; 0.01 degrees of latitude are about 1.1 km.
constexpr LonLat petang{115.2122, -8.2916};

LonLat north_of(LonLat p, double degrees) {
    return {p.lon, p.lat + degrees};
}

} // namespace

TEST_CASE("twin_name spells abbreviations and numerals out", "[twins]") {
    CHECK(twin_name("RS Ibu dan Anak Harapan Bunda") == "rumah sakit ibu dan anak harapan bunda");
    CHECK(twin_name("Rumah Sakit Ibu Dan Anak Harapan Bunda") == "rumah sakit ibu dan anak harapan bunda");
    CHECK(twin_name("Puskesmas Petang II") == twin_name("puskesmas petang 2"));
    CHECK(twin_name("Pkm. Petang 2") == "puskesmas petang 2");
    CHECK(twin_name("Puskesmas Petang II") != twin_name("Puskesmas Petang I"));
    // The Balinese article "I" after a street word stays a word.
    CHECK(twin_name("Jl. I Gusti Ngurah Rai") == "jalan i gusti ngurah rai");
    CHECK(twin_name(" - ").empty());
}

TEST_CASE("find_twins pairs kind, name and distance", "[twins]") {
    const FeatureLayer official(features({
        point("P1", R"({"name":"Puskesmas Petang II","jenis_faskes":"PUSKESMAS"})", petang),
        point("R1", R"({"name":"RS Umum Petang","jenis_faskes":"RUMAH SAKIT"})", petang),
    }));
    const FeatureLayer osm(features({
        // The twin, 1.6 km north, as OpenStreetMap maps Puskesmas Petang II.
        point("a", R"({"name":"puskesmas petang II","amenity":"clinic"})", north_of(petang, 0.0145)),
        // The same name, too far away.
        point("b", R"({"name":"Puskesmas Petang II","amenity":"clinic"})", north_of(petang, 0.05)),
        // Another number.
        point("c", R"({"name":"Puskesmas Petang I","amenity":"clinic"})", petang),
        // The hospital's name on a pharmacy: another kind.
        point("d", R"({"name":"RS Umum Petang","amenity":"pharmacy"})", petang),
        // The hospital, its abbreviation written out.
        point("e", R"({"name":"Rumah Sakit Umum Petang","amenity":"hospital"})", north_of(petang, 0.001)),
        // No name.
        point("f", R"({"amenity":"hospital"})", petang),
    }));

    const auto twins = badung::query::find_twins(official, "kesehatan", osm, "kesehatan", 3000.0);
    REQUIRE(twins.size() == 2);
    CHECK(osm.features()[twins[0].feature].id_text() == "a");
    CHECK(official.features()[twins[0].official].id_text() == "P1");
    CHECK(twins[0].distance_m == Approx(1612.3).margin(5.0));
    CHECK(osm.features()[twins[1].feature].id_text() == "e");
    CHECK(official.features()[twins[1].official].id_text() == "R1");

    // A shorter limit leaves the puskesmas 1.6 km away unpaired.
    const auto near = badung::query::find_twins(official, "kesehatan", osm, "kesehatan", 1000.0);
    REQUIRE(near.size() == 1);
    CHECK(osm.features()[near[0].feature].id_text() == "e");

    // A layer of a category that is no facility has no place kinds.
    CHECK(badung::query::find_twins(official, "kesehatan", osm, "administrasi", 3000.0).empty());
}

TEST_CASE("LayerSet leaves twins out of finder lists", "[twins][layer_set]") {
    LayerSet set;
    set.add("faskes", "kesehatan",
            features({point("P1", R"({"name":"Puskesmas Petang II","jenis_faskes":"PUSKESMAS"})", petang)}));
    const LonLat osm_point = north_of(petang, 0.0145);
    set.add("faskes-osm", "kesehatan",
            features({point("a", R"({"name":"puskesmas petang II","amenity":"clinic","twin_of":"faskes/P1"})",
                            osm_point),
                      point("b", R"({"name":"Puskesmas Lain","amenity":"clinic","twin_of":"faskes/P9"})",
                            north_of(osm_point, 0.03))}));

    // "b" names an official entry the set does not have, so it stays.
    CHECK(set.is_twin(1, 0));
    CHECK_FALSE(set.is_twin(1, 1));
    CHECK_FALSE(set.is_twin(0, 0));

    const auto kinds = badung::query::nearest_of_each_kind(set, osm_point);
    REQUIRE(kinds.size() == 1);
    CHECK(kinds[0].kind->slug == "puskesmas");
    CHECK(kinds[0].hit.layer == 0);

    const auto nearest = set.nearest_places(osm_point, 10);
    REQUIRE(nearest.size() == 2);
    CHECK(nearest[0].layer == 0);
    CHECK(nearest[1].layer == 1);
    CHECK(nearest[1].feature == 1);

    // The twin lies nearest to the centre, yet the official entry is listed.
    badung::search::SearchOptions options;
    options.centre = osm_point;
    options.limit = 1;
    const auto found = set.search("puskesmas petang", options);
    REQUIRE(found.size() == 1);
    CHECK(found[0].layer == 0);

    // The raw kNN query keeps every feature.
    CHECK(set.nearest(osm_point, 10).size() == 3);
}

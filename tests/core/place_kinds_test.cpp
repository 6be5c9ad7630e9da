// query::place_kind_of on the tags of the Badung layers, and
// query::nearest_of_each_kind over a small LayerSet.

#include "core/geojson/reader.hpp"
#include "core/query/hit_json.hpp"
#include "core/query/place_kinds.hpp"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

using badung::geojson::Feature;
using badung::query::LayerSet;
using badung::query::nearest_of_each_kind;
using badung::query::place_kind_of;

namespace {

// Features at the given longitudes on the equator, each with the
// properties JSON object at the same position.
std::vector<Feature> points(const std::vector<std::string>& properties, double first_lon = 0.0) {
    std::string text = R"({"type":"FeatureCollection","features":[)";
    for (std::size_t i = 0; i < properties.size(); ++i) {
        text += (i > 0 ? "," : "") + std::string(R"({"type":"Feature","id":)") + std::to_string(i + 1) +
                R"(,"geometry":{"type":"Point","coordinates":[)" + std::to_string(first_lon + 0.01 * double(i)) +
                R"(,0]},"properties":)" + properties[i] + "}";
    }
    text += "]}";
    return badung::geojson::read(text).features;
}

std::string kind_slug(const std::string& category, const std::string& properties) {
    const auto* kind = place_kind_of(category, points({properties}).front());
    return kind ? std::string(kind->slug) : std::string("none");
}

} // namespace

TEST_CASE("place kind of health facilities", "[place_kinds]") {
    CHECK(kind_slug("kesehatan", R"({"jenis_faskes":"PUSKESMAS","name":"Puskesmas Mengwi I"})") == "puskesmas");
    CHECK(kind_slug("kesehatan", R"({"jenis_faskes":"RUMAH SAKIT","name":"RSUD Mangusada"})") == "rumah-sakit");
    CHECK(kind_slug("kesehatan", R"({"amenity":"hospital","name":"BIMC"})") == "rumah-sakit");
    CHECK(kind_slug("kesehatan", R"({"amenity":"clinic","name":"Klinik Pratama"})") == "klinik");
    CHECK(kind_slug("kesehatan", R"({"amenity":"dentist"})") == "klinik");
    CHECK(kind_slug("kesehatan", R"({"amenity":"pharmacy","name":"Apotek Kimia Farma"})") == "apotek");
}

TEST_CASE("place kind of an OSM puskesmas by name", "[place_kinds]") {
    CHECK(kind_slug("kesehatan", R"({"amenity":"hospital","name":"puskesmas Sibang kaja"})") == "puskesmas");
    CHECK(kind_slug("kesehatan", R"({"amenity":"clinic","name":"PUSKESMAS Petang II"})") == "puskesmas");
    // A word that only contains "puskesmas" does not count.
    CHECK(kind_slug("kesehatan", R"({"amenity":"clinic","name":"Puskesmasku"})") == "klinik");
}

TEST_CASE("place kind of other categories", "[place_kinds]") {
    CHECK(kind_slug("pendidikan", R"({"bentuk":"SD","name":"SD Negeri 1 Kuta"})") == "sekolah");
    CHECK(kind_slug("ibadah", R"({"amenity":"place_of_worship","religion":"hindu"})") == "ibadah");
    CHECK(kind_slug("transportasi", R"({"highway":"bus_stop","name":"Halte Kuta"})") == "halte");
    CHECK(kind_slug("transportasi", R"({"amenity":"bus_station"})") == "halte");
    CHECK(kind_slug("transportasi", R"({"highway":"primary","name":"Jalan Raya Kuta"})") == "none");
    CHECK(kind_slug("pantai", R"({"name":"Nusa Dua Beach"})") == "pantai");
    CHECK(kind_slug("lainnya", R"({"natural":"beach"})") == "pantai");
    CHECK(kind_slug("pemerintahan", R"({"name":"Kantor Camat"})") == "none");
}

TEST_CASE("nearest of each kind keeps kinds apart", "[place_kinds]") {
    LayerSet set;
    // Nearest to lon 0 first: a pharmacy, a clinic, then a puskesmas.
    set.add("faskes-osm", "kesehatan",
            points({R"({"amenity":"pharmacy"})", R"({"amenity":"clinic"})", R"({"amenity":"hospital","name":"Puskesmas A"})"}));
    set.add("faskes", "kesehatan", points({R"({"jenis_faskes":"PUSKESMAS","name":"Puskesmas B"})"}, 0.05));
    set.add("sekolah", "pendidikan", points({R"({"bentuk":"SD"})"}, 0.1));
    set.add("desa", "administrasi", points({R"({"name":"Kuta"})"}));

    const auto found = nearest_of_each_kind(set, {0.0, 0.0});
    std::vector<std::string> kinds;
    for (const auto& each : found) {
        kinds.push_back(std::string(each.kind->slug));
    }
    REQUIRE(kinds == std::vector<std::string>{"puskesmas", "klinik", "apotek", "sekolah"});

    // The OSM puskesmas at lon 0.02 is nearer than the Kemenkes one at 0.05.
    CHECK(set.layers()[found[0].hit.layer].id == "faskes-osm");
    CHECK(found[0].hit.feature == 2);
    CHECK(found[0].hit.distance_m.value() == Approx(2223.9).epsilon(0.001));
    CHECK(found[2].hit.distance_m.value() == Approx(0.0).margin(0.001));

    // The hit JSON names the kind of a facility, and of no area.
    CHECK(badung::query::hit_json(set, found[0].hit).find(R"("kind":"puskesmas")") != std::string::npos);
    const badung::query::LayerHit area{set.layer_position("desa"), 0, std::nullopt, std::nullopt};
    CHECK(badung::query::hit_json(set, area).find(R"("kind")") == std::string::npos);

    const auto schools = nearest_of_each_kind(set, {0.0, 0.0}, "pendidikan");
    REQUIRE(schools.size() == 1);
    CHECK(schools[0].kind->slug == "sekolah");
}

TEST_CASE("nearest of each kind prefers a named place a little farther", "[place_kinds]") {
    // An unnamed hospital at lon 0.01 (1,112 m), a named one at 0.012
    // (1,334 m): within 1.25 times plus 100 m, so it stands for the kind.
    LayerSet near;
    near.add("faskes-osm", "kesehatan", points({R"({"amenity":"hospital"})"}, 0.01));
    near.add("faskes", "kesehatan", points({R"({"jenis_faskes":"RUMAH SAKIT","name":"RS Graha Asih"})"}, 0.012));
    const auto named = nearest_of_each_kind(near, {0.0, 0.0});
    REQUIRE(named.size() == 1);
    CHECK(near.layers()[named[0].hit.layer].id == "faskes");
    CHECK(named[0].hit.distance_m.value() == Approx(1334.3).epsilon(0.001));

    // Twice as far is too far: the unnamed one stays.
    LayerSet far;
    far.add("faskes-osm", "kesehatan",
            points({R"({"amenity":"hospital"})", R"({"amenity":"hospital","name":"RS Jauh"})"}, 0.02));
    far.add("faskes", "kesehatan", points({R"({"jenis_faskes":"RUMAH SAKIT","name":"RS Jauh Sekali"})"}, 0.5));
    const auto unnamed = nearest_of_each_kind(far, {0.0, 0.0});
    REQUIRE(unnamed.size() == 1);
    CHECK(unnamed[0].hit.feature == 0);
}

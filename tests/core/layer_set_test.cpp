// LayerSet: several layers queried as one, as the finder and the data
// tool's query command do; checked against brute force over all layers.

#include "core/geo/lon_lat.hpp"
#include "core/geojson/reader.hpp"
#include "core/geometry/distance.hpp"
#include "core/query/hit_json.hpp"
#include "core/query/layer_set.hpp"

#include "test_random.hpp"

#include <catch2/catch.hpp>
#include <rapidjson/document.h>

#include <algorithm>
#include <string>
#include <tuple>
#include <vector>

using badung::geo::LonLat;
using badung::query::LayerHit;
using badung::query::LayerSet;
using badung::test::Random;

namespace {

std::vector<badung::geojson::Feature> read_features(const std::string& text) {
    return badung::geojson::read(text).features;
}

std::string point_feature(const std::string& id, const std::string& properties, double lon, double lat) {
    return R"({"type":"Feature","id":)" + id + R"(,"properties":)" + properties +
           R"(,"geometry":{"type":"Point","coordinates":[)" + std::to_string(lon) + "," + std::to_string(lat) + "]}}";
}

std::string collection(const std::vector<std::string>& features) {
    std::string text = R"({"type":"FeatureCollection","features":[)";
    for (std::size_t i = 0; i < features.size(); ++i) {
        text += (i ? "," : "") + features[i];
    }
    return text + "]}";
}

std::vector<std::string> ids(const LayerSet& set, const std::vector<LayerHit>& hits) {
    std::vector<std::string> found;
    for (const LayerHit& hit : hits) {
        found.push_back(set.layers()[hit.layer].id + "/" +
                        set.layers()[hit.layer].features.features()[hit.feature].id_text());
    }
    return found;
}

LayerSet two_layers() {
    LayerSet set;
    set.add("sekolah", "pendidikan",
            read_features(collection({point_feature("1", R"({"name":"SD Negeri 1 Kuta"})", 115.17, -8.72),
                                      point_feature("2", R"({"name":"SMP Negeri 1 Kuta"})", 115.18, -8.72)})));
    set.add("faskes", "kesehatan",
            read_features(collection({point_feature("1", R"({"name":"Puskesmas Kuta I"})", 115.17, -8.72),
                                      point_feature("9", R"({"name":"Pura Desa","category":"ibadah"})", 115.2, -8.7)})));
    return set;
}

} // namespace

TEST_CASE("LayerSet nearest ranks ties by layer order, then id", "[layer_set]") {
    const LayerSet set = two_layers();
    const auto hits = set.nearest({115.17, -8.72}, 3);
    CHECK(ids(set, hits) == std::vector<std::string>{"sekolah/1", "faskes/1", "sekolah/2"});
    CHECK(*hits[0].distance_m == 0.0);
    CHECK(*hits[2].distance_m == Approx(badung::geo::haversine_m({115.17, -8.72}, {115.18, -8.72})));
}

TEST_CASE("LayerSet keeps a category by layer or by a feature's category property", "[layer_set]") {
    const LayerSet set = two_layers();
    CHECK(ids(set, set.nearest({115.17, -8.72}, 5, "kesehatan")) ==
          std::vector<std::string>{"faskes/1", "faskes/9"});
    CHECK(ids(set, set.nearest({115.17, -8.72}, 5, "ibadah")) == std::vector<std::string>{"faskes/9"});
    CHECK(set.categories() == std::vector<std::string>{"pendidikan", "kesehatan", "ibadah"});
    CHECK(badung::query::category_slug("Health") == "kesehatan");
    CHECK(badung::query::category_slug("Kesehatan") == "kesehatan");

    badung::search::SearchOptions options;
    options.centre = LonLat{115.17, -8.72};
    CHECK(ids(set, set.search("kuta", options)) ==
          std::vector<std::string>{"sekolah/1", "faskes/1", "sekolah/2"});
    CHECK(ids(set, set.search("kuta", options, "kesehatan")) == std::vector<std::string>{"faskes/1"});
}

TEST_CASE("LayerSet nearest over random layers matches brute force", "[layer_set]") {
    Random random(4);
    LayerSet set;
    std::vector<std::tuple<std::size_t, std::string, LonLat>> all;
    for (int l = 0; l < 3; ++l) {
        std::vector<std::string> features;
        for (int i = 0; i < 300; ++i) {
            // A coarse grid, so equal distances (ties) are common.
            const LonLat p{115.0 + 0.01 * static_cast<double>(random.integer(0, 30)),
                           -8.8 + 0.01 * static_cast<double>(random.integer(0, 30))};
            features.push_back(point_feature(std::to_string(i), "{}", p.lon, p.lat));
            all.emplace_back(static_cast<std::size_t>(l), std::to_string(i), p);
        }
        set.add("layer" + std::to_string(l), "", read_features(collection(features)));
    }

    for (int trial = 0; trial < 200; ++trial) {
        const LonLat q{random.uniform(115.0, 115.3), random.uniform(-8.8, -8.5)};
        const std::size_t k = static_cast<std::size_t>(random.integer(1, 12));
        const auto hits = set.nearest(q, k);
        REQUIRE(hits.size() == k);
        for (std::size_t i = 0; i < hits.size(); ++i) {
            const std::string id = set.layers()[hits[i].layer].features.features()[hits[i].feature].id_text();
            const LonLat p = std::get<2>(all[hits[i].layer * 300 + static_cast<std::size_t>(std::stoi(id))]);
            CHECK(*hits[i].distance_m == Approx(badung::geo::haversine_m(q, p)).margin(1e-6));
            if (i > 0) {
                CHECK(*hits[i].distance_m >= *hits[i - 1].distance_m - 0.001);
            }
        }
        // Nothing left out is nearer than the k-th (beyond the 1 mm tie band).
        std::size_t nearer = 0;
        for (const auto& entry : all) {
            if (badung::geo::haversine_m(q, std::get<2>(entry)) < *hits.back().distance_m - 0.001) {
                ++nearer;
            }
        }
        CHECK(nearer < k);
    }
}

TEST_CASE("LayerSet names unknown layers and area ids", "[layer_set]") {
    const LayerSet set = two_layers();
    CHECK_THROWS_AS(set.within("kecamatan", "1", "sekolah"), badung::query::UnknownName);
    CHECK_THROWS_WITH(set.within("sekolah", "77", "faskes"), Catch::Contains("'77'"));
    const std::vector<std::string> missing{"desa"};
    CHECK_THROWS_WITH(set.locate({115.17, -8.72}, missing), Catch::Contains("unknown layer 'desa'"));
}

TEST_CASE("hit JSON carries layer, id, distance, location and properties", "[layer_set]") {
    const LayerSet set = two_layers();
    rapidjson::Document doc;
    doc.Parse(badung::query::results_json(set, set.nearest({115.18, -8.72}, 1)).c_str());
    REQUIRE(doc["results"].Size() == 1);
    const auto& hit = doc["results"][0];
    CHECK(std::string(hit["layer"].GetString()) == "sekolah");
    CHECK(hit["id"].GetInt() == 2);
    CHECK(hit["distance_m"].GetDouble() == 0.0);
    CHECK(hit["location"][0].GetDouble() == 115.18);
    CHECK(std::string(hit["properties"]["name"].GetString()) == "SMP Negeri 1 Kuta");
}

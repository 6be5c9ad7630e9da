// LayerSet: several layers queried as one, as the finder and the data
// tool's query command do; checked against brute force over all layers.

#include "core/geo/lon_lat.hpp"
#include "core/geojson/reader.hpp"
#include "core/geometry/distance.hpp"
#include "core/query/hit_json.hpp"
#include "core/query/layer_set.hpp"
#include "core/query/search_records.hpp"

#include "test_random.hpp"

#include <catch2/catch.hpp>
#include <rapidjson/document.h>

#include <algorithm>
#include <array>
#include <string>
#include <string_view>
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

TEST_CASE("LayerSet search gives no distance without location", "[layer_set]") {
    LayerSet set;
    set.add("sekolah", "pendidikan",
            read_features(collection({
                R"({"type":"Feature","id":5,"properties":{"name":"SMP Negeri 5 Kuta Selatan"},"geometry":null})",
                point_feature("3", R"({"name":"SMP Negeri 3 Kuta Selatan"})", 115.20, -8.80),
            })));
    badung::search::SearchOptions options;
    options.centre = LonLat{115.17, -8.70};

    // The located school ranks first, though the other has the lower id.
    const auto hits = set.search("smp negeri kuta selatan", options);
    CHECK(ids(set, hits) == std::vector<std::string>{"sekolah/3", "sekolah/5"});

    rapidjson::Document doc;
    doc.Parse(badung::query::results_json(set, hits).c_str());
    REQUIRE(doc["results"].Size() == 2);
    CHECK(doc["results"][0]["distance_m"].IsNumber());
    CHECK(doc["results"][1]["distance_m"].IsNull());
    CHECK(doc["results"][1]["location"].IsNull());

    // Without a centre the search gives no distances at all.
    doc.Parse(badung::query::results_json(set, set.search("smp negeri 5", {})).c_str());
    REQUIRE(doc["results"].Size() == 1);
    CHECK_FALSE(doc["results"][0].HasMember("distance_m"));

    // The nearest places never include it.
    CHECK(ids(set, set.nearest_places({0.0, 0.0}, 5)) == std::vector<std::string>{"sekolah/3"});
}

namespace {

std::string square_feature(const std::string& id, const std::string& properties, double west, double south,
                           double east, double north) {
    const auto corner = [](double lon, double lat) { return "[" + std::to_string(lon) + "," + std::to_string(lat) + "]"; };
    return R"({"type":"Feature","id":)" + id + R"(,"properties":)" + properties +
           R"(,"geometry":{"type":"Polygon","coordinates":[[)" + corner(west, south) + "," + corner(east, south) + "," +
           corner(east, north) + "," + corner(west, north) + "," + corner(west, south) + "]]}}";
}

// A regency and a desa around Kuta, with places inside them, as the
// finder loads them: area layers first, in catalog order.
LayerSet areas_and_places() {
    LayerSet set;
    set.add("kabupaten", "administrasi",
            read_features(collection({square_feature(R"("51.03")", R"({"name":"Kabupaten Badung"})", 115.0, -8.9,
                                                     115.3, -8.4)})));
    set.add("desa", "administrasi",
            read_features(collection({square_feature(R"("51.03.01.1001")", R"({"name":"Kuta"})", 115.16, -8.73,
                                                     115.18, -8.71)})));
    set.add("faskes", "kesehatan",
            read_features(collection({point_feature("1", R"({"name":"Puskesmas Kuta I"})", 115.172, -8.722),
                                      point_feature("2", R"({"name":"RSUD Mangusada"})", 115.1695, -8.7178),
                                      point_feature("3", R"({"name":"Puskesmas Kuta II"})", 115.17, -8.74),
                                      point_feature("4", R"({"name":"RS Puri Raharja"})", 115.1692, -8.7177)})));
    set.add("ibadah", "ibadah",
            read_features(collection({point_feature("1", R"({"name":"Pura Desa Kuta"})", 115.175, -8.72),
                                      point_feature("2", R"({"name":"Kantor Desa","category":"administrasi"})",
                                                    115.1691, -8.7177)})));
    return set;
}

const LonLat kuta_position{115.1691, -8.7177};

} // namespace

TEST_CASE("LayerSet nearest_places skips areas without a category", "[layer_set]") {
    const LayerSet set = areas_and_places();

    const auto places = ids(set, set.nearest_places(kuta_position, 3));
    CHECK(places == std::vector<std::string>{"faskes/4", "faskes/2", "faskes/1"});

    // nearest() itself, which the data tool's query command runs, keeps them.
    const auto everything = ids(set, set.nearest(kuta_position, 2));
    CHECK(everything == std::vector<std::string>{"kabupaten/51.03", "desa/51.03.01.1001"});
}

TEST_CASE("LayerSet nearest_places keeps a category asked for", "[layer_set]") {
    const LayerSet set = areas_and_places();

    const auto areas = ids(set, set.nearest_places(kuta_position, 5, "administrasi"));
    CHECK(areas == std::vector<std::string>{"kabupaten/51.03", "desa/51.03.01.1001", "ibadah/2"});

    const auto worship = ids(set, set.nearest_places(kuta_position, 5, "ibadah"));
    CHECK(worship == std::vector<std::string>{"ibadah/2", "ibadah/1"});
}

TEST_CASE("LayerSet nearest_places ranks text by distance", "[layer_set]") {
    const LayerSet set = areas_and_places();

    const auto hits = set.nearest_places(kuta_position, 5, {}, "puskesmas");
    CHECK(ids(set, hits) == std::vector<std::string>{"faskes/1", "faskes/3"});
    REQUIRE(hits.size() == 2);
    CHECK(*hits[0].distance_m == Approx(badung::geo::haversine_m(kuta_position, {115.172, -8.722})));

    // The abbreviation folds as in search; "kuta" alone also matches the
    // desa, which is an area and so left out.
    CHECK(ids(set, set.nearest_places(kuta_position, 5, {}, "pkm")) ==
          std::vector<std::string>{"faskes/1", "faskes/3"});
    CHECK(ids(set, set.nearest_places(kuta_position, 1, {}, "kuta")) == std::vector<std::string>{"faskes/1"});
    CHECK(set.nearest_places(kuta_position, 5, {}, "bandara").empty());
}

TEST_CASE("LayerSet nearest_places drops needless typos", "[layer_set]") {
    const LayerSet set = areas_and_places();

    // "pura" is one edit from "puri": RS Puri Raharja counts only while no
    // feature matches without a typo.
    CHECK(ids(set, set.nearest_places(kuta_position, 5, {}, "pura")) == std::vector<std::string>{"ibadah/1"});
    CHECK(ids(set, set.nearest_places(kuta_position, 5, "kesehatan", "pura")) ==
          std::vector<std::string>{"faskes/4"});
}

TEST_CASE("hit JSON locates an area at a point inside it", "[layer_set]") {
    // A U-shaped desa, whose bbox centre (115.15, -8.65) lies in the gap
    // between its arms, and a MultiPolygon whose larger part comes second.
    const std::string u_shape =
        R"({"type":"Feature","id":"u","properties":{"name":"U"},"geometry":{"type":"Polygon","coordinates":[[)"
        R"([115.1,-8.7],[115.2,-8.7],[115.2,-8.6],[115.18,-8.6],[115.18,-8.68],[115.12,-8.68],[115.12,-8.6],)"
        R"([115.1,-8.6],[115.1,-8.7]]]}})";
    const std::string two_parts =
        R"({"type":"Feature","id":"m","properties":{"name":"M"},"geometry":{"type":"MultiPolygon","coordinates":[)"
        R"([[[115.3,-8.7],[115.31,-8.7],[115.31,-8.69],[115.3,-8.69],[115.3,-8.7]]],)"
        R"([[[115.4,-8.8],[115.5,-8.8],[115.5,-8.7],[115.4,-8.7],[115.4,-8.8]]]]}})";
    LayerSet set;
    set.add("desa", "administrasi", read_features(collection({u_shape, two_parts})));

    for (const std::string id : {"u", "m"}) {
        INFO(id);
        const auto& features = set.layers()[0].features.features();
        const auto at = std::find_if(features.begin(), features.end(),
                                     [&id](const auto& feature) { return feature.id_text() == id; });
        REQUIRE(at != features.end());
        const auto index = static_cast<std::size_t>(at - features.begin());
        rapidjson::Document doc;
        doc.Parse(badung::query::hit_json(set, LayerHit{0, index, std::nullopt, std::nullopt}).c_str());
        const LonLat location{doc["location"][0].GetDouble(), doc["location"][1].GetDouble()};
        INFO(location.lon << ", " << location.lat);

        const std::vector<std::string> layers{"desa"};
        const auto found = set.locate(location, layers);
        REQUIRE(found.front().has_value());
        CHECK(found.front()->feature == index);
        if (id == "m") {
            CHECK(location.lon > 115.4); // the larger part
        }
    }
}

TEST_CASE("LayerSet search finds a health facility by its own kind", "[layer_set]") {
    // The layer's title names all three kinds, so it gives no words and each
    // feature is found by its amenity tag.
    const std::array<std::string_view, 2> titles{"Apotek, klinik dan dokter (OSM)",
                                                 "Pharmacies, clinics and doctors (OSM)"};
    LayerSet set;
    set.add("faskes-osm", "kesehatan",
            read_features(collection({point_feature("1", R"({"name":"Apotek Kuta Raya","amenity":"pharmacy"})",
                                                    115.17, -8.72),
                                      point_feature("2", R"({"name":"Guardian Kuta","amenity":"pharmacy"})",
                                                    115.171, -8.72),
                                      point_feature("3", R"({"name":"Klinik Kuta Sehat","amenity":"clinic"})",
                                                    115.172, -8.72),
                                      point_feature("4", R"({"name":"Praktik Kuta","amenity":"veterinary"})",
                                                    115.173, -8.72)})),
            badung::query::title_search_terms(titles));

    const auto found = [&set](std::string_view text) {
        return ids(set, set.search(text, badung::search::SearchOptions{}));
    };
    const std::vector<std::string> pharmacies = found("apotek kuta");
    CHECK(std::find(pharmacies.begin(), pharmacies.end(), "faskes-osm/2") != pharmacies.end());
    CHECK(std::find(pharmacies.begin(), pharmacies.end(), "faskes-osm/3") == pharmacies.end());
    const std::vector<std::string> clinics = found("klinik kuta");
    CHECK(std::find(clinics.begin(), clinics.end(), "faskes-osm/3") != clinics.end());
    CHECK(std::find(clinics.begin(), clinics.end(), "faskes-osm/1") == clinics.end());
    CHECK(found("pharmacy guardian") == std::vector<std::string>{"faskes-osm/2"});
    // A kind outside the table gets no kind words, but its category words.
    CHECK(found("dokter kuta").empty());
    CHECK(found("kesehatan praktik") == std::vector<std::string>{"faskes-osm/4"});
}

TEST_CASE("LayerSet search ignores kinds of a listing title", "[layer_set]") {
    // As the catalog's faskes and desa layers: each title lists two kinds.
    const std::array<std::string_view, 2> faskes_titles{"Puskesmas dan rumah sakit",
                                                        "Community health centres and hospitals"};
    const std::array<std::string_view, 2> desa_titles{"Batas desa dan kelurahan",
                                                      "Village (desa/kelurahan) boundaries"};
    using badung::query::title_search_terms;
    CHECK(title_search_terms(faskes_titles).empty());
    CHECK(title_search_terms(desa_titles) == "village boundaries");

    LayerSet set;
    set.add("desa", "administrasi",
            read_features(collection({point_feature(R"("k")", R"({"name":"Kapal","jenis":"desa"})", 115.17, -8.58),
                                      point_feature(R"("t")", R"({"name":"Kuta","jenis":"kelurahan"})", 115.17,
                                                    -8.72)})),
            title_search_terms(desa_titles));
    set.add("faskes", "kesehatan",
            read_features(collection(
                {point_feature(R"("p")", R"({"name":"Puskesmas Tabanan I","jenis_faskes":"PUSKESMAS"})", 115.13,
                               -8.54),
                 point_feature(R"("r")", R"({"name":"RS Umum Daerah Tabanan","jenis_faskes":"RUMAH SAKIT"})",
                               115.12, -8.53)})),
            title_search_terms(faskes_titles));

    const auto found = [&set](std::string_view text) {
        return ids(set, set.search(text, badung::search::SearchOptions{}));
    };
    CHECK(found("puskesmas tabanan") == std::vector<std::string>{"faskes/p"});
    CHECK(found("pkm tabanan") == std::vector<std::string>{"faskes/p"});
    CHECK(found("rumah sakit tabanan") == std::vector<std::string>{"faskes/r"});
    CHECK(found("hospital tabanan") == std::vector<std::string>{"faskes/r"});
    CHECK(found("health centre tabanan") == std::vector<std::string>{"faskes/p"});
    CHECK(found("kesehatan tabanan").size() == 2);
    CHECK(found("kelurahan kuta") == std::vector<std::string>{"desa/t"});
    CHECK(found("desa kapal") == std::vector<std::string>{"desa/k"});
    CHECK(found("kelurahan kapal").empty());
    // "Desa" is the everyday word for a kelurahan too.
    CHECK(found("desa kuta") == std::vector<std::string>{"desa/t"});
    CHECK(found("village kuta") == std::vector<std::string>{"desa/t"});

    // Nearest to the hospital, the nearest puskesmas is still the puskesmas.
    const LonLat at_hospital{115.12, -8.53};
    CHECK(ids(set, set.nearest_places(at_hospital, 1, {}, "puskesmas")) == std::vector<std::string>{"faskes/p"});
    const LonLat at_puskesmas{115.13, -8.54};
    CHECK(ids(set, set.nearest_places(at_puskesmas, 1, {}, "rs")) == std::vector<std::string>{"faskes/r"});
}

TEST_CASE("LayerSet search finds state schools by SDN", "[layer_set]") {
    // Kemendikbud names some state schools "SD Nomor 1 ..." or "SD No. 6
    // ..."; their status property marks them as state (negeri) schools.
    LayerSet set;
    set.add("sekolah", "pendidikan",
            read_features(collection({point_feature("1", R"({"name":"SD Nomor 1 Kuta","status":"Negeri"})",
                                                    115.17, -8.72),
                                      point_feature("2", R"({"name":"SD No. 6 Pecatu","status":"Negeri"})",
                                                    115.12, -8.82),
                                      point_feature("3", R"({"name":"SD Nomor 1 Jimbaran","status":"Swasta"})",
                                                    115.16, -8.77),
                                      point_feature("4", R"({"name":"SD Negeri 1 Legian","status":"Negeri"})",
                                                    115.17, -8.70)})),
            "sekolah");

    const auto found = [&set](std::string_view text) {
        return ids(set, set.search(text, badung::search::SearchOptions{}));
    };
    CHECK(found("sdn 1 kuta") == std::vector<std::string>{"sekolah/1"});
    CHECK(found("sdn 6 pecatu") == std::vector<std::string>{"sekolah/2"});
    CHECK(found("sd no 6 pecatu") == std::vector<std::string>{"sekolah/2"});
    CHECK(found("sd nomor 6 pecatu") == std::vector<std::string>{"sekolah/2"});
    // A private school is no SDN, however it is named.
    CHECK(found("sdn 1 jimbaran").empty());
    CHECK(found("sd nomor 1 jimbaran") == std::vector<std::string>{"sekolah/3"});
}

TEST_CASE("LayerSet within rejects a non-area", "[layer_set]") {
    const std::string areas = collection({
        point_feature(R"("a")", R"({"name":"A point"})", 115.17, -8.72),
        R"({"type":"Feature","id":"l","properties":{},"geometry":{"type":"LineString","coordinates":[[115.1,-8.7],[115.2,-8.8]]}})",
        R"({"type":"Feature","id":"n","properties":{},"geometry":null})",
        R"({"type":"Feature","id":"g","properties":{},"geometry":{"type":"GeometryCollection","geometries":[{"type":"Point","coordinates":[115.17,-8.72]}]}})",
        R"({"type":"Feature","id":"e","properties":{},"geometry":{"type":"MultiPolygon","coordinates":[]}})",
    });
    LayerSet set;
    set.add("areas", "", read_features(areas));
    set.add("places", "", read_features(collection({point_feature("1", "{}", 115.17, -8.72)})));

    using badung::query::NotAnArea;
    CHECK_THROWS_AS(set.within("areas", "a", "places"), NotAnArea);
    CHECK_THROWS_WITH(set.within("areas", "a", "places"), Catch::Contains("'a' is a Point"));
    CHECK_THROWS_WITH(set.within("areas", "l", "places"), Catch::Contains("'l' is a LineString"));
    CHECK_THROWS_WITH(set.within("areas", "n", "places"), Catch::Contains("'n' has no geometry"));
    CHECK_THROWS_WITH(set.within("areas", "g", "places"), Catch::Contains("'g' is a GeometryCollection"));
    // The finder turns std::invalid_argument into an error the JS API throws.
    CHECK_THROWS_AS(set.within("areas", "a", "places"), std::invalid_argument);
    // An empty MultiPolygon is still an area, one that contains nothing.
    CHECK(set.within("areas", "e", "places").empty());
}

// The finder's queries over the real Badung facility layers of
// geodata/sources, loaded as the browser loads the built layers. They get
// the catalog's ids, categories and titles, the names and ids of its
// rules, and the twin_of marks that the data tool adds.

#include "core/geojson/reader.hpp"
#include "core/query/layer_set.hpp"
#include "core/query/place_kinds.hpp"
#include "core/query/search_records.hpp"
#include "core/query/twins.hpp"

#include "test_data.hpp"

#include <catch2/catch.hpp>

#include <array>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

using badung::geo::LonLat;
using badung::geojson::Feature;
using badung::geojson::Value;
using badung::query::LayerHit;
using badung::query::LayerSet;

namespace {

struct SourceLayer {
    std::string id;
    std::string category;
    std::string path; // under geodata/sources
    std::string title_id;
    std::string title_en;
};

std::string text_property(const Feature& feature, std::string_view key) {
    const Value* value = feature.property(key);
    return value != nullptr && value->kind == Value::Kind::string ? value->text : std::string();
}

// Gives a Kemenkes facility the id and name the catalog's rules give it:
// the id is kode_faskes, a puskesmas is named "Puskesmas <nama_faskes>".
void name_as_built(Feature& feature) {
    feature.id = Value{Value::Kind::string, false, text_property(feature, "kode_faskes")};
    const std::string name = text_property(feature, "nama_faskes");
    const bool puskesmas = text_property(feature, "jenis_faskes") == "PUSKESMAS";
    feature.properties.insert(feature.properties.begin(),
                              {"name", Value{Value::Kind::string, false, puskesmas ? "Puskesmas " + name : name}});
}

// Gives an OpenStreetMap medical node the id of the catalog's id template.
void id_as_built(Feature& feature) {
    const Value* row = feature.property("src_row");
    REQUIRE(row != nullptr);
    feature.id = Value{Value::Kind::string, false, "medis-" + row->to_display()};
}

// Adds twin_of to the features of osm that find_twins pairs with one of
// faskes, with the catalog's limit of 3 km, as the data tool does.
void mark_twins(const std::vector<Feature>& faskes, std::vector<Feature>& osm) {
    const badung::query::FeatureLayer official(faskes);
    const badung::query::FeatureLayer secondary(osm);
    for (const badung::query::Twin& twin :
         badung::query::find_twins(official, "kesehatan", secondary, "kesehatan", 3000.0)) {
        const std::string id = secondary.features()[twin.feature].id_text();
        for (Feature& feature : osm) {
            if (feature.id_text() == id) {
                const std::string target = "faskes/" + official.features()[twin.official].id_text();
                feature.properties.emplace_back(std::string(badung::query::twin_of_key),
                                                Value{Value::Kind::string, false, target});
            }
        }
    }
}

const LayerSet& badung_facilities() {
    static const LayerSet set = [] {
        const std::vector<SourceLayer> sources{
            {"sekolah", "pendidikan", "poi/sekolah_badung_kemdikbud2019.geojson", "Sekolah (SD, SMP, SMA, SMK, SLB)",
             "Schools (primary to upper secondary)"},
            {"faskes", "kesehatan", "poi/faskes_kemenkes_bppsdmk2019_badung_area.geojson", "Puskesmas dan rumah sakit",
             "Community health centres and hospitals"},
            {"faskes-osm", "kesehatan", "poi/osm_medical_nodes_bali2022_bbox.geojson",
             "Apotek, klinik dan dokter (OSM)", "Pharmacies, clinics and doctors (OSM)"},
            {"ibadah", "ibadah", "osm/osm_places_of_worship_points_bbox.geojson", "Tempat ibadah",
             "Places of worship"},
            {"pantai", "pantai", "osm/osm_beaches_badung_sample.geojson", "Pantai", "Beaches"},
            {"halte", "transportasi", "transit/osm_bus_stops_on_routes_bali.geojson", "Halte bus", "Bus stops"},
        };
        std::vector<std::vector<Feature>> layers;
        for (const SourceLayer& source : sources) {
            std::vector<Feature>& features = layers.emplace_back(
                badung::geojson::read(badung::test::read_test_file("../../geodata/sources/" + source.path)).features);
            for (Feature& feature : features) {
                if (source.id == "faskes") {
                    name_as_built(feature);
                } else if (source.id == "faskes-osm") {
                    id_as_built(feature);
                }
            }
        }
        mark_twins(layers[1], layers[2]);

        LayerSet loaded;
        for (std::size_t i = 0; i < sources.size(); ++i) {
            const std::array<std::string_view, 2> titles{sources[i].title_id, sources[i].title_en};
            loaded.add(sources[i].id, sources[i].category, std::move(layers[i]),
                       badung::query::title_search_terms(titles));
        }
        return loaded;
    }();
    return set;
}

const Feature& feature_of(const LayerSet& set, const LayerHit& hit) {
    return set.layers()[hit.layer].features.features()[hit.feature];
}

std::string kind_of(const LayerSet& set, const LayerHit& hit) {
    const badung::query::PlaceKind* kind = badung::query::feature_kind(set, hit.layer, hit.feature);
    return kind == nullptr ? std::string() : std::string(kind->slug);
}

// Kapal, in Mengwi: near the RSUD Mangusada and the bus stops named after it.
constexpr LonLat kapal{115.18, -8.575};

std::vector<LayerHit> search_all(const LayerSet& set, std::string_view text) {
    badung::search::SearchOptions options;
    options.centre = kapal;
    options.limit = 100000;
    return set.search(text, options);
}

} // namespace

TEST_CASE("Badung search ranks the named kind first", "[search][badung]") {
    const LayerSet& set = badung_facilities();
    const std::vector<std::pair<std::string, std::string>> cases{
        {"rsud", "rumah-sakit"}, {"rs", "rumah-sakit"}, {"rumah sakit", "rumah-sakit"}, {"pkm", "puskesmas"},
        {"puskesmas", "puskesmas"}, {"sd", "sekolah"},  {"smp", "sekolah"},             {"sma", "sekolah"},
        {"smk", "sekolah"},          {"pura", "ibadah"}, {"pantai", "pantai"},
    };
    for (const auto& [text, kind] : cases) {
        const std::vector<LayerHit> hits = search_all(set, text);
        INFO("query '" << text << "'");
        REQUIRE(!hits.empty());
        CHECK(kind_of(set, hits.front()) == kind);

        // Every hit of the kind comes before every hit of another kind.
        std::size_t first_other = hits.size();
        for (std::size_t i = 0; i < hits.size(); ++i) {
            if (kind_of(set, hits[i]) != kind) {
                first_other = i;
                break;
            }
        }
        for (std::size_t i = first_other; i < hits.size(); ++i) {
            INFO("hit " << i << ": " << text_property(feature_of(set, hits[i]), "name"));
            CHECK(kind_of(set, hits[i]) != kind);
        }
    }
}

TEST_CASE("Badung search rsud finds Mangusada before bus stops", "[search][badung]") {
    const LayerSet& set = badung_facilities();
    const std::vector<LayerHit> hits = search_all(set, "rsud");
    REQUIRE(hits.size() >= 4);
    CHECK(text_property(feature_of(set, hits.front()), "name") == "RS Umum Daerah Kab. Badung Mangusada");

    // The stops "RSUD Kapal Utara" and "RSUD Kapal Selatan" match the word
    // itself, the hospitals only its expansion, yet come after them.
    std::size_t stops = 0;
    std::size_t last_hospital = 0;
    std::size_t first_stop = hits.size();
    for (std::size_t i = 0; i < hits.size(); ++i) {
        if (set.layers()[hits[i].layer].id == "halte") {
            ++stops;
            first_stop = std::min(first_stop, i);
        }
        if (kind_of(set, hits[i]) == "rumah-sakit") {
            last_hospital = i;
        }
    }
    CHECK(stops >= 2);
    CHECK(last_hospital < first_stop);
}

namespace {

constexpr const char* kind_results_file = "query/badung_kind_search_results.txt";

// One line per hit: "<query> <rank> <layer>/<feature> <distance in m>",
// for the first 20 hits of each query from Kapal. The feature is its id, or
// "#<position>" in a source without ids.
std::vector<std::string> kind_search_results() {
    const LayerSet& set = badung_facilities();
    std::vector<std::string> lines;
    for (const std::string query : {"rsud", "rs", "rumah sakit", "pkm", "puskesmas kuta", "sd", "smp", "sma", "smk",
                                    "pura dalem", "pantai", "halte"}) {
        badung::search::SearchOptions options;
        options.centre = kapal;
        options.limit = 20;
        const std::vector<LayerHit> hits = set.search(query, options);
        for (std::size_t rank = 0; rank < hits.size(); ++rank) {
            char distance[64];
            std::snprintf(distance, sizeof distance, "%.4f", *hits[rank].distance_m);
            std::string feature = feature_of(set, hits[rank]).id_text();
            if (feature.empty()) {
                feature = "#" + std::to_string(hits[rank].feature);
            }
            lines.push_back(query + " " + std::to_string(rank) + " " + set.layers()[hits[rank].layer].id + "/" +
                            feature + " " + distance);
        }
    }
    return lines;
}

} // namespace

// The native and wasm builds compare against one file of expected results,
// recorded natively by the hidden test below:
//   badung_core_tests "[.][record-badung]"
TEST_CASE("Badung kind search matches the record", "[search][badung]") {
    const std::vector<std::string> computed = kind_search_results();
    std::istringstream recorded(badung::test::read_test_file(kind_results_file));
    std::vector<std::string> expected;
    for (std::string line; std::getline(recorded, line);) {
        expected.push_back(line);
    }
    REQUIRE(computed.size() == expected.size());

    for (std::size_t i = 0; i < computed.size(); ++i) {
        // Everything but the distance must match exactly, the distance to 1 mm.
        const std::size_t computed_cut = computed[i].rfind(' ');
        const std::size_t expected_cut = expected[i].rfind(' ');
        INFO("line " << i + 1 << ": " << computed[i]);
        REQUIRE(computed[i].substr(0, computed_cut) == expected[i].substr(0, expected_cut));
        // A school without a location has the distance "inf".
        const double computed_m = std::stod(computed[i].substr(computed_cut + 1));
        const double expected_m = std::stod(expected[i].substr(expected_cut + 1));
        if (std::isinf(expected_m)) {
            CHECK(computed_m == expected_m);
        } else {
            CHECK(std::abs(computed_m - expected_m) <= 0.001);
        }
    }
}

TEST_CASE("Badung kind search record", "[.][record-badung]") {
    std::ofstream out(std::string(BADUNG_TEST_DATA) + "/" + kind_results_file, std::ios::binary);
    for (const std::string& line : kind_search_results()) {
        out << line << '\n';
    }
    REQUIRE(out.good());
}

namespace {

std::string id_of(const LayerSet& set, const LayerHit& hit) {
    return set.layers()[hit.layer].id + "/" + feature_of(set, hit).id_text();
}

// Where OpenStreetMap maps Puskesmas Petang II, 1.6 km from the Kemenkes entry.
constexpr LonLat osm_petang_ii{115.225855, -8.2953139};

} // namespace

TEST_CASE("Badung OSM twins of Kemenkes entries", "[twins][badung]") {
    const LayerSet& set = badung_facilities();
    std::vector<std::string> twins;
    for (std::size_t l = 0; l < set.layers().size(); ++l) {
        for (std::size_t f = 0; f < set.layers()[l].features.size(); ++f) {
            if (set.is_twin(l, f)) {
                const Feature& feature = set.layers()[l].features.features()[f];
                twins.push_back(set.layers()[l].id + ": " + text_property(feature, "name") + " -> " +
                                text_property(feature, "twin_of"));
            }
        }
    }
    CHECK(twins == std::vector<std::string>{
                       "faskes-osm: Rumah Sakit Ibu Dan Anak Harapan Bunda -> faskes/R5171166",
                       "faskes-osm: puskesmas petang II -> faskes/P5103060202",
                   });
}

TEST_CASE("Badung puskesmas row prefers the Kemenkes entry", "[twins][badung]") {
    const LayerSet& set = badung_facilities();

    const auto kinds = badung::query::nearest_of_each_kind(set, osm_petang_ii);
    REQUIRE(!kinds.empty());
    CHECK(kinds.front().kind->slug == "puskesmas");
    CHECK(id_of(set, kinds.front().hit) == "faskes/P5103060202");
    CHECK(*kinds.front().hit.distance_m == Approx(1555.0).margin(5.0));

    for (const LayerHit& hit : set.nearest_places(osm_petang_ii, 50)) {
        INFO(id_of(set, hit));
        CHECK_FALSE(set.is_twin(hit.layer, hit.feature));
    }

    badung::search::SearchOptions options;
    options.centre = osm_petang_ii;
    const std::vector<LayerHit> found = set.search("puskesmas petang ii", options);
    REQUIRE(!found.empty());
    CHECK(id_of(set, found.front()) == "faskes/P5103060202");
    for (const LayerHit& hit : found) {
        INFO(id_of(set, hit));
        CHECK(set.layers()[hit.layer].id != "faskes-osm");
    }
}

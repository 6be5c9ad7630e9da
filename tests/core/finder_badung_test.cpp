// The finder's queries over the real Badung facility layers of
// geodata/sources, loaded as the browser loads the built layers: the
// catalog's ids, categories and titles, and the Kemenkes names from the
// catalog's name rule.

#include "core/geojson/reader.hpp"
#include "core/query/layer_set.hpp"
#include "core/query/place_kinds.hpp"
#include "core/query/search_records.hpp"

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
        LayerSet loaded;
        for (const SourceLayer& source : sources) {
            std::vector<Feature> features =
                badung::geojson::read(badung::test::read_test_file("../../geodata/sources/" + source.path)).features;
            if (source.id == "faskes") {
                for (Feature& feature : features) {
                    name_as_built(feature);
                }
            }
            const std::array<std::string_view, 2> titles{source.title_id, source.title_en};
            loaded.add(source.id, source.category, std::move(features), badung::query::title_search_terms(titles));
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
        CHECK(std::abs(std::stod(computed[i].substr(computed_cut + 1)) -
                       std::stod(expected[i].substr(expected_cut + 1))) <= 0.001);
    }
}

TEST_CASE("Badung kind search record", "[.][record-badung]") {
    std::ofstream out(std::string(BADUNG_TEST_DATA) + "/" + kind_results_file, std::ios::binary);
    for (const std::string& line : kind_search_results()) {
        out << line << '\n';
    }
    REQUIRE(out.good());
}

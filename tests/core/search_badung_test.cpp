// Search over the real Badung source layers shipped in geodata/sources.

#include "core/geojson/reader.hpp"
#include "core/query/feature_layer.hpp"
#include "core/query/search_records.hpp"
#include "core/search/fold.hpp"
#include "core/search/search_index.hpp"

#include "test_data.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <chrono>
#include <regex>
#include <string>
#include <vector>

using badung::query::FeatureLayer;
using badung::search::SearchIndex;
using badung::search::SearchOptions;
using badung::search::SearchRecord;

namespace {

struct BadungLayers {
    std::vector<FeatureLayer> layers;
    std::vector<std::uint32_t> first_items;
    std::vector<SearchRecord> records;
};

const BadungLayers& badung_layers() {
    static const BadungLayers loaded = [] {
        const std::vector<std::pair<std::string, std::string>> sources{
            {"poi/sekolah_badung_kemdikbud2019.geojson", "pendidikan"},
            {"poi/osm_medical_nodes_bali2022_bbox.geojson", "kesehatan"},
            {"osm/osm_places_of_worship_points_bbox.geojson", "ibadah"},
            {"osm/osm_beaches_badung_sample.geojson", "pantai"},
            {"transit/osm_bus_stops_on_routes_bali.geojson", "transportasi"},
        };
        BadungLayers result;
        for (const auto& [path, category] : sources) {
            const auto collection =
                badung::geojson::read(badung::test::read_test_file("../../geodata/sources/" + path));
            result.layers.emplace_back(collection.features);
        }
        // Items run on across layers, so records[item] is the item's record.
        for (std::size_t i = 0; i < result.layers.size(); ++i) {
            result.first_items.push_back(static_cast<std::uint32_t>(result.records.size()));
            badung::query::append_search_records(result.layers[i], sources[i].second, "", result.first_items[i],
                                                 result.records);
        }
        return result;
    }();
    return loaded;
}

// Spells 1 to 999 in Indonesian words, as a resident would type them.
std::string spell_indonesian(int value) {
    static const char* const units[] = {"",     "satu",  "dua",   "tiga",    "empat",
                                        "lima", "enam",  "tujuh", "delapan", "sembilan"};
    std::string words;
    const auto append = [&](const std::string& word) { words += (words.empty() ? "" : " ") + word; };
    if (value >= 200) {
        append(std::string(units[value / 100]) + " ratus");
    } else if (value >= 100) {
        append("seratus");
    }
    const int below_hundred = value % 100;
    if (below_hundred == 10) {
        append("sepuluh");
    } else if (below_hundred == 11) {
        append("sebelas");
    } else if (below_hundred > 11 && below_hundred < 20) {
        append(std::string(units[below_hundred - 10]) + " belas");
    } else if (below_hundred >= 20) {
        append(std::string(units[below_hundred / 10]) + " puluh");
        if (below_hundred % 10 != 0) {
            append(units[below_hundred % 10]);
        }
    } else if (below_hundred > 0) {
        append(units[below_hundred]);
    }
    return words;
}

} // namespace

TEST_CASE("badung search finds every SD Negeri", "[search]") {
    const BadungLayers& badung = badung_layers();
    const SearchIndex index(badung.records);
    REQUIRE(index.size() > 1000);

    // Every "SD NEGERI <n> <place>" must come back for "sdn <n> <place>",
    // for the typed-out "sekolah dasar negeri <n> <place>" and for the
    // number in words, as in "sd negeri dua belas jimbaran".
    const std::regex pattern("SD NEGERI ([0-9]+) (.+)");
    SearchOptions options;
    options.limit = 200;
    int checked = 0;
    for (const SearchRecord& record : badung.records) {
        std::smatch match;
        if (!std::regex_match(record.name, match, pattern)) {
            continue;
        }
        const std::string number = match[1];
        const std::string place = match[2];
        const std::string number_words = spell_indonesian(std::stoi(number));
        for (const std::string& query : {"sdn " + number + " " + place, "sekolah dasar negeri " + number + " " + place,
                                          "sd negeri " + number + " " + place,
                                          "sd negeri " + number_words + " " + place}) {
            const auto hits = index.search(query, options);
            INFO("query '" << query << "' for '" << record.name << "'");
            const bool found = std::any_of(hits.begin(), hits.end(),
                                           [&](const auto& hit) { return hit.item == record.item; });
            REQUIRE(found);
        }
        ++checked;
    }
    CHECK(checked > 100);
}

TEST_CASE("badung search typos and abbreviations", "[search]") {
    const BadungLayers& badung = badung_layers();
    const SearchIndex index(badung.records);

    const auto names_of = [&](const std::vector<badung::search::SearchHit>& hits) {
        std::vector<std::string> names;
        for (const auto& hit : hits) {
            names.push_back(badung::search::fold(badung.records[hit.item].name));
        }
        return names;
    };

    const auto kapal = names_of(index.search("skolah dasar negri 1 kapal"));
    REQUIRE(!kapal.empty());
    CHECK(kapal.front() == "sd negeri 1 kapal");

    const auto smp = names_of(index.search("smpn 1 mengwi"));
    REQUIRE(!smp.empty());
    CHECK(smp.front() == "smp negeri 1 mengwi");

    // Category words in both languages reach the layer's features.
    CHECK(index.search("beach ", {std::nullopt, 100}).size() >= 5);
    CHECK(!index.search("apotek").empty());
}

TEST_CASE("badung search keystroke time", "[.][bench][search]") {
    const BadungLayers& badung = badung_layers();
    const SearchIndex index(badung.records);

    std::vector<double> times_ms;
    SearchOptions options;
    options.centre = badung::geo::LonLat{115.17, -8.7};
    for (const std::string phrase : {"sd negeri 1 kapal", "pura dalem", "puskesmass kuta", "smpn 2 mengwi",
                                     "halte bus", "apotek kimia farma", "skolah dasar abiansemal"}) {
        for (std::size_t length = 1; length <= phrase.size(); ++length) {
            const auto start = std::chrono::steady_clock::now();
            index.search(phrase.substr(0, length), options);
            const auto stop = std::chrono::steady_clock::now();
            times_ms.push_back(std::chrono::duration<double, std::milli>(stop - start).count());
        }
    }
    std::sort(times_ms.begin(), times_ms.end());
    const double p95 = times_ms[times_ms.size() * 95 / 100];
    WARN("Badung search over " << index.size() << " records: keystroke p95 " << p95 << " ms, max "
                               << times_ms.back() << " ms");
    CHECK(p95 < 16.0);
}

TEST_CASE("badung search typed school forms", "[search]") {
    const BadungLayers& badung = badung_layers();
    const SearchIndex index(badung.records);
    SearchOptions options;
    options.centre = badung::geo::LonLat{115.17, -8.70};

    const auto first_name = [&](const std::string& query) {
        const auto hits = index.search(query, options);
        return hits.empty() ? std::string("(none)") : badung::search::fold(badung.records[hits[0].item].name);
    };
    CHECK(first_name("SD N 1 Mengwi") == "sd negeri 1 mengwi");
    CHECK(first_name("SDN1 Mengwi") == "sd negeri 1 mengwi");
    CHECK(first_name("SD N 1 Kuta") == "sd nomor 1 kuta");
    CHECK(first_name("sdn 1 carangsari") == "sd n 1 carangsari");
    CHECK(first_name("SMAN1 Kuta") == "sman 1 kuta");
    CHECK(first_name("SMA N 1 Kuta") == "sman 1 kuta");
    CHECK(first_name("SMPN2 Kuta") == "smp negeri 2 kuta");
    CHECK(first_name("smks pariwisata dalung") == "smks pariwisata dalung");

    // "smk pariwisata" finds every SMKS Pariwisata.
    const auto pariwisata = index.search("smk pariwisata", options);
    int private_schools = 0;
    for (const auto& hit : pariwisata) {
        const std::string name = badung::search::fold(badung.records[hit.item].name);
        private_schools += name.rfind("smks pariwisata", 0) == 0 ? 1 : 0;
    }
    CHECK(private_schools == 3);

    // "nusadua" finds the places named Nusa Dua first, then those with
    // Nusa Dua in their address, and nothing else.
    const auto nusadua = index.search("nusadua ", options);
    REQUIRE(nusadua.size() >= 4);
    CHECK(nusadua[3].field == badung::search::MatchField::name);
    for (const auto& hit : nusadua) {
        const SearchRecord& record = badung.records[hit.item];
        const bool in_name = hit.field == badung::search::MatchField::name;
        const std::string text = badung::search::fold(in_name ? record.name : record.address);
        INFO("hit '" << record.name << "', address '" << record.address << "'");
        CHECK(text.find("nusa dua") != std::string::npos);
    }

    // A lone status letter matches only names with that word.
    for (const auto& hit : index.search("n ", options)) {
        const auto words = badung::search::tokenize(badung.records[hit.item].name);
        CHECK(std::find(words.begin(), words.end(), "n") != words.end());
    }
}

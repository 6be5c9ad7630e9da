#include "core/search/abbreviations.hpp"
#include "core/search/categories.hpp"
#include "core/search/edit_distance.hpp"
#include "core/search/fold.hpp"
#include "core/search/search_index.hpp"

#include "test_random.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <chrono>
#include <string>
#include <vector>

using badung::search::fold;
using badung::search::MatchQuality;
using badung::search::SearchHit;
using badung::search::SearchIndex;
using badung::search::SearchOptions;
using badung::search::SearchRecord;
using badung::search::tokenize;
using Words = std::vector<std::string>;

namespace {

std::vector<SearchRecord> sample_records() {
    return {
        {0, "Jalan Sunset Road", "", "Kuta", {115.170, -8.700}},
        {1, "Rumah Sakit Umum Daerah Mangusada", "kesehatan", "Jl. Raya Kapal, Mengwi", {115.185, -8.580}},
        {2, "SDN 1 Kuta", "pendidikan", "Jl. Raya Kuta", {115.172, -8.720}},
        {3, "SD Negeri 2 Kuta", "pendidikan", "Jl. Kartika Plaza", {115.168, -8.730}},
        {4, "Puskesmas Kuta Selatan", "kesehatan", "Jl. Raya Uluwatu", {115.160, -8.790}},
        {5, "Pantai Kuta", "pantai", "", {115.168, -8.718}},
        {6, "Café Crème", "", "Seminyak", {115.160, -8.690}},
        {7, "Pura Luhur Uluwatu", "ibadah", "Pecatu", {115.085, -8.829}},
        {8, "RS Siloam", "kesehatan", "Jl. Sunset Road", {115.175, -8.705}},
        {9, "Gg. Melati", "", "Dalung", {115.170, -8.620}},
        {10, "Kantor Desa Dalung", "pemerintahan", "Br. Tegal, Ds. Dalung", {115.171, -8.621}},
        {11, "Kutaraja Residence", "", "Mengwi", {115.190, -8.560}},
        {12, "Kuda Laut Diving", "", "Tanjung Benoa", {115.220, -8.760}},
        {13, "Halte Bus Dewi Sri", "transportasi", "Jl. Dewi Sri", {115.175, -8.710}},
    };
}

std::vector<std::uint32_t> items_of(const std::vector<SearchHit>& hits) {
    std::vector<std::uint32_t> items;
    for (const SearchHit& hit : hits) {
        items.push_back(hit.item);
    }
    return items;
}

std::vector<std::uint32_t> sorted_items(const std::vector<SearchHit>& hits) {
    std::vector<std::uint32_t> items = items_of(hits);
    std::sort(items.begin(), items.end());
    return items;
}

using Items = std::vector<std::uint32_t>;

} // namespace

TEST_CASE("fold case and diacritics", "[search]") {
    CHECK(fold("Café Crème") == "cafe creme");
    CHECK(fold("CAFE\xCC\x81") == "cafe");             // NFD: e + U+0301
    CHECK(fold("Cafe\xCC\x81 Cre\xCC\x80me") == fold("Café Crème"));
    CHECK(fold("Straße") == "strasse");
    CHECK(fold("Œuvre Ærø") == "oeuvre aero");
    CHECK(fold("ŁÓDŹ Şişli Đakovo") == "lodz sisli dakovo");
    CHECK(fold("Jum'at Jum’at") == "jumat jumat");
    CHECK(fold("Jl. Sunset Road, No.5") == "jl sunset road no 5");
    CHECK(fold("  Kuta\xE2\x80\x93Legian ") == " kuta legian ");
}

TEST_CASE("fold keeps other scripts whole", "[search]") {
    // Balinese script (U+1B00 block) passes through as it is.
    const std::string balinese = "\xE1\xAC\xA9\xE1\xAC\xA4\xE1\xAD\x82";
    CHECK(fold(balinese) == balinese);
    CHECK(tokenize("Badung " + balinese + "!") == Words{"badung", balinese});
}

TEST_CASE("fold treats invalid UTF-8 as separator", "[search]") {
    CHECK(fold("ab\xFF" "cd") == "ab cd");
    CHECK(fold("ab\xC3") == "ab ");           // truncated sequence
    CHECK(fold("ab\xE0\x80\x80" "cd") == "ab cd"); // overlong form
    CHECK(tokenize("\xC0\xAF") == Words{});
}

TEST_CASE("tokenize splits at punctuation", "[search]") {
    CHECK(tokenize("Jl. Raya Kuta No. 12, Kuta-Badung") ==
          Words{"jl", "raya", "kuta", "no", "12", "kuta", "badung"});
    CHECK(tokenize("Kel./Ds. Dalung (Br. Tegal)") == Words{"kel", "ds", "dalung", "br", "tegal"});
    CHECK(tokenize("") == Words{});
    CHECK(tokenize(" ,.; ") == Words{});
}

TEST_CASE("osa_distance counts adjacent swaps", "[search]") {
    using badung::search::osa_distance;
    CHECK(osa_distance(U"ab", U"ba") == 1);
    CHECK(osa_distance(U"puskesmass", U"puskesmas") == 1);
    CHECK(osa_distance(U"skolah", U"sekolah") == 1);
    CHECK(osa_distance(U"pusksemas", U"puskesmas") == 1);
    CHECK(osa_distance(U"ca", U"abc") == 3); // OSA edits no letter twice
    CHECK(osa_distance(U"", U"kuta") == 4);
    CHECK(osa_distance(U"kuta", U"kuta") == 0);
}

TEST_CASE("max_typo_edits by word length", "[search]") {
    using badung::search::max_typo_edits;
    CHECK(max_typo_edits(3) == 0);
    CHECK(max_typo_edits(4) == 1);
    CHECK(max_typo_edits(7) == 1);
    CHECK(max_typo_edits(8) == 2);
}

TEST_CASE("abbreviation table expansions", "[search]") {
    using badung::search::expansion_of;
    const auto rsud = expansion_of("rsud");
    CHECK(std::vector<std::string_view>(rsud.begin(), rsud.end()) ==
          std::vector<std::string_view>{"rumah", "sakit", "umum", "daerah"});
    CHECK(expansion_of("jl").size() == 1);
    CHECK(expansion_of("jalan").empty());
    CHECK(expansion_of("").empty());
}

TEST_CASE("categories table by slug", "[search]") {
    using badung::search::find_category;
    REQUIRE(badung::search::categories().size() == 6);
    const Words slugs{"pendidikan", "kesehatan", "ibadah", "transportasi", "pantai", "pemerintahan"};
    for (const std::string& slug : slugs) {
        INFO(slug);
        REQUIRE(find_category(slug) != nullptr);
        CHECK(!find_category(slug)->name_id.empty());
        CHECK(!find_category(slug)->name_en.empty());
    }
    CHECK(find_category("kesehatan")->name_en == "Health");
    CHECK(find_category("unknown") == nullptr);
}

TEST_CASE("search expands abbreviations", "[search]") {
    const SearchIndex index(sample_records());

    const auto sunset = index.search("jl sunset");
    CHECK(sorted_items(sunset) == Items{0, 8});
    CHECK(index.search("rsud") == std::vector<SearchHit>{{1, MatchQuality::abbreviation, 0.0}});
    CHECK(items_of(index.search("sd negeri 1 kuta")) == Items{2});
    CHECK(items_of(index.search("sdn 2 kuta")) == Items{3});
    CHECK(items_of(index.search("sekolah dasar negeri 1")) == Items{2});
    CHECK(items_of(index.search("rumah sakit mangusada")) == Items{1});
    CHECK(items_of(index.search("gang melati")) == Items{9});
    CHECK(items_of(index.search("desa dalung")) == Items{10});
    CHECK(items_of(index.search("banjar tegal")) == Items{10});
    CHECK(items_of(index.search("jalan dewi sri")) == Items{13});
}

TEST_CASE("search ranks exact before abbreviation", "[search]") {
    const SearchIndex index(sample_records());

    // "RS Siloam" holds the word "rs"; Mangusada matches through "rumah sakit".
    const auto hits = index.search("rs ");
    REQUIRE(hits.size() == 2);
    CHECK(hits[0] == SearchHit{8, MatchQuality::exact, 0.0});
    CHECK(hits[1] == SearchHit{1, MatchQuality::abbreviation, 0.0});
}

TEST_CASE("search tolerates typos", "[search]") {
    const SearchIndex index(sample_records());

    const auto puskesmas = index.search("puskesmass");
    REQUIRE(puskesmas.size() == 1);
    CHECK(puskesmas[0].item == 4);
    CHECK(puskesmas[0].quality == MatchQuality::typo);

    // "skolah" is one insertion from the category word "sekolah".
    CHECK(sorted_items(index.search("skolah ")) == Items{2, 3});
    CHECK(items_of(index.search("pusksemas")) == Items{4});
    CHECK(items_of(index.search("mangusda")) == Items{1});
    CHECK(items_of(index.search("mnagusada")) == Items{1});
    // Two edits need 8 letters or more.
    CHECK(items_of(index.search("mangsuadaa")) == Items{1});
    CHECK(index.search("ulwtu ").empty());
}

TEST_CASE("search short words get no typo", "[search]") {
    const SearchIndex index(sample_records());

    // "kut" is complete (not the last word): 3 letters, so no typo match.
    CHECK(index.search("kut pantai").empty());
    CHECK(index.search("kut ").empty());
    CHECK(index.search("rs1 ").empty());
    // Numbers never match by typo: 1 and 2 are different schools.
    CHECK(items_of(index.search("sdn 3 kuta")) == Items{});
}

TEST_CASE("search prefix of last word", "[search]") {
    const SearchIndex index(sample_records());

    CHECK(items_of(index.search("pantai kut")) == Items{5});
    CHECK(sorted_items(index.search("mangu")) == Items{1});
    CHECK(index.search("mangu ").empty());
    // A prefix of an abbreviation as typed.
    CHECK(items_of(index.search("rsu")) == Items{1});
}

TEST_CASE("search quality order", "[search]") {
    const SearchIndex index(sample_records());

    // Exact "kuta" words, then the prefix "kutaraja", then the typo "kuda".
    const auto hits = index.search("kuta");
    REQUIRE(hits.size() >= 3);
    for (std::size_t i = 1; i < hits.size(); ++i) {
        CHECK(hits[i - 1].quality <= hits[i].quality);
    }
    CHECK(hits[hits.size() - 2] == SearchHit{11, MatchQuality::prefix, 0.0});
    CHECK(hits.back() == SearchHit{12, MatchQuality::typo, 0.0});
}

TEST_CASE("search orders by distance then item", "[search]") {
    const SearchIndex index(sample_records());

    SearchOptions options;
    options.centre = badung::geo::LonLat{115.160, -8.790}; // at Puskesmas Kuta Selatan
    const auto hits = index.search("uluwatu", options);
    REQUIRE(hits.size() == 2);
    CHECK(hits[0].item == 4);
    CHECK(hits[0].distance_m == 0.0);
    CHECK(hits[1].item == 7);
    CHECK(hits[1].distance_m > 8000.0);

    // Same place, so the lower item comes first.
    std::vector<SearchRecord> twins{{5, "Pura Dalem", "", "", {115.2, -8.6}},
                                    {3, "Pura Desa", "", "", {115.2, -8.6}}};
    const SearchIndex twin_index(twins);
    CHECK(items_of(twin_index.search("pura", options)) == Items{3, 5});

    options.limit = 1;
    CHECK(index.search("uluwatu", options).size() == 1);
}

TEST_CASE("search folds diacritics both ways", "[search]") {
    const SearchIndex index(sample_records());

    CHECK(items_of(index.search("cafe creme")) == Items{6});
    CHECK(items_of(index.search("CAFÉ")) == Items{6});
    CHECK(items_of(index.search("cafe\xCC\x81 cre\xCC\x80me")) == Items{6});
    CHECK(index.search("").empty());
    CHECK(index.search("  ,. ").empty());
}

TEST_CASE("search category names in both languages", "[search]") {
    const SearchIndex index(sample_records());

    CHECK(sorted_items(index.search("kesehatan")) == Items{1, 4, 8});
    CHECK(sorted_items(index.search("health ")) == Items{1, 4, 8});
    CHECK(sorted_items(index.search("beach ")) == Items{5});
    CHECK(sorted_items(index.search("school uluwatu")) == Items{});
}

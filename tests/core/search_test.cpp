#include "core/query/search_records.hpp"
#include "core/search/abbreviations.hpp"
#include "core/search/categories.hpp"
#include "core/search/edit_distance.hpp"
#include "core/search/fold.hpp"
#include "core/search/numerals.hpp"
#include "core/search/search_index.hpp"

#include "test_random.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <limits>
#include <string>
#include <vector>

using badung::search::fold;
using badung::search::MatchField;
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

TEST_CASE("tokenize splits digits from letters", "[search]") {
    CHECK(tokenize("SDN1 Mengwi") == Words{"sdn", "1", "mengwi"});
    CHECK(tokenize("SMPN2") == Words{"smpn", "2"});
    CHECK(tokenize("No.12A") == Words{"no", "12", "a"});
    CHECK(tokenize("a1b22c") == Words{"a", "1", "b", "22", "c"});
    CHECK(tokenize("1234") == Words{"1234"});
    CHECK(tokenize("Café2") == Words{"cafe", "2"});
}

TEST_CASE("join_status_letters joins school status", "[search]") {
    using badung::search::join_status_letters;
    const auto joined = [](Words words, bool last_is_partial) {
        join_status_letters(words, last_is_partial);
        return words;
    };

    CHECK(joined({"sd", "n", "1", "kuta"}, false) == Words{"sdn", "1", "kuta"});
    CHECK(joined({"sma", "n", "1", "kuta"}, true) == Words{"sman", "1", "kuta"});
    CHECK(joined({"smp", "s", "tunas"}, false) == Words{"smps", "tunas"});
    CHECK(joined({"smk", "s"}, false) == Words{"smks"});
    CHECK(joined({"smk", "s", "s"}, false) == Words{"smks", "s"});
    // While "n" is still typed it may begin "nusa", so it stays a word.
    CHECK(joined({"sd", "n"}, true) == Words{"sd", "n"});
    // Only after a school level, and only the letters n and s.
    CHECK(joined({"n", "1"}, false) == Words{"n", "1"});
    CHECK(joined({"pura", "n"}, false) == Words{"pura", "n"});
    CHECK(joined({"tk", "n"}, false) == Words{"tk", "n"});
    CHECK(joined({"sd", "no", "1"}, false) == Words{"sd", "no", "1"});
    CHECK(joined({}, false) == Words{});
}

TEST_CASE("is_school_abbreviation levels and status", "[search]") {
    using badung::search::is_school_abbreviation;
    for (const char* word : {"sd", "sdn", "sds", "smp", "smpn", "smps", "sma", "sman", "smas", "smk", "smkn", "smks"}) {
        INFO(word);
        CHECK(is_school_abbreviation(word));
    }
    for (const char* word : {"", "s", "n", "sdx", "smpnn", "tk", "tkn", "rsud", "smkns", "sm"}) {
        INFO(word);
        CHECK_FALSE(is_school_abbreviation(word));
    }
}

TEST_CASE("number_word_digits reads lone words", "[search]") {
    using badung::search::number_word_digits;
    CHECK(number_word_digits("satu") == "1");
    CHECK(number_word_digits("dua") == "2");
    CHECK(number_word_digits("sembilan") == "9");
    CHECK(number_word_digits("sepuluh") == "10");
    CHECK(number_word_digits("sebelas") == "11");
    CHECK(number_word_digits("seratus") == "100");
    CHECK(number_word_digits("belas").empty());
    CHECK(number_word_digits("puluh").empty());
    CHECK(number_word_digits("ratus").empty());
    CHECK(number_word_digits("sepuluhan").empty());
    CHECK(number_word_digits("2").empty());
    CHECK(number_word_digits("ii").empty());
    CHECK(number_word_digits("nusa").empty());
    CHECK(number_word_digits("").empty());
}

TEST_CASE("read_number_words up to 999", "[search]") {
    using badung::search::read_number_words;
    struct Case {
        Words words;
        int value;
        std::size_t count;
    };
    const std::vector<Case> cases{
        {{"dua", "belas"}, 12, 2},
        {{"sembilan", "belas"}, 19, 2},
        {{"dua", "puluh"}, 20, 2},
        {{"dua", "puluh", "satu"}, 21, 3},
        {{"sembilan", "puluh", "sembilan"}, 99, 3},
        {{"seratus"}, 100, 1},
        {{"seratus", "satu"}, 101, 2},
        {{"seratus", "sebelas"}, 111, 2},
        {{"seratus", "dua", "belas"}, 112, 3},
        {{"dua", "ratus"}, 200, 2},
        {{"tiga", "ratus", "empat", "puluh", "lima"}, 345, 5},
        {{"sembilan", "ratus", "sembilan", "puluh", "sembilan"}, 999, 5},
        {{"dua", "belas", "kuta"}, 12, 2},
        // Two numbers in a row are read one at a time.
        {{"dua", "dua"}, 2, 1},
        {{"dua", "puluh", "dua", "belas"}, 22, 3},
        // "satu belas", "satu puluh" and "satu ratus" are not Indonesian
        // numbers: only "satu" is read.
        {{"satu", "belas"}, 1, 1},
        {{"satu", "puluh"}, 1, 1},
        {{"satu", "ratus"}, 1, 1},
        // The joining words alone, or any other word, start no number.
        {{"belas"}, 0, 0},
        {{"puluh", "dua"}, 0, 0},
        {{"ratus"}, 0, 0},
        {{"nusa", "dua"}, 0, 0},
        {{"12"}, 0, 0},
        {{"xii"}, 0, 0},
    };
    for (const Case& c : cases) {
        INFO(Catch::Detail::stringify(c.words));
        const auto number = read_number_words(c.words, 0);
        CHECK(number.value == c.value);
        CHECK(number.count == c.count);
    }
    CHECK(read_number_words({"kuta", "dua", "belas"}, 1).value == 12);
    CHECK(read_number_words({"dua"}, 1).count == 0);
}

TEST_CASE("join_number_words replaces runs", "[search]") {
    using badung::search::join_number_words;
    const auto joined = [](Words words) {
        join_number_words(words);
        return words;
    };
    CHECK(joined({"sd", "negeri", "dua", "belas", "denpasar"}) == Words{"sd", "negeri", "12", "denpasar"});
    CHECK(joined({"sd", "dua", "puluh", "satu"}) == Words{"sd", "21"});
    CHECK(joined({"seratus", "lima"}) == Words{"105"});
    CHECK(joined({"dua", "puluh", "dua", "belas"}) == Words{"22", "belas"});
    // A lone number word stays a word, so "nusa dua" still finds Nusa Dua.
    CHECK(joined({"nusa", "dua"}) == Words{"nusa", "dua"});
    CHECK(joined({"seratus"}) == Words{"seratus"});
    CHECK(joined({"dua", "dua"}) == Words{"dua", "dua"});
    CHECK(joined({"belas", "puluh", "ratus"}) == Words{"belas", "puluh", "ratus"});
    CHECK(joined({}).empty());
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
    REQUIRE(badung::search::categories().size() == 7);
    const Words slugs{"pendidikan", "kesehatan", "ibadah", "transportasi", "pantai", "pemerintahan", "administrasi"};
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

    // Name matches first: exact "kuta" words, then the prefix "kutaraja",
    // then the typo "kuda"; last the record with "Kuta" only as its address.
    const auto hits = index.search("kuta");
    REQUIRE(hits.size() >= 4);
    for (std::size_t i = 1; i + 1 < hits.size(); ++i) {
        CHECK(hits[i - 1].quality <= hits[i].quality);
    }
    CHECK(hits[hits.size() - 3].item == 11);
    CHECK(hits[hits.size() - 3].quality == MatchQuality::prefix);
    CHECK(hits[hits.size() - 2].item == 12);
    CHECK(hits[hits.size() - 2].quality == MatchQuality::typo);
    CHECK(hits.back().item == 0);
    CHECK(hits.back().field == MatchField::elsewhere);
}

TEST_CASE("search orders by distance then item", "[search]") {
    const SearchIndex index(sample_records());

    SearchOptions options;
    options.centre = badung::geo::LonLat{115.160, -8.790}; // at Puskesmas Kuta Selatan
    const auto hits = index.search("selatan uluwatu", options);
    REQUIRE(hits.size() == 1);
    CHECK(hits[0].item == 4);
    CHECK(hits[0].distance_m == 0.0);

    // The exact name matches of "kuta", nearest first, then the typo "kuda",
    // then the match in an address.
    const auto kuta = index.search("kuta ", options);
    REQUIRE(kuta.size() == 6);
    CHECK(items_of(kuta) == Items{4, 3, 2, 5, 12, 0});
    for (std::size_t i = 1; i < 4; ++i) {
        CHECK(kuta[i - 1].distance_m <= kuta[i].distance_m);
    }

    // Same place, so the lower item comes first.
    std::vector<SearchRecord> twins{{5, "Pura Dalem", "", "", {115.2, -8.6}},
                                    {3, "Pura Desa", "", "", {115.2, -8.6}}};
    const SearchIndex twin_index(twins);
    CHECK(items_of(twin_index.search("pura", options)) == Items{3, 5});

    options.limit = 1;
    CHECK(index.search("kuta", options).size() == 1);
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

TEST_CASE("numeral_twin spells 1 to 20 both ways", "[search]") {
    using badung::search::numeral_twin;

    CHECK(numeral_twin("mengwi", "1") == "i");
    CHECK(numeral_twin("", "14") == "xiv");
    CHECK(numeral_twin("kuta", "xx") == "20");
    CHECK(numeral_twin("pandu", "i") == "1");
    CHECK(numeral_twin("", "ii") == "2");
    CHECK(numeral_twin("", "21").empty());
    CHECK(numeral_twin("", "xxi").empty());
    CHECK(numeral_twin("", "kuta").empty());
    // The Balinese article: "I Gusti", "Jl. I Gusti Ngurah Rai".
    CHECK(numeral_twin("", "i").empty());
    CHECK(numeral_twin("jl", "i").empty());
    CHECK(numeral_twin("jalan", "i").empty());
}

TEST_CASE("search numbers in Arabic and Roman", "[search]") {
    const char* const roman[] = {"I",  "II",  "III",  "IV",  "V",  "VI",  "VII",  "VIII",  "IX",  "X",
                                 "XI", "XII", "XIII", "XIV", "XV", "XVI", "XVII", "XVIII", "XIX", "XX"};
    std::vector<SearchRecord> records;
    for (std::uint32_t n = 1; n <= 20; ++n) {
        records.push_back({n, std::string("Puskesmas Mengwi ") + roman[n - 1], "kesehatan", "", {115.18, -8.58}});
        records.push_back({100 + n, "SD Negeri " + std::to_string(n) + " Kapal", "pendidikan", "", {115.18, -8.57}});
    }
    records.push_back({200, "SD Negeri 5 Dalung", "pendidikan", "Jl. I Gusti Ngurah Rai", {115.17, -8.63}});
    const SearchIndex index(records);

    for (std::uint32_t n = 1; n <= 20; ++n) {
        INFO("number " << n);
        const auto arabic = index.search("puskesmas mengwi " + std::to_string(n) + " ");
        REQUIRE(arabic.size() == 1);
        CHECK(arabic[0].item == n);
        CHECK(arabic[0].quality == MatchQuality::abbreviation);

        const auto as_roman = index.search(std::string("sd negeri ") + roman[n - 1] + " kapal");
        REQUIRE(as_roman.size() == 1);
        CHECK(as_roman[0].item == 100 + n);
    }

    // "I" of "I Gusti" is no number, so "sd 1" misses Dalung.
    CHECK(sorted_items(index.search("sd 1 ")) == Items{101});
    CHECK(items_of(index.search("sd i gusti")) == Items{200});
}

TEST_CASE("search Roman numerals get no typo", "[search]") {
    std::vector<SearchRecord> records{
        {0, "Puskesmas Kuta VIII", "kesehatan", "", {115.17, -8.72}},
        {1, "Villa Kuta", "", "", {115.17, -8.72}},
        {2, "Puskesmas Kuta I", "kesehatan", "", {115.17, -8.72}},
    };
    const SearchIndex index(records);

    // "vii" and "viii" are one edit apart but different numbers.
    CHECK(index.search("puskesmas kuta vii ").empty());
    CHECK(items_of(index.search("puskesmas kuta 8 ")) == Items{0});
    // "vila" is a typo of "villa", not of "viii".
    CHECK(items_of(index.search("vila ")) == Items{1});
    // "i" and "1" find the puskesmas I only, and common words rank as before.
    CHECK(items_of(index.search("kuta i ")) == Items{2});
    CHECK(items_of(index.search("kuta 1 ")) == Items{2});
    CHECK(index.search("kuta ").size() == 3);
}

namespace {

// Schools, a puskesmas and places as residents type them: "SD N", "SDN1",
// "smk" for "SMKS", "nusadua", "kuta dua".
std::vector<SearchRecord> typed_form_records() {
    return {
        {0, "SD Negeri 1 Mengwi", "pendidikan", "", {115.17, -8.55}},
        {1, "SD N 1 Carangsari", "pendidikan", "", {115.21, -8.46}},
        {2, "SMAN 1 Kuta", "pendidikan", "", {115.17, -8.72}},
        {3, "SMP Negeri 2 Kuta", "pendidikan", "", {115.17, -8.72}},
        {4, "SMKS Pariwisata Dalung", "pendidikan", "", {115.17, -8.62}},
        {5, "SD Nusa Dua", "pendidikan", "", {115.22, -8.80}},
        {6, "Puskesmas Kuta II", "kesehatan", "", {115.17, -8.72}},
        {7, "Nusa Dua Beach", "pantai", "", {115.23, -8.80}},
        {8, "SMK Negeri 1 Kuta Selatan", "pendidikan", "", {115.17, -8.78}},
        {9, "SD Negeri 2 Kuta", "pendidikan", "", {115.17, -8.72}},
        {10, "SMK Pariwisata Negeri", "pendidikan", "", {115.18, -8.60}},
        {11, "RSUP Sanglah", "kesehatan", "", {115.21, -8.68}},
        {12, "RS Udayana Barat", "transportasi", "", {115.16, -8.79}},
    };
}

} // namespace

TEST_CASE("search typed school forms", "[search]") {
    const SearchIndex index(typed_form_records());

    CHECK(items_of(index.search("SD N 1 Mengwi")) == Items{0});
    CHECK(items_of(index.search("SDN1 Mengwi")) == Items{0});
    CHECK(items_of(index.search("sdn 1 carangsari")) == Items{1});
    CHECK(items_of(index.search("sd negeri 1 carangsari")) == Items{1});
    CHECK(items_of(index.search("SMAN1 Kuta")) == Items{2});
    CHECK(items_of(index.search("SMA N 1 Kuta")) == Items{2});
    CHECK(items_of(index.search("SMPN2 Kuta")) == Items{3});
    CHECK(items_of(index.search("smp n 2 kuta ")) == Items{3});
    CHECK(items_of(index.search("SMK N 1 Kuta")) == Items{8});

    // SMKS is a private SMK: "smk" finds it, "smks" finds no state school.
    CHECK(sorted_items(index.search("smk pariwisata")) == Items{4, 10});
    CHECK(items_of(index.search("smks pariwisata")) == Items{4});
    CHECK(items_of(index.search("smk s pariwisata")) == Items{4});
    CHECK(items_of(index.search("smkn pariwisata")) == Items{10});
}

TEST_CASE("search typed school forms must not match", "[search]") {
    const SearchIndex index(typed_form_records());

    // A lone status letter is no abbreviation of negeri or swasta.
    CHECK(index.search("n ").empty());
    CHECK(index.search("s ").empty());
    CHECK(index.search("negeri n ").empty());
    CHECK(index.search("pura n ").empty());
    // Numbers and levels still have to agree.
    CHECK(index.search("SD N 1 Kuta").empty());
    CHECK(index.search("SDN2 Mengwi").empty());
    CHECK(index.search("SMAN2 Kuta").empty());
    CHECK(index.search("SMPN1 Kuta").empty());
    CHECK(index.search("smks kuta").empty());
    // School abbreviations one edit apart are different schools, not typos.
    CHECK(index.search("smkn 1 kuta").size() == 1);
    CHECK(index.search("smpn 1 kuta ").empty());
    // Other abbreviations keep their typo matches.
    const auto hospital = index.search("rsud ");
    REQUIRE(hospital.size() == 1);
    CHECK(hospital[0].item == 11);
    CHECK(hospital[0].quality == MatchQuality::typo);
    // While "n" is typed, "sd n" keeps SD Nusa Dua as well as SD Negeri.
    const Items typing = sorted_items(index.search("sd n"));
    CHECK(std::find(typing.begin(), typing.end(), 5) != typing.end());
    CHECK(std::find(typing.begin(), typing.end(), 0) != typing.end());
}

TEST_CASE("search number words match numbers", "[search]") {
    const SearchIndex index(typed_form_records());

    const auto dua = index.search("puskesmas kuta dua");
    REQUIRE(dua.size() == 1);
    CHECK(dua[0].item == 6);
    CHECK(dua[0].quality == MatchQuality::abbreviation);
    CHECK(items_of(index.search("puskesmas kuta 2")) == Items{6});
    CHECK(items_of(index.search("smp negeri dua kuta")) == Items{3});
    CHECK(items_of(index.search("sd negeri satu mengwi")) == Items{0});

    // A number word in a name is part of the name, not a number.
    CHECK(index.search("nusa 2 ").empty());
    CHECK(items_of(index.search("sd ii ")) == Items{9});
    CHECK(index.search("puskesmas kuta tiga").empty());
}

TEST_CASE("search reads number words to 999", "[search]") {
    const SearchIndex index({
        {0, "SD Negeri 12 Dauh Puri", "pendidikan", "", {115.21, -8.66}},
        {1, "SD Negeri 21 Pemecutan", "pendidikan", "", {115.20, -8.66}},
        {2, "Puskesmas Mengwi XII", "kesehatan", "", {115.17, -8.55}},
        {3, "Banjar 105 Abiansemal", "banjar", "", {115.22, -8.50}},
        {4, "SD Nusa Dua", "pendidikan", "", {115.22, -8.80}},
        {5, "Jalan Dua Belas", "jalan", "", {115.21, -8.65}},
    });

    CHECK(items_of(index.search("sd negeri dua belas")) == Items{0});
    CHECK(items_of(index.search("sd negeri dua puluh satu")) == Items{1});
    CHECK(items_of(index.search("puskesmas mengwi dua belas")) == Items{2});
    CHECK(items_of(index.search("banjar seratus lima")) == Items{3});

    // "dua puluh" is 20, which no record has: neither 21 nor Nusa Dua match.
    CHECK(index.search("sd negeri dua puluh ").empty());
    CHECK(index.search("sd dua puluh ").empty());
    // A lone number word still matches as a word.
    CHECK(items_of(index.search("sd nusa dua")) == Items{4});
    // A name that spells the number in words is found by the words and by
    // the digits.
    CHECK(items_of(index.search("jalan belas")) == Items{5});
    const auto street = index.search("jalan dua belas");
    REQUIRE(street.size() == 1);
    CHECK(street[0].item == 5);
    CHECK(street[0].whole_name);
    CHECK(items_of(index.search("jalan 12")) == Items{5});
}

TEST_CASE("search joined word matches adjacent words", "[search]") {
    const SearchIndex index(typed_form_records());

    const auto nusadua = index.search("nusadua ");
    CHECK(sorted_items(nusadua) == Items{5, 7});
    for (const SearchHit& hit : nusadua) {
        CHECK(hit.quality == MatchQuality::abbreviation);
        CHECK(hit.field == MatchField::name);
    }
    // The joined word covers both words of the name.
    const auto beach = index.search("nusadua beach");
    REQUIRE(beach.size() == 1);
    CHECK(beach[0].item == 7);
    CHECK(beach[0].whole_name);
    CHECK(items_of(index.search("sd nusadua")) == Items{5});
    // A prefix of a joined word while typing.
    const auto typing = index.search("nusadu");
    CHECK(sorted_items(typing) == Items{5, 7});
    CHECK(typing[0].quality == MatchQuality::prefix);
    CHECK(items_of(index.search("kutaselatan")) == Items{8});
    // A prefix within the first word covers that word only, so neither
    // "Puskesmas Kuta II" nor "SD Nusa Dua" is a whole name for it.
    const auto kuta = index.search("puskesmas kuta");
    REQUIRE(kuta.size() == 1);
    CHECK_FALSE(kuta[0].whole_name);
    const auto nusa = index.search("sd nusa");
    REQUIRE(nusa.size() == 1);
    CHECK(nusa[0].item == 5);
    CHECK_FALSE(nusa[0].whole_name);

    // Words that are not adjacent, a joined word with a typo, or a
    // finished word that is only a prefix do not match.
    CHECK(index.search("sdmengwi ").empty());
    CHECK(index.search("nusdua ").empty());
    CHECK(index.search("nusaduaa ").empty());
    CHECK(index.search("nusadu ").empty());
    CHECK(index.search("duabeach ").size() == 1);
    CHECK(index.search("beachnusa ").empty());
    // An abbreviation or a word the index has is complete as typed, so it
    // is no start of a joined word: "rsud" is not "RS Udayana".
    CHECK(items_of(index.search("rsud")) == Items{11});
    CHECK(items_of(index.search("rsuda")) == Items{12});
    CHECK(items_of(index.search("sdnu")) == Items{5});
}

TEST_CASE("search ranks records without location last", "[search]") {
    const double unknown = std::numeric_limits<double>::quiet_NaN();
    const std::vector<SearchRecord> records{
        {0, "SMP Negeri 5 Kuta Selatan", "pendidikan", "", {unknown, unknown}},
        {1, "SMP Negeri 3 Kuta Selatan", "pendidikan", "", {115.20, -8.80}},
        {2, "SMP Negeri 4 Kuta Selatan", "pendidikan", "", {unknown, unknown}},
        {3, "SMP Negri 5 Kuta Selatan", "pendidikan", "", {115.21, -8.81}},
    };
    const SearchIndex index(records);
    SearchOptions options;
    options.centre = badung::geo::LonLat{115.17, -8.70};

    // Equal matches: the located school first, then the others by item.
    const auto all = index.search("smp negeri kuta selatan ", options);
    REQUIRE(all.size() == 4);
    CHECK(items_of(all) == Items{1, 0, 2, 3});
    CHECK(std::isfinite(all[0].distance_m));
    CHECK(std::isinf(all[1].distance_m));
    CHECK(std::isinf(all[2].distance_m));
    // A better match without a location still ranks before a typo match.
    CHECK(all[3].quality == MatchQuality::typo);

    // Without a centre too, and a limit keeps the located one.
    CHECK(items_of(index.search("smp negeri kuta selatan ")) == Items{1, 0, 2, 3});
    options.limit = 1;
    CHECK(items_of(index.search("smp negeri kuta selatan ", options)) == Items{1});

    options.limit = 50;
    const auto five = index.search("smp negeri 5 kuta selatan ", options);
    REQUIRE(five.size() == 2);
    CHECK(five[0].item == 0);
    CHECK(std::isinf(five[0].distance_m));
    CHECK(five[1].item == 3);
}

TEST_CASE("search layer terms find the whole layer", "[search]") {
    const std::string_view bus_titles[] = {"Halte bus", "Bus stops"};
    const std::string_view desa_titles[] = {"Batas desa dan kelurahan", "Village (desa/kelurahan) boundaries"};
    const std::string_view kecamatan_titles[] = {"Batas kecamatan", "District (kecamatan) boundaries"};
    const std::string_view school_titles[] = {"Sekolah (SD, SMP, SMA, SMK, SLB)", "Schools"};
    using badung::query::title_search_terms;
    CHECK(title_search_terms(bus_titles) == "halte bus bus stops");
    // The Indonesian desa title lists two kinds, so its features get their
    // kind words from their own "jenis" property instead.
    CHECK(title_search_terms(desa_titles) == "village boundaries");
    CHECK(title_search_terms(school_titles) == "sekolah schools");

    std::vector<SearchRecord> records{
        {0, "Terminal Kediri", "transportasi", "", {115.10, -8.60}, title_search_terms(bus_titles)},
        {1, "Kapal", "administrasi", "", {115.17, -8.58}, title_search_terms(desa_titles) + " desa"},
        {2, "Kuta", "administrasi", "", {115.17, -8.72}, title_search_terms(desa_titles) + " kelurahan"},
        {3, "Kuta", "administrasi", "", {115.17, -8.73}, title_search_terms(kecamatan_titles)},
        {4, "SD Negeri 1 Kapal", "pendidikan", "Desa Kapal", {115.18, -8.57}, title_search_terms(school_titles)},
    };
    const SearchIndex index(records);

    CHECK(items_of(index.search("halte")) == Items{0});
    CHECK(items_of(index.search("bus stop")) == Items{0});
    CHECK(items_of(index.search("ds. kapal")).front() == 1);
    CHECK(items_of(index.search("desa kapal")).front() == 1);
    CHECK(items_of(index.search("kel. kuta")) == Items{2});
    CHECK(items_of(index.search("kelurahan kuta")) == Items{2});
    CHECK(items_of(index.search("kecamatan kuta")) == Items{3});
    CHECK(items_of(index.search("kec kuta ")) == Items{3});
    CHECK(items_of(index.search("smp ")).empty());
}

TEST_CASE("search ranks name before address", "[search]") {
    std::vector<SearchRecord> records{
        {0, "SD Negeri 3 Pecatu", "pendidikan", "Jl. Raya Uluwatu", {115.17, -8.70}},
        {1, "Jalan Raya Uluwatu", "transportasi", "", {115.13, -8.80}},
        {2, "SD Negeri 1 Kuta Utara", "pendidikan", "Jl. Raya Kerobokan", {115.17, -8.70}},
        {3, "Kuta", "administrasi", "", {115.17, -8.73}},
        {4, "SD Cerdas Insan Sejahtera", "pendidikan", "Jl. Sunset Road No. 1, Kuta", {115.17, -8.70}},
        {5, "SD Nomor 1 Kuta", "pendidikan", "Jl. Kartika Plaza", {115.17, -8.74}},
    };
    const SearchIndex index(records);
    SearchOptions options;
    options.centre = badung::geo::LonLat{115.17, -8.70};

    const auto road = index.search("Jl. Raya Uluwatu", options);
    REQUIRE(road.size() == 2);
    CHECK(road[0].item == 1);
    CHECK(road[0].field == MatchField::name);
    CHECK(road[0].whole_name);
    CHECK(road[1].field == MatchField::elsewhere);

    // The area named Kuta, then the school with Kuta Utara in its name.
    const auto kuta = index.search("kuta", options);
    REQUIRE(kuta.size() >= 3);
    CHECK(kuta[0].item == 3);
    CHECK(kuta[0].whole_name);
    CHECK(kuta[1].item == 2);

    // Names with every word, nearest first, then the name with "sd" only.
    const auto school = index.search("sd 1 kuta", options);
    REQUIRE(school.size() == 3);
    CHECK(school[0].item == 2);
    CHECK(school[1].item == 5);
    CHECK(school[2].item == 4);
    CHECK(school[2].field == MatchField::part_name);
}

namespace {

// The documented matching rules, applied by a linear scan over every word of
// every record, as an independent check of the index and its trie walk.
std::vector<SearchHit> brute_force_search(const std::vector<SearchRecord>& records, const std::string& query) {
    using badung::search::expansion_of;
    using badung::search::is_roman_numeral;
    using badung::search::join_status_letters;
    using badung::search::max_typo_edits;
    using badung::search::number_word_digits;
    using badung::search::numeral_twin;
    using badung::search::osa_distance;
    using badung::search::to_code_points;

    Words words = tokenize(query);
    const std::string folded = fold(query);
    const bool last_is_partial = !folded.empty() && folded.back() != ' ';
    join_status_letters(words, last_is_partial);
    badung::search::join_number_words(words);
    const auto has_digit = [](const std::string& word) {
        return word.find_first_of("0123456789") != std::string::npos;
    };
    const auto skips_typos = [&](const std::string& word) { return has_digit(word) || is_roman_numeral(word); };
    const auto words_of = [](const std::string& text) {
        Words field = tokenize(text);
        join_status_letters(field, false);
        return field;
    };

    struct RecordWord {
        std::string word;
        bool derived = false;
        bool in_name = false;
        std::size_t position = 0; // in the name
        bool joined = false;      // two adjacent words written as one; covers position + 1 too
        std::size_t first_length = 0; // of a joined word's first word
        std::size_t number_words = 1; // name words covered by the digits of a number spelt in words
    };

    const auto record_words_of = [&](const SearchRecord& record) {
        std::vector<RecordWord> record_words;
        const Words name = words_of(record.name);
        for (const bool is_name : {true, false}) {
            const Words field = is_name ? name : words_of(record.address);
            std::size_t number_end = 0;
            for (std::size_t w = 0; w < field.size(); ++w) {
                record_words.push_back({field[w], false, is_name, w});
                const auto number = badung::search::read_number_words(field, w);
                if (w >= number_end && number.count >= 2) {
                    number_end = w + number.count;
                    record_words.push_back({std::to_string(number.value), true, is_name, w, false, 0, number.count});
                }
                for (std::string_view expanded : expansion_of(field[w])) {
                    record_words.push_back({std::string(expanded), true, is_name, w});
                }
                const auto twin = numeral_twin(w > 0 ? field[w - 1] : std::string_view{}, field[w]);
                if (!twin.empty()) {
                    record_words.push_back({std::string(twin), true, is_name, w});
                }
                if (w + 1 < field.size() && !has_digit(field[w]) && !has_digit(field[w + 1])) {
                    record_words.push_back({field[w] + field[w + 1], true, is_name, w, true, field[w].size()});
                }
            }
        }
        return record_words;
    };

    // Every word of every record, to tell a query word that is complete as
    // typed: such a word matches no joined word as a prefix.
    std::vector<std::string> vocabulary;
    for (const SearchRecord& record : records) {
        for (const RecordWord& entry : record_words_of(record)) {
            if (!entry.joined) {
                vocabulary.push_back(entry.word);
            }
        }
    }
    const auto is_complete_word = [&](const std::string& word) {
        return !expansion_of(word).empty() || std::find(vocabulary.begin(), vocabulary.end(), word) != vocabulary.end();
    };

    // The kind phrases of every record that occur in the query, and the
    // query words inside them.
    std::vector<Words> named_phrases;
    std::vector<bool> word_in_phrase(words.size(), false);
    for (const SearchRecord& record : records) {
        for (const std::string& phrase_text : record.kind_words) {
            const Words phrase = tokenize(phrase_text);
            for (std::size_t start = 0; !phrase.empty() && start + phrase.size() <= words.size(); ++start) {
                if (std::equal(phrase.begin(), phrase.end(), words.begin() + static_cast<std::ptrdiff_t>(start))) {
                    named_phrases.push_back(phrase);
                    std::fill_n(word_in_phrase.begin() + static_cast<std::ptrdiff_t>(start), phrase.size(), true);
                }
            }
        }
    }

    std::vector<SearchHit> hits;
    for (const SearchRecord& record : records) {
        bool of_kind = !named_phrases.empty();
        for (const Words& phrase : named_phrases) {
            of_kind = of_kind && std::any_of(record.kind_words.begin(), record.kind_words.end(),
                                             [&](const std::string& own) { return tokenize(own) == phrase; });
        }
        const std::vector<RecordWord> record_words = record_words_of(record);
        const Words name = words_of(record.name);

        int worst = 0;
        std::size_t words_in_name = 0;
        std::vector<bool> covered(name.size(), false);
        for (std::size_t w = 0; w < words.size() && worst < 4; ++w) {
            const std::string& word = words[w];
            int best = 4;
            bool in_name = false;
            const auto take = [&](const RecordWord& entry, int quality) {
                best = std::min(best, quality);
                if (entry.in_name) {
                    in_name = true;
                    covered[entry.position] = true;
                    if (entry.joined) {
                        covered[entry.position + 1] = true;
                    }
                    for (std::size_t k = 1; k < entry.number_words; ++k) {
                        covered[entry.position + k] = true;
                    }
                }
            };
            const std::string digits = number_word_digits(word);
            for (const RecordWord& entry : record_words) {
                if (entry.word == word) {
                    take(entry, entry.derived ? 1 : 0);
                }
                if (!digits.empty() && !entry.joined && entry.word == digits) {
                    take(entry, 1);
                }
                const bool partial = last_is_partial && w + 1 == words.size();
                const bool past_first_word =
                    !entry.joined || (word.size() > entry.first_length && !is_complete_word(word));
                if (partial && past_first_word && entry.word.size() > word.size() &&
                    entry.word.compare(0, word.size(), word) == 0) {
                    take(entry, 2);
                }
                if (!entry.joined && !skips_typos(word) && !skips_typos(entry.word) &&
                    !badung::search::is_school_abbreviation(word)) {
                    const auto a = to_code_points(word);
                    const auto b = to_code_points(entry.word);
                    const int distance = osa_distance(a, b);
                    if (distance >= 1 && distance <= max_typo_edits(std::min(a.size(), b.size()))) {
                        take(entry, 3);
                    }
                }
            }
            const auto expansion = expansion_of(word);
            const auto contains = [&](std::string_view expanded) {
                return std::any_of(record_words.begin(), record_words.end(), [&](const RecordWord& entry) {
                    return !entry.joined && entry.word == expanded;
                });
            };
            if (!expansion.empty() && std::all_of(expansion.begin(), expansion.end(), contains)) {
                for (const RecordWord& entry : record_words) {
                    if (!entry.joined && std::find(expansion.begin(), expansion.end(), entry.word) != expansion.end()) {
                        take(entry, 1);
                    }
                }
            }
            worst = std::max(worst, best);
            // A matched word naming the record's own kind counts as in the name.
            words_in_name += in_name || (best < 4 && of_kind && word_in_phrase[w]) ? 1 : 0;
        }
        if (worst < 4 && !words.empty()) {
            const bool located = !std::isnan(record.location.lon);
            SearchHit hit{record.item, static_cast<MatchQuality>(worst),
                          located ? 0.0 : std::numeric_limits<double>::infinity()};
            hit.field = words_in_name == 0 ? MatchField::elsewhere
                        : words_in_name == words.size() ? MatchField::name
                                                        : MatchField::part_name;
            // A name of kind words only ("Puskesmas") gets no whole-name bonus.
            const Words terms = tokenize(record.terms);
            const bool generic = std::all_of(name.begin(), name.end(), [&terms](const std::string& part) {
                return badung::search::is_kind_word(part) || std::find(terms.begin(), terms.end(), part) != terms.end();
            });
            hit.whole_name = !name.empty() && !generic &&
                             std::all_of(covered.begin(), covered.end(), [](bool b) { return b; });
            hit.of_kind = of_kind;
            hits.push_back(hit);
        }
    }

    std::sort(hits.begin(), hits.end(), [](const SearchHit& a, const SearchHit& b) {
        if (a.field != b.field) {
            return a.field < b.field;
        }
        if (a.of_kind != b.of_kind) {
            return a.of_kind;
        }
        if (a.quality != b.quality) {
            return a.quality < b.quality;
        }
        if (a.whole_name != b.whole_name) {
            return a.whole_name;
        }
        return a.distance_m != b.distance_m ? a.distance_m < b.distance_m : a.item < b.item;
    });
    return hits;
}

std::string random_word(badung::test::Random& random) {
    static const Words fixed{"jl", "jalan", "sd", "sdn", "negeri", "sekolah", "dasar", "rs", "rumah", "sakit",
                             "rsud", "umum", "daerah", "gg", "gang", "1", "2", "12", "kuta", "pura",
                             "i", "ii", "iv", "xii", "viii", "vii", "3", "smk", "smks", "swasta", "n",
                             "s", "dua", "satu", "sebelas", "11", "nusadua", "sdn1", "ab1",
                             "belas", "puluh", "seratus", "21"};
    if (random.chance(0.3)) {
        return fixed[static_cast<std::size_t>(random.integer(0, static_cast<std::int64_t>(fixed.size()) - 1))];
    }
    static const std::string letters = "aekustrbé";
    std::string word;
    const auto length = random.integer(2, 10);
    for (std::int64_t i = 0; i < length; ++i) {
        const auto pick = random.integer(0, 8);
        word += pick == 8 ? std::string("\xC3\xA9") : std::string(1, letters[static_cast<std::size_t>(pick)]);
    }
    return word;
}

// One random edit (insert, delete, substitute or swap) on an ASCII word.
std::string mutate(badung::test::Random& random, std::string word) {
    if (word.empty() || static_cast<unsigned char>(word[0]) >= 0x80) {
        return word;
    }
    const auto at = static_cast<std::size_t>(random.integer(0, static_cast<std::int64_t>(word.size()) - 1));
    if (static_cast<unsigned char>(word[at]) >= 0x80) {
        return word;
    }
    switch (random.integer(0, 3)) {
    case 0: word.insert(at, 1, 'k'); break;
    case 1: word.erase(at, 1); break;
    case 2: word[at] = 's'; break;
    default:
        if (at + 1 < word.size() && static_cast<unsigned char>(word[at + 1]) < 0x80) {
            std::swap(word[at], word[at + 1]);
        }
    }
    return word;
}

} // namespace

TEST_CASE("search matches brute force", "[search]") {
    badung::test::Random random(5103);
    std::vector<SearchRecord> records;
    for (std::uint32_t i = 0; i < 400; ++i) {
        std::string name;
        const auto count = random.integer(1, 4);
        for (std::int64_t w = 0; w < count; ++w) {
            name += (random.chance(0.5) ? random_word(random) : mutate(random, random_word(random))) + " ";
        }
        // Few distinct places, so distances tie often, and some records
        // without a location.
        const double lon = random.chance(0.1) ? std::numeric_limits<double>::quiet_NaN()
                                              : 115.0 + 0.001 * static_cast<double>(random.integer(0, 5));
        records.push_back({i, name, "", random.chance(0.3) ? random_word(random) : "", {lon, -8.6}});
        // Two kinds, with phrases that share words with the names.
        if (random.chance(0.2)) {
            records.back().kind_words = {"rs", "rumah sakit", "rsud"};
        } else if (random.chance(0.2)) {
            records.back().kind_words = {"sd", "sekolah", "pura"};
        }
    }
    const SearchIndex index(records);

    for (int q = 0; q < 1500; ++q) {
        const SearchRecord& source = records[static_cast<std::size_t>(random.integer(0, 399))];
        const Words source_words = tokenize(source.name);
        std::string query;
        const auto count = random.integer(1, 3);
        for (std::int64_t w = 0; w < count; ++w) {
            std::string word = random.chance(0.8) && !source_words.empty()
                                   ? source_words[static_cast<std::size_t>(random.integer(0, static_cast<std::int64_t>(source_words.size()) - 1))]
                                   : random_word(random);
            if (random.chance(0.4)) {
                word = mutate(random, word);
            }
            if (random.chance(0.2)) {
                word = mutate(random, word);
            }
            query += (w > 0 ? " " : "") + word;
        }
        if (random.chance(0.3) && query.size() > 2) {
            query.resize(query.size() - 1); // still typing
        }
        if (random.chance(0.3)) {
            query += ' ';
        }

        SearchOptions options;
        options.limit = 1000;
        INFO("query '" << query << "'");
        REQUIRE(index.search(query, options) == brute_force_search(records, query));

        // A limit keeps the head of the full ranking, ties included.
        options.centre = badung::geo::LonLat{115.0 + random.uniform(-0.01, 0.01), -8.6};
        const auto all = index.search(query, options);
        options.limit = static_cast<std::size_t>(random.integer(0, 30));
        const auto head = index.search(query, options);
        REQUIRE(head.size() == std::min(all.size(), options.limit));
        REQUIRE(std::equal(head.begin(), head.end(), all.begin()));
    }
}

TEST_CASE("search keystroke time", "[.][bench][search]") {
    // 5,000 records built from Badung words, then a few phrases typed one
    // character at a time. Prints the 95th percentile per keystroke.
    static const Words places{"kuta", "legian", "seminyak", "kerobokan", "canggu", "dalung", "mengwi", "kapal",
                              "abiansemal", "petang", "pecatu", "jimbaran", "nusa", "dua", "ungasan", "tuban",
                              "kedonganan", "sempidi", "lukluk", "munggu", "pererenan", "tibubeneng", "sading"};
    static const Words kinds{"SD Negeri", "SMP Negeri", "SMK", "Puskesmas", "Pura", "Banjar", "Jl.", "Gg.",
                             "Pantai", "Kantor Desa", "RS", "Apotek", "Klinik", "Halte", "Warung", "Masjid"};
    badung::test::Random random(2026);
    std::vector<SearchRecord> records;
    for (std::uint32_t i = 0; i < 5000; ++i) {
        const auto pick = [&](const Words& from) {
            return from[static_cast<std::size_t>(random.integer(0, static_cast<std::int64_t>(from.size()) - 1))];
        };
        records.push_back({i, pick(kinds) + " " + std::to_string(random.integer(1, 9)) + " " + pick(places) +
                                  " " + mutate(random, pick(places) + pick(places)),
                           "", "Jl. Raya " + pick(places) + ", Kec. " + pick(places),
                           {random.uniform(115.05, 115.3), random.uniform(-8.85, -8.45)}});
    }
    const SearchIndex index(records);

    std::vector<double> times_ms;
    SearchOptions options;
    options.centre = badung::geo::LonLat{115.17, -8.7};
    for (const std::string phrase : {"puskesmass kuta selatan", "sd negeri 1 kerobokan", "jl raya seminyak",
                                     "pantai jimbaran", "rsud mangusada kapal", "skolah dasar abiansemal"}) {
        for (std::size_t length = 1; length <= phrase.size(); ++length) {
            const auto start = std::chrono::steady_clock::now();
            const auto hits = index.search(phrase.substr(0, length), options);
            const auto stop = std::chrono::steady_clock::now();
            times_ms.push_back(std::chrono::duration<double, std::milli>(stop - start).count());
            CHECK(hits.size() <= options.limit);
        }
    }
    std::sort(times_ms.begin(), times_ms.end());
    const double p95 = times_ms[times_ms.size() * 95 / 100];
    WARN("search keystroke p95 " << p95 << " ms, max " << times_ms.back() << " ms over "
                                 << times_ms.size() << " keystrokes");
    CHECK(p95 < 16.0);
}

TEST_CASE("search ranks the kind a query names first", "[search]") {
    const std::vector<std::string> hospital{"rumah sakit", "rs", "rsud", "hospital"};
    const std::vector<std::string> stop{"halte", "bus stop"};
    const std::vector<std::string> temple{"pura", "masjid"};
    std::vector<SearchRecord> records{
        {0, "RSUD Kapal Utara", "transportasi", "", {115.18, -8.57}, "halte bus", stop},
        {1, "RS Umum Daerah Mangusada", "kesehatan", "", {115.18, -8.57}, "rumah sakit hospital", hospital},
        {2, "BIMC Hospital", "kesehatan", "", {115.18, -8.57}, "rumah sakit hospital", hospital},
        {3, "Jalan Pura Dalem", "transportasi", "", {115.18, -8.57}},
        {4, "Pura Dalem Kuta", "ibadah", "Jl. Pura Dalem", {115.18, -8.57}, "", temple},
        {5, "RS Siloam", "transportasi", "", {115.18, -8.57}, "halte bus", stop},
    };
    const SearchIndex index(records);

    // The stop's name contains the word itself, the hospital's only its expansion.
    const auto rsud = index.search("rsud");
    REQUIRE(items_of(rsud) == Items{1, 0});
    CHECK(rsud[0].of_kind);
    CHECK(rsud[0].quality == MatchQuality::abbreviation);
    CHECK_FALSE(rsud[1].of_kind);

    // "rs" names the hospital without the word in its name, as its name would.
    const auto rs = index.search("rs ");
    REQUIRE(items_of(rs) == Items{1, 2, 5, 0});
    CHECK(rs[1].field == MatchField::name);
    CHECK_FALSE(rs[2].of_kind);

    // A word matched only in the address still ranks below a whole name.
    const auto street = index.search("jalan pura dalem");
    REQUIRE(items_of(street) == Items{3, 4});
    CHECK(street[1].of_kind);
    CHECK(street[1].field == MatchField::part_name);

    // Words naming two kinds name none.
    const auto both = index.search("halte rs ");
    REQUIRE(items_of(both) == Items{5, 0});
    CHECK_FALSE(both[0].of_kind);
    CHECK_FALSE(both[1].of_kind);
}

TEST_CASE("search gives a generic name no bonus", "[search]") {
    // A clinic 21 km away mapped with the name "Puskesmas" only, beside
    // real health centres nearby.
    const std::vector<SearchRecord> records{
        {0, "Puskesmas", "kesehatan", "", {115.31, -8.42}},
        {1, "Puskesmas Mengwi I", "kesehatan", "", {115.17, -8.55}},
        {2, "Apotek", "kesehatan", "", {115.30, -8.42}},
        {3, "Apotek Kuta", "kesehatan", "", {115.17, -8.72}},
        {4, "Kuta", "administrasi", "", {115.17, -8.72}},
    };
    const SearchIndex index(records);
    SearchOptions options;
    options.centre = badung::geo::LonLat{115.17, -8.55};

    const auto health = index.search("puskesmas", options);
    REQUIRE(health.size() == 2);
    CHECK(health[0].item == 1);
    CHECK_FALSE(health[1].whole_name);

    const auto pharmacy = index.search("apotek", options);
    REQUIRE(pharmacy.size() == 2);
    CHECK(pharmacy[0].item == 3);

    // A place name keeps its bonus.
    const auto kuta = index.search("kuta", options);
    REQUIRE(kuta.size() == 2);
    CHECK(kuta[0].item == 4);
    CHECK(kuta[0].whole_name);
}

#include "core/i18n/finder_text.hpp"
#include "core/i18n/text.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cstddef>
#include <string>

using badung::i18n::Language;
using badung::i18n::Text;

TEST_CASE("i18n defaults read in Indonesian", "[i18n]") {
    CHECK(badung::i18n::translate(Text::report, Language::id) == "Lapor");
    CHECK(badung::i18n::translate(Text::report, Language::en) == "Report");
    CHECK(badung::i18n::translate(Text::layers, Language::id) == "Lapisan");
}

TEST_CASE("i18n has every string in both languages", "[i18n]") {
    for (std::size_t i = 0; i < static_cast<std::size_t>(Text::count); ++i) {
        const auto text = static_cast<Text>(i);
        INFO("text index " << i);
        CHECK_FALSE(badung::i18n::translate(text, Language::id).empty());
        CHECK_FALSE(badung::i18n::translate(text, Language::en).empty());
    }
}

TEST_CASE("i18n parses language codes", "[i18n]") {
    CHECK(badung::i18n::parse_language("id") == Language::id);
    CHECK(badung::i18n::parse_language("EN") == Language::en);
    CHECK(badung::i18n::parse_language("en-GB") == Language::en);
    CHECK(badung::i18n::parse_language("id_ID") == Language::id);
    CHECK_FALSE(badung::i18n::parse_language("fr").has_value());
    CHECK_FALSE(badung::i18n::parse_language("").has_value());
    CHECK_FALSE(badung::i18n::parse_language("ind").has_value());
}

TEST_CASE("i18n codes round-trip", "[i18n]") {
    for (const Language language : {Language::id, Language::en}) {
        CHECK(badung::i18n::parse_language(badung::i18n::code(language)) == language);
    }
}

TEST_CASE("finder counts have a singular", "[i18n]") {
    const auto strings = badung::i18n::finder_strings();
    for (const badung::i18n::FinderString& entry : strings) {
        if (entry.en.find("{n}") == std::string_view::npos) {
            continue;
        }
        const std::string singular_key = std::string(entry.key) + "_one";
        INFO("finder string " << entry.key);
        const auto singular = std::find_if(strings.begin(), strings.end(), [&](const auto& other) {
            return other.key == singular_key;
        });
        REQUIRE(singular != strings.end());
        CHECK(singular->en.find("{n}") == std::string_view::npos);
        CHECK(singular->en.find("results") == std::string_view::npos);
        CHECK_FALSE(singular->id.empty());
    }
}

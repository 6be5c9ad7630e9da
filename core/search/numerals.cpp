#include "core/search/numerals.hpp"

#include <algorithm>
#include <array>

namespace badung::search {

namespace {

// Roman numerals by value, 1 at index 0.
constexpr std::array<std::string_view, 20> roman{
    "i",  "ii",  "iii",  "iv",  "v",  "vi",  "vii",  "viii",  "ix",  "x",
    "xi", "xii", "xiii", "xiv", "xv", "xvi", "xvii", "xviii", "xix", "xx",
};

constexpr std::array<std::string_view, 20> arabic{
    "1",  "2",  "3",  "4",  "5",  "6",  "7",  "8",  "9",  "10",
    "11", "12", "13", "14", "15", "16", "17", "18", "19", "20",
};

// Indonesian number words by value, 1 at index 0. Twelve and up take two
// words ("dua belas"), so the list ends at eleven.
constexpr std::array<std::string_view, 11> number_words{
    "satu", "dua", "tiga", "empat", "lima", "enam", "tujuh", "delapan", "sembilan", "sepuluh", "sebelas",
};

bool is_street_word(std::string_view word) {
    return word == "jl" || word == "jln" || word == "jalan" || word == "gg" || word == "gang";
}

} // namespace

bool is_roman_numeral(std::string_view word) noexcept {
    return std::find(roman.begin(), roman.end(), word) != roman.end();
}

std::string_view numeral_twin(std::string_view previous, std::string_view word) noexcept {
    const auto as_arabic = std::find(arabic.begin(), arabic.end(), word);
    if (as_arabic != arabic.end()) {
        return roman[static_cast<std::size_t>(as_arabic - arabic.begin())];
    }

    const auto as_roman = std::find(roman.begin(), roman.end(), word);
    if (as_roman == roman.end()) {
        return {};
    }
    if (word == "i" && (previous.empty() || is_street_word(previous))) {
        return {};
    }
    return arabic[static_cast<std::size_t>(as_roman - roman.begin())];
}

std::string_view number_word_digits(std::string_view word) noexcept {
    const auto found = std::find(number_words.begin(), number_words.end(), word);
    if (found == number_words.end()) {
        return {};
    }
    return arabic[static_cast<std::size_t>(found - number_words.begin())];
}

} // namespace badung::search

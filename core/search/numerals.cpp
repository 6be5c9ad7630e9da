#include "core/search/numerals.hpp"

#include <algorithm>
#include <array>
#include <utility>

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

// Indonesian number words for 1 to 9 by value, 1 at index 0. Tens, teens
// and hundreds are built from them with "puluh", "belas" and "ratus", or
// take the se- form ("sepuluh", "sebelas", "seratus") for one.
constexpr std::array<std::string_view, 9> unit_words{
    "satu", "dua", "tiga", "empat", "lima", "enam", "tujuh", "delapan", "sembilan",
};

// The value of a unit word, 0 for any other word.
int unit_value(std::string_view word) noexcept {
    const auto found = std::find(unit_words.begin(), unit_words.end(), word);
    return found == unit_words.end() ? 0 : static_cast<int>(found - unit_words.begin()) + 1;
}

// Reads a number from 1 to 99 at words[first]: "sepuluh", "sebelas", a unit,
// a unit from two with "belas", or a unit from two with "puluh" and an
// optional unit. "satu belas" and "satu puluh" are no Indonesian numbers,
// so there only "satu" is read.
NumberWords read_below_hundred(const std::vector<std::string>& words, std::size_t first) noexcept {
    if (first >= words.size()) {
        return {};
    }
    if (words[first] == "sepuluh") {
        return {10, 1};
    }
    if (words[first] == "sebelas") {
        return {11, 1};
    }

    const int unit = unit_value(words[first]);
    if (unit == 0) {
        return {};
    }
    const bool has_next = first + 1 < words.size();
    if (unit >= 2 && has_next && words[first + 1] == "belas") {
        return {10 + unit, 2};
    }
    if (unit >= 2 && has_next && words[first + 1] == "puluh") {
        const int ones = first + 2 < words.size() ? unit_value(words[first + 2]) : 0;
        return ones > 0 ? NumberWords{unit * 10 + ones, 3} : NumberWords{unit * 10, 2};
    }
    return {unit, 1};
}

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

NumberWords read_number_words(const std::vector<std::string>& words, std::size_t first) noexcept {
    if (first >= words.size()) {
        return {};
    }

    int hundreds = 0;
    std::size_t next = first;
    if (words[first] == "seratus") {
        hundreds = 100;
        next = first + 1;
    } else if (const int unit = unit_value(words[first]);
               unit >= 2 && first + 1 < words.size() && words[first + 1] == "ratus") {
        hundreds = unit * 100;
        next = first + 2;
    }

    const NumberWords rest = read_below_hundred(words, next);
    if (hundreds == 0) {
        return rest;
    }
    return {hundreds + rest.value, next - first + rest.count};
}

std::string number_word_digits(std::string_view word) {
    const NumberWords number = read_number_words({std::string(word)}, 0);
    return number.count == 1 ? std::to_string(number.value) : std::string{};
}

void join_number_words(std::vector<std::string>& words) {
    std::vector<std::string> joined;
    joined.reserve(words.size());
    std::size_t w = 0;
    while (w < words.size()) {
        const NumberWords number = read_number_words(words, w);
        if (number.count >= 2) {
            joined.push_back(std::to_string(number.value));
            w += number.count;
        } else {
            joined.push_back(std::move(words[w]));
            ++w;
        }
    }
    words = std::move(joined);
}

} // namespace badung::search

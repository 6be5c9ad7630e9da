#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace badung::open311 {

// Counts the Unicode code points of UTF-8 text, so a 4,000-character limit
// means the same in Balinese script as in Latin. Returns std::nullopt for
// invalid UTF-8: a stray or missing continuation byte, an overlong form, a
// surrogate (U+D800..U+DFFF) or a value above U+10FFFF.
std::optional<std::size_t> count_code_points(std::string_view text) noexcept;

// Returns whether text contains a control character other than tab, line feed
// and carriage return (C0, DEL or C1). @pre text is valid UTF-8.
bool has_control_character(std::string_view text) noexcept;

// Returns whether text contains a line feed or carriage return.
bool has_line_break(std::string_view text) noexcept;

// Returns whether text contains a letter or digit: an ASCII letter or
// digit, or a code point above U+00BF outside the punctuation, space and
// invisible blocks (U+2000..U+206F, U+3000..U+303F, U+FE00..U+FE0F,
// U+FEFF), so Balinese script and accented Latin count. @pre text is valid
// UTF-8.
bool has_letter_or_digit(std::string_view text) noexcept;

// Returns text fit to quote in a message: at most max_code_points code points
// (then "…"), with invalid bytes written \xNN and control characters \n, \r,
// \t or \u00NN.
std::string printable_excerpt(std::string_view text, std::size_t max_code_points = 60);

} // namespace badung::open311

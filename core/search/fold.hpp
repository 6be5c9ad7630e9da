#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace badung::search {

// Folds text for matching. ASCII and Latin-1/Latin Extended-A letters become
// lower-case ASCII without diacritics: "É" and "e" + U+0301 both become "e",
// "ß" becomes "ss" and "Œ" becomes "oe". Combining diacritical marks
// (U+0300..U+036F) and apostrophes (' U+2018 U+2019 U+02BC) are dropped, so
// "Jum'at" folds like "Jumat". Each run of separators (ASCII space and
// punctuation, Latin-1 signs, U+2000..U+206F punctuation, U+3000, and bytes
// that are not valid UTF-8) becomes one space. Other characters, such as
// Balinese script, pass through unchanged.
// NOTE: letters outside Latin-1 and Latin Extended-A (Vietnamese, Greek,
// Cyrillic) are not folded; a small table keeps ICU out of the wasm build.
std::string fold(std::string_view utf8);

// Folds text and splits it into words at separators and between digits and
// other characters, so "SDN1" gives "sdn" and "1" as "SDN 1" does.
// Multi-byte characters stay whole inside their word.
std::vector<std::string> tokenize(std::string_view utf8);

// Decodes UTF-8 into code points; the input is folded text (valid UTF-8).
std::u32string to_code_points(std::string_view utf8);

} // namespace badung::search

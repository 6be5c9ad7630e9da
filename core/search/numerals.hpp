#pragma once

#include <string_view>

namespace badung::search {

// The other spelling of a folded number word from 1 to 20: "1" gives "i",
// "xiv" gives "14", so "Puskesmas Mengwi I" and "puskesmas mengwi 1" match.
// Empty for any other word.
//
// previous is the folded word before it in the same text, empty at the
// start. A lone "i" after no word or after a street word (jl, jln, jalan,
// gg, gang) is the Balinese personal article, as in "Jl. I Gusti Ngurah
// Rai", and gets no twin.
std::string_view numeral_twin(std::string_view previous, std::string_view word) noexcept;

// True for the folded Roman numerals i to xx. Like digits, they never
// match by typo, because "viii" and "vii" are different numbers.
bool is_roman_numeral(std::string_view word) noexcept;

// The digits of a folded Indonesian number word from one to eleven: "dua"
// gives "2" and "sebelas" gives "11". Empty for any other word.
// A search reads number words this way in the query only, because in a name
// the word is more often part of a place name, as in "Nusa Dua".
// NOTE: two-word numbers from twelve up ("dua belas") are not read.
std::string_view number_word_digits(std::string_view word) noexcept;

} // namespace badung::search

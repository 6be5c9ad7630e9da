#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

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

// The digits of a folded Indonesian number word that is a number on its
// own: "dua" gives "2", "sebelas" gives "11" and "seratus" gives "100".
// Empty for any other word, including "belas", "puluh" and "ratus".
// A search reads number words this way in the query only, because in a name
// the word is more often part of a place name, as in "Nusa Dua".
std::string number_word_digits(std::string_view word);

// The value of the Indonesian number words from 1 to 999 that start at
// words[first], and how many words they take. "dua belas" is 12 in two
// words, "dua puluh satu" 21 in three, "seratus lima" 105 in two. The words
// are read as far as they form one number, so in "dua dua" the first "dua"
// is 2 in one word. A count of 0 means words[first] starts no number.
struct NumberWords {
    int value = 0;
    std::size_t count = 0;
};
NumberWords read_number_words(const std::vector<std::string>& words, std::size_t first) noexcept;

// Replaces each run of two or more folded query words that reads as one
// number by its digits: {"sd", "dua", "belas"} becomes {"sd", "12"}. A lone
// number word stays as typed, so it can still match a name such as "Nusa
// Dua" (see number_word_digits).
void join_number_words(std::vector<std::string>& words);

} // namespace badung::search

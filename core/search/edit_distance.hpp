#pragma once

#include <cstddef>
#include <string>

namespace badung::search {

// Edits a word of this many letters may be off by and still match: none
// below 4 letters, one from 4, two from 8.
int max_typo_edits(std::size_t letters) noexcept;

// Optimal string alignment distance (restricted Damerau-Levenshtein): the
// fewest insertions, deletions, substitutions and swaps of two adjacent
// letters turning a into b, where no letter is edited twice.
int osa_distance(const std::u32string& a, const std::u32string& b);

} // namespace badung::search

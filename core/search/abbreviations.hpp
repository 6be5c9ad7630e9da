#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace badung::search {

// The folded words an Indonesian abbreviation stands for ("rsud" gives
// "rumah sakit umum daerah", "sdn" gives "sekolah dasar negeri"), or an
// empty span when the folded word is no known abbreviation. Covers street
// and place words (jl, jln, gg, ds, kel, kec, kab, br), health (rs, rsu,
// rsud, rsia, pkm, pskms, pustu) and schools (tk, sd, smp, sma, smk, their
// negeri forms sdn, smpn, sman, smkn and their swasta forms sds, smps, smas,
// smks).
std::span<const std::string_view> expansion_of(std::string_view folded_word) noexcept;

// Joins a school level (sd, smp, sma, smk) and the status letter after it,
// "n" for negeri (state) or "s" for swasta (private), into the one word that
// expansion_of expands, so the words of "SD N 1 Kuta" become "sdn 1 kuta".
// When last_is_partial is true, a status letter that is the last word stays
// a word of its own, because "sd n" may be the start of "sd nusa dua".
// words are folded words, as tokenize returns them.
void join_status_letters(std::vector<std::string>& words, bool last_is_partial);

// True for a folded school level (sd, smp, sma, smk), alone or joined with
// its status letter (sdn, sds, smpn, smps, sman, smas, smkn, smks). These
// words are one edit apart and name different schools.
bool is_school_abbreviation(std::string_view folded_word) noexcept;

} // namespace badung::search

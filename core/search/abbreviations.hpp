#pragma once

#include <span>
#include <string>
#include <string_view>

namespace badung::search {

// The folded words an Indonesian abbreviation stands for ("rsud" gives
// "rumah sakit umum daerah", "sdn" gives "sekolah dasar negeri"), or an
// empty span when the folded word is no known abbreviation. Covers street
// and place words (jl, jln, gg, ds, kel, kec, kab, br), health (rs, rsu,
// rsud, rsia, pkm, pustu) and schools (tk, sd, smp, sma, smk and their
// negeri forms sdn, smpn, sman, smkn).
std::span<const std::string_view> expansion_of(std::string_view folded_word) noexcept;

} // namespace badung::search

#include "core/search/abbreviations.hpp"

#include <algorithm>
#include <array>
#include <initializer_list>
#include <vector>

namespace badung::search {

namespace {

struct Abbreviation {
    std::string_view word;
    std::vector<std::string_view> expansion;
};

// Sorted by word for binary search.
const std::vector<Abbreviation>& abbreviations() {
    static const std::vector<Abbreviation> table = [] {
        std::vector<Abbreviation> rows{
            {"br", {"banjar"}},
            {"ds", {"desa"}},
            {"gg", {"gang"}},
            {"jl", {"jalan"}},
            {"jln", {"jalan"}},
            {"kab", {"kabupaten"}},
            {"kec", {"kecamatan"}},
            {"kel", {"kelurahan"}},
            {"no", {"nomor"}},
            {"pkm", {"puskesmas"}},
            {"pustu", {"puskesmas", "pembantu"}},
            {"rs", {"rumah", "sakit"}},
            {"rsia", {"rumah", "sakit", "ibu", "anak"}},
            {"rsu", {"rumah", "sakit", "umum"}},
            {"rsud", {"rumah", "sakit", "umum", "daerah"}},
            {"sd", {"sekolah", "dasar"}},
            {"sdn", {"sekolah", "dasar", "negeri"}},
            {"sma", {"sekolah", "menengah", "atas"}},
            {"sman", {"sekolah", "menengah", "atas", "negeri"}},
            {"smk", {"sekolah", "menengah", "kejuruan"}},
            {"smkn", {"sekolah", "menengah", "kejuruan", "negeri"}},
            {"smp", {"sekolah", "menengah", "pertama"}},
            {"smpn", {"sekolah", "menengah", "pertama", "negeri"}},
            {"tk", {"taman", "kanak", "kanak"}},
        };
        std::sort(rows.begin(), rows.end(),
                  [](const Abbreviation& a, const Abbreviation& b) { return a.word < b.word; });
        return rows;
    }();
    return table;
}

} // namespace

std::span<const std::string_view> expansion_of(std::string_view folded_word) noexcept {
    const auto& table = abbreviations();
    const auto it = std::lower_bound(table.begin(), table.end(), folded_word,
                                     [](const Abbreviation& row, std::string_view word) { return row.word < word; });
    if (it == table.end() || it->word != folded_word) {
        return {};
    }
    return {it->expansion.data(), it->expansion.size()};
}

} // namespace badung::search

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
            {"pskms", {"puskesmas"}},
            {"pustu", {"puskesmas", "pembantu"}},
            {"rs", {"rumah", "sakit"}},
            {"rsia", {"rumah", "sakit", "ibu", "anak"}},
            {"rsu", {"rumah", "sakit", "umum"}},
            {"rsud", {"rumah", "sakit", "umum", "daerah"}},
            {"sd", {"sekolah", "dasar"}},
            {"sdn", {"sekolah", "dasar", "negeri"}},
            {"sds", {"sekolah", "dasar", "swasta"}},
            {"sma", {"sekolah", "menengah", "atas"}},
            {"sman", {"sekolah", "menengah", "atas", "negeri"}},
            {"smas", {"sekolah", "menengah", "atas", "swasta"}},
            {"smk", {"sekolah", "menengah", "kejuruan"}},
            {"smkn", {"sekolah", "menengah", "kejuruan", "negeri"}},
            {"smks", {"sekolah", "menengah", "kejuruan", "swasta"}},
            {"smp", {"sekolah", "menengah", "pertama"}},
            {"smpn", {"sekolah", "menengah", "pertama", "negeri"}},
            {"smps", {"sekolah", "menengah", "pertama", "swasta"}},
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

namespace {

bool is_school_level(std::string_view word) {
    return word == "sd" || word == "smp" || word == "sma" || word == "smk";
}

} // namespace

bool is_school_abbreviation(std::string_view folded_word) noexcept {
    if (is_school_level(folded_word)) {
        return true;
    }
    const bool has_status = folded_word.ends_with('n') || folded_word.ends_with('s');
    return has_status && is_school_level(folded_word.substr(0, folded_word.size() - 1));
}

void join_status_letters(std::vector<std::string>& words, bool last_is_partial) {
    std::vector<std::string> joined;
    joined.reserve(words.size());
    for (std::size_t w = 0; w < words.size(); ++w) {
        const bool has_next = w + 1 < words.size();
        const bool next_is_status = has_next && (words[w + 1] == "n" || words[w + 1] == "s");
        const bool next_still_typed = last_is_partial && w + 2 == words.size();
        if (is_school_level(words[w]) && next_is_status && !next_still_typed) {
            joined.push_back(words[w] + words[w + 1]);
            ++w;
        } else {
            joined.push_back(std::move(words[w]));
        }
    }
    words = std::move(joined);
}

} // namespace badung::search

#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace badung::search {

// The kind phrases of search records (see SearchRecord::kind_words) and
// which of them a query contains. A query contains a phrase when it has
// the phrase's words in a row.
class KindPhrases {
public:
    // Flags of the records whose kind a query names, and of the query words
    // that lie in a kind phrase it contains.
    struct Named {
        std::vector<bool> records;
        std::vector<bool> words;
    };

    // Adds the kind words of the next record, in record order.
    void add_record(const std::vector<std::string>& kind_words);

    // Flags the records whose kind a query of folded words names: those
    // whose kind words contain every kind phrase of the query, so "sd rs"
    // names no kind.
    Named named(const std::vector<std::string>& words) const;

private:
    static constexpr std::uint32_t no_set = 0xFFFFFFFF;

    // Every phrase once, as words. A set is the sorted phrase numbers of
    // one record's kind words, and records with equal kind words share it.
    std::vector<std::vector<std::string>> phrases_;
    std::vector<std::vector<std::size_t>> sets_;
    std::vector<std::uint32_t> record_sets_; // by record: its set, or no_set
};

} // namespace badung::search

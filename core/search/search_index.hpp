#pragma once

#include "core/geo/lon_lat.hpp"
#include "core/search/kind_phrases.hpp"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace badung::search {

// How a query word matched, best first. A result's quality is that of its
// worst-matching query word.
enum class MatchQuality : std::uint8_t {
    exact,        // the word is a word of the feature
    abbreviation, // equal after expanding an abbreviation on either side (jl = jalan)
    prefix,       // the last query word, still being typed, begins a word
    typo,         // within max_typo_edits of a word (OSA distance)
};

// The record fields that the query words matched in, best first. A query
// word that names the record's own place kind (see SearchRecord::kind_words)
// counts as a word in the name.
enum class MatchField : std::uint8_t {
    name,       // each word in the name or the category terms, at least one in the name
    part_name,  // some words in the name, the others only in the address
    elsewhere,  // no word in the name
};

// One searchable feature. item is the caller's number for it: results that
// rank equal otherwise run by ascending item.
struct SearchRecord {
    std::uint32_t item = 0;
    std::string name;
    std::string category; // catalog slug; its names and keywords are searched
    std::string address;
    // The point that distances to the search centre are measured from. NaN
    // coordinates mark a feature without a location.
    geo::LonLat location;
    std::string terms{};  // more category words, such as the layer title "Halte bus"
    // Folded words and phrases that name the record's place kind, such as
    // "rs", "rsud" and "rumah sakit" for a hospital. They are not searched:
    // they rank the record above records that only carry such a word. A query
    // contains a phrase when it has the phrase's words in a row.
    std::vector<std::string> kind_words{};
};

struct SearchHit {
    std::uint32_t item = 0;
    MatchQuality quality = MatchQuality::exact;
    // From SearchOptions::centre, 0 without one. Infinity for a record
    // without a location, so it ranks after the located records of its tier.
    double distance_m = 0.0;
    MatchField field = MatchField::name;
    bool whole_name = false; // the query words cover every word of the name
    bool of_kind = false;    // the record is of the place kind the query names

    friend bool operator==(const SearchHit&, const SearchHit&) = default;
};

struct SearchOptions {
    std::optional<geo::LonLat> centre; // rank equal matches nearest first
    std::size_t limit = 50;            // most hits returned
};

// An inverted index of folded words over feature names, categories and
// addresses, tuned to Indonesian (see fold and expansion_of). Words are kept
// in one sorted list, which serves exact, prefix and typo look-up.
class SearchIndex {
public:
    explicit SearchIndex(const std::vector<SearchRecord>& records);

    std::size_t size() const noexcept { return items_.size(); }

    // Returns the records matching every word of the query. They rank by
    // field, then by kind: a record of the place kind the query names (its
    // kind_words contain every kind phrase of the query) comes first. Then
    // they rank by match quality, whole name before part of it, distance
    // from options.centre (distances within 1 mm are ties) and item. A word
    // matches a record word exactly, through an abbreviation (query "jl"
    // and record "Jalan", or query "jalan" and record "Jl."; a multi-word
    // expansion needs all its words), or with typos (letters only: one edit
    // from 4 letters, two from 8, counted on the shorter word; none for a
    // school abbreviation, see is_school_abbreviation). The last word also matches as a prefix unless the query
    // ends with a space or punctuation. Numbers from 1 to 20 match in both
    // Arabic and Roman spelling (see numeral_twin). A query's number words
    // from 1 to 999 match that number. A lone word ("dua") matches itself
    // and the digits, ranked as an abbreviation (see number_word_digits).
    // Two or more words ("dua belas") are read as the digits "12" (see
    // join_number_words). A school level and its status letter count as one
    // abbreviation ("SD N" as "sdn", see join_status_letters). A word without
    // digits also matches two adjacent words of a name or address typed
    // without the space between them ("nusadua" for "Nusa Dua"). Such a
    // joined match ranks as an abbreviation, or as a prefix while typed
    // unless the word is an abbreviation or a word of the index, and never
    // as a typo. An empty query matches nothing.
    std::vector<SearchHit> search(std::string_view query, const SearchOptions& options = {}) const;

private:
    struct Posting {
        std::uint32_t record = 0;
        std::uint32_t name_bits = 0; // positions of the name words it stands for, capped at bit 31
        bool derived = false;        // only present through an abbreviation's expansion or numeral twin
        std::uint8_t fields = 0;     // field_* bits of the fields containing it
        // For a joined word, the length of its first word: a prefix must be
        // longer to count, because a shorter one is a prefix of that word alone.
        std::uint16_t first_length = 0;
    };

    // The match of one query word in one record.
    struct WordMatch {
        std::uint8_t quality = 0xFF; // a MatchQuality, 0xFF for none
        std::uint8_t fields = 0;
        std::uint32_t name_bits = 0;
    };

    std::vector<std::uint32_t> items_;
    std::vector<geo::LonLat> locations_;
    std::vector<std::string> words_;            // sorted, unique
    std::vector<std::u32string> word_points_;   // words_ as code points
    // Two adjacent words of a name or address written as one ("nusadua"),
    // sorted and unique, with their postings by word. Kept apart from words_
    // so the typo walk does not visit them.
    std::vector<std::string> joined_words_;
    std::vector<std::vector<Posting>> joined_postings_;
    std::vector<std::uint32_t> full_name_bits_; // by record: a bit per name word
    std::vector<bool> word_skips_typos_;        // numbers get no typo matching
    std::vector<std::vector<Posting>> postings_; // by word, sorted by record
    KindPhrases kind_phrases_;

    std::ptrdiff_t find_word(std::string_view word) const;
    void match_word(std::string_view word, bool is_last_partial, std::vector<WordMatch>& matches) const;
    void match_expansion(std::string_view word, std::vector<WordMatch>& matches) const;
    void match_number_word(std::string_view word, std::vector<WordMatch>& matches) const;
    void match_joined(std::string_view word, bool is_last_partial, std::vector<WordMatch>& matches) const;
    void match_typos(std::string_view word, std::vector<WordMatch>& matches) const;
};

} // namespace badung::search

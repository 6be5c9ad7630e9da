#include "core/search/search_index.hpp"

#include "core/search/abbreviations.hpp"
#include "core/search/categories.hpp"
#include "core/search/edit_distance.hpp"
#include "core/search/fold.hpp"
#include "core/search/numerals.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <unordered_map>

namespace badung::search {

namespace {

constexpr std::uint8_t no_match = 0xFF;
constexpr double tie_tolerance_m = 0.001;

// Fields of a record, as bits of Posting::fields.
constexpr std::uint8_t field_name = 1;
constexpr std::uint8_t field_address = 2;
constexpr std::uint8_t field_terms = 4; // category names, keywords and SearchRecord::terms

constexpr std::size_t last_name_bit = 31;

std::uint8_t rank(MatchQuality quality) {
    return static_cast<std::uint8_t>(quality);
}

template <typename Match>
void improve(Match& match, MatchQuality found, std::uint8_t fields, std::uint32_t name_bits) {
    match.quality = std::min(match.quality, rank(found));
    match.fields |= fields;
    match.name_bits |= name_bits;
}

bool has_digit(std::string_view word) {
    return word.find_first_of("0123456789") != std::string_view::npos;
}

std::uint32_t name_bit(std::size_t position) {
    return std::uint32_t{1} << std::min(position, last_name_bit);
}

// Classifies a record by the fields its query words matched in: all in the
// name or the category terms with one at least in the name, some in the
// name, or none.
MatchField field_of(std::size_t words, std::size_t in_name, std::size_t in_name_or_terms) {
    if (in_name == 0) {
        return MatchField::elsewhere;
    }
    return in_name_or_terms == words ? MatchField::name : MatchField::part_name;
}

// Ranks hits by field, kind, quality, whole name, distance and item.
bool ranks_before(const SearchHit& a, const SearchHit& b) {
    if (a.field != b.field) {
        return a.field < b.field;
    }
    if (a.of_kind != b.of_kind) {
        return a.of_kind;
    }
    if (a.quality != b.quality) {
        return a.quality < b.quality;
    }
    if (a.whole_name != b.whole_name) {
        return a.whole_name;
    }
    return a.distance_m != b.distance_m ? a.distance_m < b.distance_m : a.item < b.item;
}

bool same_tier(const SearchHit& a, const SearchHit& b) {
    return a.field == b.field && a.of_kind == b.of_kind && a.quality == b.quality && a.whole_name == b.whole_name;
}

// The searchable text of a category: its names and keywords when the slug is
// in the catalog table, else the slug itself.
std::string category_text(const std::string& slug) {
    const Category* category = find_category(slug);
    if (category == nullptr) {
        return slug;
    }
    std::string text(category->name_id);
    text += ' ';
    text += category->name_en;
    text += ' ';
    text += category->keywords;
    return text;
}

// Sorts hits whose distances lie within 1 mm of their group's first by item,
// so ranking does not hang on rounding differences between builds.
void rank_ties(std::vector<SearchHit>& hits) {
    std::size_t group = 0;
    for (std::size_t i = 1; i <= hits.size(); ++i) {
        const bool ends_group = i == hits.size() || !same_tier(hits[i], hits[group]) ||
                                hits[i].distance_m > hits[group].distance_m + tie_tolerance_m;
        if (ends_group) {
            std::sort(hits.begin() + static_cast<std::ptrdiff_t>(group),
                      hits.begin() + static_cast<std::ptrdiff_t>(i),
                      [](const SearchHit& a, const SearchHit& b) { return a.item < b.item; });
            group = i;
        }
    }
}

// True when every word of name is a kind word (see is_kind_word) or a word
// of the record's category and kind terms, as for a clinic named just
// "Puskesmas" or "Apotek": such a name gets
// no whole-name bonus, so it does not outrank "Puskesmas Mengwi I" nearby.
bool is_generic_name(const std::string& name, const std::string& terms) {
    const std::vector<std::string> name_words = tokenize(name);
    if (name_words.empty()) {
        return false;
    }
    const std::vector<std::string> term_words = tokenize(terms);
    return std::all_of(name_words.begin(), name_words.end(), [&term_words](const std::string& word) {
        return is_kind_word(word) || std::find(term_words.begin(), term_words.end(), word) != term_words.end();
    });
}

double distance_from(const std::optional<geo::LonLat>& centre, const geo::LonLat& location) {
    if (std::isnan(location.lon) || std::isnan(location.lat)) {
        return std::numeric_limits<double>::infinity();
    }
    return centre ? geo::haversine_m(*centre, location) : 0.0;
}

} // namespace

SearchIndex::SearchIndex(const std::vector<SearchRecord>& records) {
    using WordPostings = std::unordered_map<std::string, std::vector<Posting>>;
    WordPostings index;
    WordPostings joined_index;
    const auto add = [](WordPostings& to, const std::string& word, const Posting& posting) {
        std::vector<Posting>& list = to[word];
        if (!list.empty() && list.back().record == posting.record) {
            list.back().derived = list.back().derived && posting.derived;
            list.back().fields |= posting.fields;
            list.back().name_bits |= posting.name_bits;
            list.back().first_length = std::min(list.back().first_length, posting.first_length);
        } else {
            list.push_back(posting);
        }
    };

    // Each word of a field, its abbreviation's expansion and its numeral
    // twin, and in a name or address each pair of adjacent words without
    // digits as one joined word. Two or more words that spell one number
    // are also indexed as its digits ("Dua Belas" as "12"), because
    // join_number_words turns the query "dua belas" into "12".
    const auto add_field = [&](const std::string& text, std::uint32_t record, std::uint8_t field) {
        std::vector<std::string> words = tokenize(text);
        join_status_letters(words, false);
        std::size_t number_end = 0;
        for (std::size_t w = 0; w < words.size(); ++w) {
            const std::uint32_t bits = field == field_name ? name_bit(w) : 0;
            add(index, words[w], {record, bits, false, field});
            if (w >= number_end) {
                const NumberWords number = read_number_words(words, w);
                if (number.count >= 2) {
                    number_end = w + number.count;
                    std::uint32_t number_bits = 0;
                    for (std::size_t k = w; field == field_name && k < number_end; ++k) {
                        number_bits |= name_bit(k);
                    }
                    add(index, std::to_string(number.value), {record, number_bits, true, field});
                }
            }
            for (std::string_view expanded : expansion_of(words[w])) {
                add(index, std::string(expanded), {record, bits, true, field});
            }
            const std::string_view twin = numeral_twin(w > 0 ? words[w - 1] : std::string_view{}, words[w]);
            if (!twin.empty()) {
                add(index, std::string(twin), {record, bits, true, field});
            }

            const bool joins_next = field != field_terms && w + 1 < words.size() && !has_digit(words[w]) &&
                                    !has_digit(words[w + 1]);
            if (joins_next) {
                const std::uint32_t pair_bits = field == field_name ? bits | name_bit(w + 1) : 0;
                const auto first_length = static_cast<std::uint16_t>(std::min<std::size_t>(words[w].size(), 0xFFFF));
                add(joined_index, words[w] + words[w + 1], {record, pair_bits, true, field, first_length});
            }
        }
        return words.size();
    };

    for (std::size_t r = 0; r < records.size(); ++r) {
        const SearchRecord& record = records[r];
        items_.push_back(record.item);
        locations_.push_back(record.location);

        const auto record_number = static_cast<std::uint32_t>(r);
        const std::string terms = category_text(record.category) + ' ' + record.terms;
        const std::size_t name_words = add_field(record.name, record_number, field_name);
        const bool generic = is_generic_name(record.name, terms);
        full_name_bits_.push_back(name_words == 0 || generic ? 0 : (name_bit(name_words - 1) << 1) - 1);
        add_field(record.address, record_number, field_address);
        add_field(terms, record_number, field_terms);
        kind_phrases_.add_record(record.kind_words);
    }

    for (const auto& entry : index) {
        words_.push_back(entry.first);
    }
    std::sort(words_.begin(), words_.end());
    for (const std::string& word : words_) {
        word_points_.push_back(to_code_points(word));
        word_skips_typos_.push_back(has_digit(word) || is_roman_numeral(word));
        postings_.push_back(std::move(index[word]));
    }

    for (const auto& entry : joined_index) {
        joined_words_.push_back(entry.first);
    }
    std::sort(joined_words_.begin(), joined_words_.end());
    for (const std::string& word : joined_words_) {
        joined_postings_.push_back(std::move(joined_index[word]));
    }
}

std::ptrdiff_t SearchIndex::find_word(std::string_view word) const {
    const auto it = std::lower_bound(words_.begin(), words_.end(), word);
    if (it == words_.end() || *it != word) {
        return -1;
    }
    return it - words_.begin();
}

void SearchIndex::match_word(std::string_view word, bool is_last_partial,
                             std::vector<WordMatch>& matches) const {
    // Exact: the word itself, or a word an abbreviation of the record expands to.
    const std::ptrdiff_t exact = find_word(word);
    if (exact >= 0) {
        for (const Posting& posting : postings_[static_cast<std::size_t>(exact)]) {
            improve(matches[posting.record], posting.derived ? MatchQuality::abbreviation : MatchQuality::exact,
                    posting.fields, posting.name_bits);
        }
    }

    match_expansion(word, matches);
    match_number_word(word, matches);
    match_joined(word, is_last_partial, matches);

    // Prefix: the last word while it is still being typed.
    if (is_last_partial) {
        auto it = std::lower_bound(words_.begin(), words_.end(), word);
        for (; it != words_.end() && it->compare(0, word.size(), word) == 0; ++it) {
            if (it->size() == word.size()) {
                continue;
            }
            for (const Posting& posting : postings_[static_cast<std::size_t>(it - words_.begin())]) {
                improve(matches[posting.record], MatchQuality::prefix, posting.fields, posting.name_bits);
            }
        }
    }

    match_typos(word, matches);
}

void SearchIndex::match_expansion(std::string_view word, std::vector<WordMatch>& matches) const {
    // An abbreviation typed: every word of its expansion must be in the record.
    // Each posting list contains a record once, so a record containing every
    // word is counted once per word of the expansion (repeats included, as
    // in "tk": "taman kanak kanak").
    const auto expansion = expansion_of(word);
    if (expansion.empty()) {
        return;
    }

    // The fields and name words of the expansion's words add up.
    std::vector<WordMatch> found_words(matches.size());
    std::vector<std::uint8_t> count(matches.size(), 0);
    for (std::string_view expanded : expansion) {
        const std::ptrdiff_t found = find_word(expanded);
        if (found < 0) {
            return;
        }
        for (const Posting& posting : postings_[static_cast<std::size_t>(found)]) {
            ++count[posting.record];
            found_words[posting.record].fields |= posting.fields;
            found_words[posting.record].name_bits |= posting.name_bits;
        }
    }

    for (std::size_t r = 0; r < count.size(); ++r) {
        if (count[r] == expansion.size()) {
            improve(matches[r], MatchQuality::abbreviation, found_words[r].fields, found_words[r].name_bits);
        }
    }
}

void SearchIndex::match_number_word(std::string_view word, std::vector<WordMatch>& matches) const {
    // The digits' postings include the records that spell the number in
    // Roman numerals, through their numeral twins.
    const std::string digits = number_word_digits(word);
    if (digits.empty()) {
        return;
    }
    const std::ptrdiff_t found = find_word(digits);
    if (found < 0) {
        return;
    }
    for (const Posting& posting : postings_[static_cast<std::size_t>(found)]) {
        improve(matches[posting.record], MatchQuality::abbreviation, posting.fields, posting.name_bits);
    }
}

void SearchIndex::match_joined(std::string_view word, bool is_last_partial, std::vector<WordMatch>& matches) const {
    if (has_digit(word)) {
        return;
    }
    // A word the index has, or an abbreviation, is complete as typed: "rsud"
    // is no start of "RS Udayana".
    const bool prefix_allowed = is_last_partial && find_word(word) < 0 && expansion_of(word).empty();

    auto it = std::lower_bound(joined_words_.begin(), joined_words_.end(), word);
    for (; it != joined_words_.end() && it->compare(0, word.size(), word) == 0; ++it) {
        const bool whole = it->size() == word.size();
        if (!whole && !prefix_allowed) {
            break;
        }
        const MatchQuality quality = whole ? MatchQuality::abbreviation : MatchQuality::prefix;
        for (const Posting& posting : joined_postings_[static_cast<std::size_t>(it - joined_words_.begin())]) {
            if (word.size() > posting.first_length) {
                improve(matches[posting.record], quality, posting.fields, posting.name_bits);
            }
        }
    }
}

void SearchIndex::match_typos(std::string_view word, std::vector<WordMatch>& matches) const {
    const std::u32string query = to_code_points(word);
    const int max_edits = max_typo_edits(query.size());
    // School abbreviations are one edit apart ("smpn", "sman", "smkn") and
    // name different schools, so they get no typo match.
    if (max_edits == 0 || has_digit(word) || is_roman_numeral(word) || is_school_abbreviation(word)) {
        return;
    }

    // Walk the sorted word list as a trie: consecutive words share prefixes,
    // so the rows of the OSA table for a shared prefix are reused, and once
    // two consecutive rows exceed the limit every word with that prefix is
    // skipped.
    const std::size_t columns = query.size() + 1;
    std::vector<std::vector<int>> rows(1, std::vector<int>(columns));
    std::vector<int> row_min(1, 0);
    for (std::size_t j = 0; j < columns; ++j) {
        rows[0][j] = static_cast<int>(j);
    }

    const std::u32string* previous = nullptr;
    std::size_t computed = 0;
    std::size_t t = 0;
    while (t < word_points_.size()) {
        const std::u32string& token = word_points_[t];
        const std::size_t length_gap = token.size() > query.size() ? token.size() - query.size()
                                                                   : query.size() - token.size();
        if (length_gap > static_cast<std::size_t>(max_edits)) {
            ++t;
            continue;
        }

        std::size_t depth = 0;
        if (previous != nullptr) {
            const std::size_t shared_max = std::min({computed, token.size(), previous->size()});
            while (depth < shared_max && (*previous)[depth] == token[depth]) {
                ++depth;
            }
        }
        if (rows.size() < token.size() + 1) {
            rows.resize(token.size() + 1, std::vector<int>(columns));
            row_min.resize(token.size() + 1);
        }

        bool pruned = false;
        for (std::size_t i = depth + 1; i <= token.size(); ++i) {
            std::vector<int>& row = rows[i];
            row[0] = static_cast<int>(i);
            int smallest = row[0];
            for (std::size_t j = 1; j < columns; ++j) {
                const int cost = token[i - 1] == query[j - 1] ? 0 : 1;
                int best = std::min({rows[i - 1][j] + 1, row[j - 1] + 1, rows[i - 1][j - 1] + cost});
                if (i > 1 && j > 1 && token[i - 1] == query[j - 2] && token[i - 2] == query[j - 1]) {
                    best = std::min(best, rows[i - 2][j - 2] + 1);
                }
                row[j] = best;
                smallest = std::min(smallest, best);
            }
            row_min[i] = smallest;
            depth = i;

            // Every later row is at least min(this row, the row before + 1).
            if (smallest > max_edits && row_min[i - 1] >= max_edits) {
                pruned = true;
                break;
            }
        }
        previous = &token;
        computed = depth;

        if (pruned) {
            ++t;
            while (t < word_points_.size() && word_points_[t].size() >= depth &&
                   std::equal(token.begin(), token.begin() + static_cast<std::ptrdiff_t>(depth),
                              word_points_[t].begin())) {
                ++t;
            }
            continue;
        }

        const int distance = rows[token.size()][columns - 1];
        const int allowed = max_typo_edits(std::min(token.size(), query.size()));
        if (distance >= 1 && distance <= allowed && !word_skips_typos_[t]) {
            for (const Posting& posting : postings_[t]) {
                improve(matches[posting.record], MatchQuality::typo, posting.fields, posting.name_bits);
            }
        }
        ++t;
    }
}

std::vector<SearchHit> SearchIndex::search(std::string_view query, const SearchOptions& options) const {
    std::vector<std::string> words = tokenize(query);
    if (words.empty()) {
        return {};
    }
    const std::string folded = fold(query);
    const bool last_is_partial = folded.back() != ' ';
    join_status_letters(words, last_is_partial);
    join_number_words(words);

    // Each record keeps the quality of its worst-matching word so far, how
    // many words matched in its name (and in its name or category terms),
    // and which name words the query covers.
    struct Tally {
        std::uint8_t worst = 0;
        std::uint32_t in_name = 0;
        std::uint32_t in_name_or_terms = 0;
        std::uint32_t covered = 0;
    };
    std::vector<Tally> tallies(items_.size());
    std::vector<WordMatch> matches(items_.size());
    const KindPhrases::Named named = kind_phrases_.named(words);
    for (std::size_t w = 0; w < words.size(); ++w) {
        std::fill(matches.begin(), matches.end(), WordMatch{});
        match_word(words[w], last_is_partial && w + 1 == words.size(), matches);
        for (std::size_t r = 0; r < items_.size(); ++r) {
            WordMatch& match = matches[r];
            Tally& tally = tallies[r];
            tally.worst = match.quality == no_match ? no_match : std::max(tally.worst, match.quality);
            // A word naming the record's own kind describes the whole place,
            // as its name would: "rs" for "BIMC Hospital".
            if (match.quality != no_match && named.words[w] && named.records[r]) {
                match.fields |= field_name;
            }
            tally.in_name += (match.fields & field_name) != 0 ? 1 : 0;
            tally.in_name_or_terms += (match.fields & (field_name | field_terms)) != 0 ? 1 : 0;
            tally.covered |= match.name_bits;
        }
    }

    std::vector<SearchHit> hits;
    for (std::size_t r = 0; r < items_.size(); ++r) {
        const Tally& tally = tallies[r];
        if (tally.worst == no_match) {
            continue;
        }
        SearchHit hit;
        hit.item = items_[r];
        hit.quality = static_cast<MatchQuality>(tally.worst);
        hit.distance_m = distance_from(options.centre, locations_[r]);
        hit.field = field_of(words.size(), tally.in_name, tally.in_name_or_terms);
        hit.whole_name = full_name_bits_[r] != 0 && (tally.covered & full_name_bits_[r]) == full_name_bits_[r];
        hit.of_kind = named.records[r];
        hits.push_back(hit);
    }

    // With more hits than the limit, sort only those up to the limit-th hit
    // and its tie group: a short query like "jl" matches nearly every record.
    if (options.limit > 0 && hits.size() > options.limit) {
        const auto last = hits.begin() + static_cast<std::ptrdiff_t>(options.limit - 1);
        std::nth_element(hits.begin(), last, hits.end(), ranks_before);
        const SearchHit boundary = *last;
        const auto kept_end = std::partition(hits.begin(), hits.end(), [&](const SearchHit& hit) {
            if (!same_tier(hit, boundary)) {
                return ranks_before(hit, boundary);
            }
            return hit.distance_m <= boundary.distance_m + tie_tolerance_m;
        });
        hits.erase(kept_end, hits.end());
    }
    std::sort(hits.begin(), hits.end(), ranks_before);
    rank_ties(hits);
    if (hits.size() > options.limit) {
        hits.resize(options.limit);
    }
    return hits;
}

} // namespace badung::search

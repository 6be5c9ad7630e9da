#include "core/search/kind_phrases.hpp"

#include "core/search/fold.hpp"

#include <algorithm>

namespace badung::search {

void KindPhrases::add_record(const std::vector<std::string>& kind_words) {
    std::vector<std::size_t> set;
    for (const std::string& phrase : kind_words) {
        std::vector<std::string> words = tokenize(phrase);
        if (words.empty()) {
            continue;
        }
        auto found = std::find(phrases_.begin(), phrases_.end(), words);
        if (found == phrases_.end()) {
            found = phrases_.insert(phrases_.end(), std::move(words));
        }
        set.push_back(static_cast<std::size_t>(found - phrases_.begin()));
    }
    if (set.empty()) {
        record_sets_.push_back(no_set);
        return;
    }

    std::sort(set.begin(), set.end());
    set.erase(std::unique(set.begin(), set.end()), set.end());
    auto same = std::find(sets_.begin(), sets_.end(), set);
    if (same == sets_.end()) {
        same = sets_.insert(sets_.end(), std::move(set));
    }
    record_sets_.push_back(static_cast<std::uint32_t>(same - sets_.begin()));
}

KindPhrases::Named KindPhrases::named(const std::vector<std::string>& words) const {
    Named named{std::vector<bool>(record_sets_.size(), false), std::vector<bool>(words.size(), false)};

    // The phrases that occur in the query as consecutive words, in
    // ascending order.
    std::vector<std::size_t> found;
    for (std::size_t p = 0; p < phrases_.size(); ++p) {
        const std::vector<std::string>& phrase = phrases_[p];
        for (std::size_t start = 0; start + phrase.size() <= words.size(); ++start) {
            if (std::equal(phrase.begin(), phrase.end(), words.begin() + static_cast<std::ptrdiff_t>(start))) {
                found.push_back(p);
                std::fill_n(named.words.begin() + static_cast<std::ptrdiff_t>(start), phrase.size(), true);
            }
        }
    }
    if (found.empty()) {
        return named;
    }

    found.erase(std::unique(found.begin(), found.end()), found.end());
    std::vector<bool> set_named(sets_.size());
    for (std::size_t s = 0; s < sets_.size(); ++s) {
        set_named[s] = std::includes(sets_[s].begin(), sets_[s].end(), found.begin(), found.end());
    }
    for (std::size_t r = 0; r < record_sets_.size(); ++r) {
        named.records[r] = record_sets_[r] != no_set && set_named[record_sets_[r]];
    }
    return named;
}

} // namespace badung::search

#pragma once

#include "core/i18n/text.hpp"

#include <span>
#include <string_view>

namespace badung::i18n {

// One string of the facility finder (search box, nearest list, feature
// card, "where am I"), named by a key the shell looks up. Texts may hold
// {n} (a count) or {q} (the search text) for the shell to fill in. A key
// with {n} has a "<key>_one" string that the shell uses for a count of 1.
struct FinderString {
    std::string_view key;
    std::string_view id;
    std::string_view en;
};

// Every finder string, Bahasa Indonesia and English.
std::span<const FinderString> finder_strings() noexcept;

} // namespace badung::i18n

#include "core/search/edit_distance.hpp"

#include <algorithm>
#include <vector>

namespace badung::search {

int max_typo_edits(std::size_t letters) noexcept {
    if (letters >= 8) {
        return 2;
    }
    return letters >= 4 ? 1 : 0;
}

int osa_distance(const std::u32string& a, const std::u32string& b) {
    const std::size_t rows = a.size() + 1;
    const std::size_t columns = b.size() + 1;
    std::vector<int> d(rows * columns);
    const auto at = [&](std::size_t i, std::size_t j) -> int& { return d[i * columns + j]; };

    for (std::size_t i = 0; i < rows; ++i) {
        at(i, 0) = static_cast<int>(i);
    }
    for (std::size_t j = 0; j < columns; ++j) {
        at(0, j) = static_cast<int>(j);
    }

    for (std::size_t i = 1; i < rows; ++i) {
        for (std::size_t j = 1; j < columns; ++j) {
            const int cost = a[i - 1] == b[j - 1] ? 0 : 1;
            int best = std::min({at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + cost});
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
                best = std::min(best, at(i - 2, j - 2) + 1);
            }
            at(i, j) = best;
        }
    }
    return at(rows - 1, columns - 1);
}

} // namespace badung::search

#include "core/index/neighbour_list.hpp"

#include <algorithm>

namespace badung::index {

NeighbourList::NeighbourList(std::size_t k, double max_distance_m)
    : k_(k), max_distance_m_(max_distance_m), cutoff_m_(max_distance_m) {
    found_.reserve(std::min<std::size_t>(k, 64) + 1);
}

void NeighbourList::tighten_cutoff() noexcept {
    cutoff_m_ = std::min(max_distance_m_, found_[k_ - 1].distance_m + tie_tolerance_m);
    while (found_.back().distance_m > cutoff_m_) {
        found_.pop_back();
    }
}

std::vector<Neighbour> NeighbourList::ranked() {
    // Within each group of near-equal distances, ascending item number.
    std::size_t group = 0;
    for (std::size_t i = 1; i <= found_.size(); ++i) {
        if (i == found_.size() || found_[i].distance_m > found_[group].distance_m + tie_tolerance_m) {
            if (i - group < 2) {
                group = i;
                continue;
            }
            std::sort(found_.begin() + static_cast<std::ptrdiff_t>(group),
                      found_.begin() + static_cast<std::ptrdiff_t>(i),
                      [](const Neighbour& a, const Neighbour& b) { return a.item < b.item; });
            group = i;
        }
    }

    if (found_.size() > k_) {
        found_.resize(k_);
    }
    return std::move(found_);
}

} // namespace badung::index

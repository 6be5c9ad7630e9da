#pragma once

#include <cstddef>
#include <cstdint>
#include <limits>
#include <vector>

namespace badung::index {

// One kNN result: the item's position in the build list and its exact distance.
struct Neighbour {
    std::uint32_t item = 0;
    double distance_m = 0.0;

    friend bool operator==(const Neighbour&, const Neighbour&) = default;
};

// Distances closer than this are ties, ranked by ascending item number.
inline constexpr double tie_tolerance_m = 0.001;

// The refined candidates of one kNN search, in any order of arrival, and the
// distance beyond which no further item can enter the result.
class NeighbourList {
public:
    NeighbourList(std::size_t k, double max_distance_m);

    // Adds an item by its exact distance. An item beyond max_distance_m or
    // beyond cutoff_m() is dropped. Inline, as kNN queries call it for each
    // refined candidate.
    void add(std::uint32_t item, double distance_m) {
        if (!(distance_m <= cutoff_m_)) {
            return;
        }

        // Insertion from the back keeps (distance, item) order; the list is short.
        found_.push_back({item, distance_m});
        std::size_t place = found_.size() - 1;
        while (place > 0 && ranks_after(found_[place - 1], item, distance_m)) {
            found_[place] = found_[place - 1];
            --place;
        }
        found_[place] = {item, distance_m};

        if (found_.size() >= k_) {
            tighten_cutoff();
        }
    }

    // Items kept so far, at most k plus those tied with the k-th.
    std::size_t size() const noexcept { return found_.size(); }

    // Once k items are in, the k-th distance plus tie_tolerance_m (capped at
    // max_distance_m), else max_distance_m. The group of near-equal distances that contains the
    // k-th place starts at or before the k-th distance, so every item of that
    // group lies within this cutoff, whatever order the items came in.
    double cutoff_m() const noexcept { return cutoff_m_; }

    // The k nearest by ascending distance, each group of distances within
    // tie_tolerance_m of its first by ascending item number. Call it once,
    // after every item within cutoff_m() has been added.
    std::vector<Neighbour> ranked();

private:
    // Whether entry ranks after (distance_m, item).
    static bool ranks_after(const Neighbour& entry, std::uint32_t item, double distance_m) noexcept {
        return entry.distance_m > distance_m || (entry.distance_m == distance_m && entry.item > item);
    }

    // Once k items are in: the cutoff from the k-th distance, and the items
    // beyond it dropped.
    void tighten_cutoff() noexcept;

    std::size_t k_;
    double max_distance_m_;
    double cutoff_m_;
    std::vector<Neighbour> found_; // by ascending (distance, item)
};

} // namespace badung::index

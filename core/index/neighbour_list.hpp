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
    // beyond cutoff_m() is dropped.
    void add(std::uint32_t item, double distance_m);

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
    std::size_t k_;
    double max_distance_m_;
    double cutoff_m_;
    std::vector<Neighbour> found_; // by ascending (distance, item)
};

} // namespace badung::index

#pragma once

#include "core/geo/bbox.hpp"
#include "core/geo/lon_lat.hpp"

#include <cstddef>
#include <cstdint>
#include <functional>
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

// A static packed Hilbert R-tree over item boxes in lon/lat degrees. Items are
// sorted by the Hilbert value of their box centres and packed bottom-up into
// nodes of node_size children, so the tree is built once in O(n log n) and
// never changes. Items are named by their position in the build list.
class HilbertRTree {
public:
    static constexpr std::size_t default_node_size = 16;

    // Builds the tree. Every box must lie within -180..180 with west <= east;
    // an empty box (geo::BBox{}) is kept as an item that no query returns.
    // Throws std::invalid_argument when node_size < 2 or a box has a NaN edge.
    explicit HilbertRTree(const std::vector<geo::BBox>& item_boxes,
                          std::size_t node_size = default_node_size);

    std::size_t size() const noexcept { return item_count_; }

    // Bytes the tree holds on the heap (boxes, refs and level starts).
    std::size_t memory_bytes() const noexcept {
        return boxes_.capacity() * sizeof(geo::BBox) + refs_.capacity() * sizeof(std::uint32_t) +
               level_start_.capacity() * sizeof(std::size_t);
    }

    // The items whose box intersects the query box, edges included, in
    // ascending item order. The query box must already be normalised (see
    // normalise_bbox): within -180..180 and west <= east.
    std::vector<std::uint32_t> search(const geo::BBox& box) const;

    // Returns the exact distance in metres from the query position to an item.
    // It must never be less than min_distance_m(p, item box) by more than
    // tie_tolerance_m, or nearest() may miss that item.
    using ItemDistance = std::function<double(std::uint32_t item)>;

    // The k items nearest to p by exact_distance, within max_distance_m, by a
    // best-first traversal ordered by the great-circle lower bound of each
    // node box. Results run by ascending distance; items whose distances are
    // within tie_tolerance_m of the first item of their group run by
    // ascending item number. A group that straddles the k-th place is
    // complete before it is cut, so the result does not depend on tree order.
    std::vector<Neighbour> nearest(geo::LonLat p, std::size_t k, const ItemDistance& exact_distance,
                                   double max_distance_m = std::numeric_limits<double>::infinity()) const;

private:
    std::size_t item_count_ = 0;
    std::size_t node_size_ = default_node_size;

    // Boxes of every level, leaves first: level_start_[l] is where level l
    // begins in boxes_ and refs_. A leaf ref is an item number, an inner ref is
    // the position of its first child in the level below.
    std::vector<geo::BBox> boxes_;
    std::vector<std::uint32_t> refs_;
    std::vector<std::size_t> level_start_;

    std::size_t level_end(std::size_t level) const noexcept;
};

} // namespace badung::index

#pragma once

#include "core/geo/bbox.hpp"
#include "core/geo/lon_lat.hpp"
#include "core/index/box_distance.hpp"
#include "core/index/neighbour_list.hpp"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <limits>
#include <numbers>
#include <type_traits>
#include <vector>

namespace badung::index {

// A static packed Hilbert R-tree over item boxes in lon/lat degrees. Items are
// sorted by the Hilbert value of their box centres and packed bottom-up into
// nodes of node_size children, so the tree is built once in O(n) (a radix
// sort) and never changes. Items are named by their position in the build list.
// When every item box is a point (or empty), the leaves store positions
// instead of boxes: half the bytes for a query to read.
class HilbertRTree {
public:
    static constexpr std::size_t default_node_size = 16;

    // Builds the tree. Every box must lie within -180..180 with west <= east;
    // an empty box (geo::BBox{}) is kept as an item that no query returns.
    // Throws std::invalid_argument when node_size < 2, when the tree would
    // hold 2^32 entries or more, or when a box has a NaN edge.
    explicit HilbertRTree(const std::vector<geo::BBox>& item_boxes,
                          std::size_t node_size = default_node_size);

    std::size_t size() const noexcept { return item_count_; }

    // Bytes the tree holds on the heap (boxes, leaf positions, refs and level starts).
    std::size_t memory_bytes() const noexcept {
        return boxes_.capacity() * sizeof(geo::BBox) + leaf_points_.capacity() * sizeof(geo::LonLat) +
               refs_.capacity() * sizeof(std::uint32_t) + level_start_.capacity() * sizeof(std::size_t);
    }

    // The items whose box intersects the query box, edges included, in
    // ascending item order. The query box must already be normalised (see
    // normalise_bbox): within -180..180 and west <= east.
    std::vector<std::uint32_t> search(const geo::BBox& box) const;

    // Calls visit(item) once for each item whose box intersects the query
    // box, edges included, in tree order. The query box is normalised as
    // for search(box). The walk itself allocates nothing.
    template <typename Visit>
    void search(const geo::BBox& box, Visit&& visit) const;

    // Returns the exact distance in metres from the query position to an item.
    // It must never be less than min_distance_m(p, item box) by more than
    // tie_tolerance_m, or nearest() may miss that item.
    using ItemDistance = std::function<double(std::uint32_t item)>;

    // The k items nearest to p by exact_distance, within max_distance_m, by a
    // best-first traversal ordered by a trig-free lower bound of the
    // haversine term of each box. Results run by ascending distance; items
    // whose distances are within tie_tolerance_m of the first item of their
    // group run by ascending item number. A group that straddles the k-th
    // place is complete before it is cut, so the result does not depend on
    // tree order.
    //
    // exact_distance is called as ItemDistance is, or, when it takes them,
    // with (item, the item's box as stored in the tree), which saves callers
    // that measure to the box a look-up of their own. It runs only for items
    // whose box bound lies within the current cutoff (NeighbourList::cutoff_m).
    template <typename Distance>
    std::vector<Neighbour> nearest(geo::LonLat p, std::size_t k, Distance&& exact_distance,
                                   double max_distance_m = std::numeric_limits<double>::infinity()) const;

    // nearest() for callers that hold the item distance as a std::function.
    std::vector<Neighbour> nearest(geo::LonLat p, std::size_t k, const ItemDistance& exact_distance,
                                   double max_distance_m = std::numeric_limits<double>::infinity()) const;

private:
    // A kNN queue entry: a node (level >= 1) or an item (level 0), named by
    // its position in the tree and keyed by the lower bound of the haversine
    // term of its box.
    struct QueueEntry {
        double term = 0.0;
        std::uint32_t position = 0;
        std::uint32_t level = 0;
    };

    std::size_t item_count_ = 0;
    std::size_t node_size_ = default_node_size;

    // Entries of every level, leaves first: level l fills positions
    // level_start_[l] up to level_start_[l + 1], and the last level holds
    // only the root. refs_[position] of a leaf is its item number, of an
    // inner node the position of its first child in the level below.
    std::vector<std::uint32_t> refs_;
    std::vector<std::size_t> level_start_;

    // The box of each position from first_box_ on. Below it, the leaves are
    // the points of leaf_points_, where NaN marks an empty item box.
    std::vector<geo::BBox> boxes_;
    std::vector<geo::LonLat> leaf_points_;
    std::size_t first_box_ = 0;

    std::size_t root_level() const noexcept { return level_start_.size() - 2; }

    // The box of an inner node, or of a leaf when the leaves are boxes.
    const geo::BBox& node_box(std::size_t position) const noexcept { return boxes_[position - first_box_]; }

    // The box of any position.
    geo::BBox box_at(std::size_t position) const noexcept {
        if (position >= first_box_) {
            return node_box(position);
        }
        const geo::LonLat point = leaf_points_[position];
        return {point.lon, point.lat, point.lon, point.lat};
    }

    static bool contains(const geo::BBox& box, geo::LonLat p) noexcept {
        return (box.west <= p.lon) & (p.lon <= box.east) & (box.south <= p.lat) & (p.lat <= box.north);
    }

    static bool intersects(const geo::BBox& a, const geo::BBox& b) noexcept {
        // Non-short-circuit & keeps the test free of branches.
        return (a.west <= b.east) & (b.west <= a.east) & (a.south <= b.north) & (b.south <= a.north);
    }

    static bool is_empty(const geo::BBox& box) noexcept {
        return !(box.west <= box.east && box.south <= box.north);
    }

    // The index of the least term (NaN terms skipped), or count when all are NaN.
    static std::size_t nearest_term(const double* terms, std::size_t count) noexcept {
        std::size_t nearest = count;
        for (std::size_t i = 0; i < count; ++i) {
            if (terms[i] == terms[i] && (nearest == count || terms[i] < terms[nearest])) {
                nearest = i;
            }
        }
        return nearest;
    }

    // Adds the item at a leaf position to found by its exact distance and
    // returns the pruning term of the cutoff: limit_term while the cutoff
    // stays as it was.
    template <typename Distance>
    double refine(std::size_t position, Distance& exact_distance, NeighbourList& found, double limit_term) const;
};

template <typename Visit>
void HilbertRTree::search(const geo::BBox& box, Visit&& visit) const {
    if (refs_.empty()) {
        return;
    }
    const std::size_t top = root_level();
    if (top == 0) {
        if (intersects(box_at(0), box)) {
            visit(refs_[0]);
        }
        return;
    }

    // Depth-first walk that keeps, for each level, the next sibling to test
    // and the end of its run. A tree has at most 33 levels (node_size >= 2,
    // fewer than 2^32 entries), so the cursors fit in fixed arrays.
    std::size_t next[34];
    std::size_t end[34];
    std::size_t level = top;
    next[top] = refs_.size() - 1;
    end[top] = refs_.size();
    while (true) {
        if (next[level] == end[level]) {
            if (++level > top) {
                return;
            }
            continue;
        }
        const std::size_t position = next[level]++;
        if (!intersects(node_box(position), box)) {
            continue;
        }

        const std::size_t first = refs_[position];
        const std::size_t last = std::min(first + node_size_, level_start_[level]);
        if (level > 1) {
            --level;
            next[level] = first;
            end[level] = last;
            continue;
        }
        // Leaves in chunks: each item is written to hits and kept by
        // advancing the count only when it matches, so the loop has no
        // branch to mispredict where matches and misses alternate.
        constexpr std::size_t chunk = 64;
        std::uint32_t hits[chunk];
        for (std::size_t chunk_first = first; chunk_first < last; chunk_first += chunk) {
            const std::size_t chunk_last = std::min(chunk_first + chunk, last);
            std::size_t hit_count = 0;
            if (first_box_ == 0) {
                for (std::size_t child = chunk_first; child < chunk_last; ++child) {
                    hits[hit_count] = refs_[child];
                    hit_count += intersects(boxes_[child], box);
                }
            } else {
                for (std::size_t child = chunk_first; child < chunk_last; ++child) {
                    hits[hit_count] = refs_[child];
                    hit_count += contains(box, leaf_points_[child]);
                }
            }
            for (std::size_t i = 0; i < hit_count; ++i) {
                visit(hits[i]);
            }
        }
    }
}

template <typename Distance>
double HilbertRTree::refine(std::size_t position, Distance& exact_distance, NeighbourList& found,
                            double limit_term) const {
    const std::uint32_t item = refs_[position];
    const double before = found.cutoff_m();
    if constexpr (std::is_invocable_v<Distance&, std::uint32_t, const geo::BBox&>) {
        found.add(item, exact_distance(item, box_at(position)));
    } else {
        found.add(item, exact_distance(item));
    }
    return found.cutoff_m() == before ? limit_term : pruning_term_of(found.cutoff_m(), tie_tolerance_m);
}

template <typename Distance>
std::vector<Neighbour> HilbertRTree::nearest(geo::LonLat p, std::size_t k, Distance&& exact_distance,
                                             double max_distance_m) const {
    if (k == 0 || refs_.empty() || is_empty(box_at(refs_.size() - 1))) {
        return {};
    }

    NeighbourList found(k, max_distance_m);
    double limit_term = pruning_term_of(found.cutoff_m(), tie_tolerance_m);
    const double cos_lat = std::cos(p.lat * std::numbers::pi / 180.0);

    // A min-heap by term. Entries go in only while their bound lies within
    // the cutoff, and the search ends when the nearest bound left lies
    // beyond it.
    std::vector<QueueEntry> queue;
    queue.reserve(256);
    const auto later = [](const QueueEntry& a, const QueueEntry& b) { return a.term > b.term; };
    queue.push_back({min_haversine_term(p, cos_lat, box_at(refs_.size() - 1)),
                     static_cast<std::uint32_t>(refs_.size() - 1), static_cast<std::uint32_t>(root_level())});

    constexpr std::size_t batch = 16;
    double terms[batch];
    while (!queue.empty() && queue.front().term <= limit_term) {
        std::pop_heap(queue.begin(), queue.end(), later);
        const QueueEntry entry = queue.back();
        queue.pop_back();

        if (entry.level == 0) {
            limit_term = refine(entry.position, exact_distance, found, limit_term);
            continue;
        }

        // Children in batches: the bounds first, so their box loads overlap,
        // then the pushes. An empty box or a NaN point gets NaN, which no
        // limit admits.
        const std::size_t level_end = level_start_[entry.level];
        const std::size_t child_end = std::min<std::size_t>(refs_[entry.position] + node_size_, level_end);
        for (std::size_t first = refs_[entry.position]; first < child_end; first += batch) {
            const std::size_t count = std::min(batch, child_end - first);
            if (entry.level == 1 && first_box_ != 0) {
                for (std::size_t i = 0; i < count; ++i) {
                    terms[i] = min_haversine_term(p, cos_lat, leaf_points_[first + i]);
                }
            } else {
                for (std::size_t i = 0; i < count; ++i) {
                    const geo::BBox& child = node_box(first + i);
                    terms[i] = is_empty(child) ? std::numeric_limits<double>::quiet_NaN()
                                               : min_haversine_term(p, cos_lat, child);
                }
            }

            // Until k items are in, the points of the first leaves reached
            // are refined at once, nearest bound first: their k-th distance
            // bounds the cutoff early, so far fewer boxes enter the queue.
            // This is done for points only, whose bound is close to their
            // exact distance. A box bound may lie far below its item's
            // distance, which may be costly (a polygon), so boxes wait in
            // the queue.
            if (entry.level == 1 && first_box_ != 0) {
                while (found.size() < k) {
                    const std::size_t nearest = nearest_term(terms, count);
                    if (nearest == count || !(terms[nearest] <= limit_term)) {
                        break;
                    }
                    limit_term = refine(first + nearest, exact_distance, found, limit_term);
                    terms[nearest] = std::numeric_limits<double>::quiet_NaN();
                }
            }

            for (std::size_t i = 0; i < count; ++i) {
                if (terms[i] <= limit_term) {
                    queue.push_back({terms[i], static_cast<std::uint32_t>(first + i), entry.level - 1});
                    std::push_heap(queue.begin(), queue.end(), later);
                }
            }
        }
    }
    return found.ranked();
}

} // namespace badung::index

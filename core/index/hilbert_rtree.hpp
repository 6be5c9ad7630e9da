#pragma once

#include "core/geo/bbox.hpp"
#include "core/geo/lon_lat.hpp"
#include "core/geo/small_angle.hpp"
#include "core/index/box_distance.hpp"
#include "core/index/cache_aligned.hpp"
#include "core/index/child_run_queue.hpp"
#include "core/index/float_lanes.hpp"
#include "core/index/neighbour_list.hpp"

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <limits>
#include <numbers>
#include <optional>
#include <type_traits>
#include <vector>

namespace badung::index {

// A static packed Hilbert R-tree over item boxes in lon/lat degrees. Items are
// sorted by the Hilbert value of their box centres (boxes larger than a leaf
// node's share of the extent after the others) and packed bottom-up into
// nodes of node_size children, so the tree is built once in O(n) (a radix
// sort) and never changes. Items are named by their position in the build list.
// When every item box is a point (or empty), the leaves store positions
// instead of boxes (half the bytes for a query to read). bbox queries test
// single-precision copies of the leaves four at a time first, points or
// boxes.
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
        return leaf_boxes_.capacity() * sizeof(geo::BBox) + leaf_points_.capacity() * sizeof(geo::LonLat) +
               (leaf_lons_.capacity() + leaf_lats_.capacity()) * sizeof(float) +
               (leaf_wests_.capacity() + leaf_souths_.capacity() + leaf_easts_.capacity() +
                leaf_norths_.capacity()) * sizeof(float) +
               (node_wests_.capacity() + node_souths_.capacity() + node_easts_.capacity() +
                node_norths_.capacity()) * sizeof(float) +
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
    // haversine term of each box. Point trees first try the points within
    // a radius sized from their mean density (nearest_in_radius). Results run by ascending distance; items
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
    CacheAlignedVector<std::uint32_t> refs_;
    std::vector<std::size_t> level_start_;

    // The leaves: item boxes in leaf_boxes_, or, when point_leaves_, the
    // points of leaf_points_ (NaN marks an empty item box) and their
    // offsets from leaf_origin_, the centre of the extent, rounded to the
    // nearest float in leaf_lons_ and leaf_lats_. Offsets are small, so
    // their floats are finer than those of the coordinates (32 to 128 times
    // over Bali), and a query rarely meets a point within one float of its
    // edge, whose exact double it would have to read.
    bool point_leaves_ = false;
    geo::LonLat leaf_origin_{0.0, 0.0};
    std::vector<geo::BBox> leaf_boxes_;
    std::vector<geo::LonLat> leaf_points_;
    CacheAlignedVector<float> leaf_lons_;
    CacheAlignedVector<float> leaf_lats_;

    // The leaf boxes of a tree that is not point_leaves_, each edge rounded
    // outwards to a float as the node boxes are (NaN for an empty box).
    CacheAlignedVector<float> leaf_wests_;
    CacheAlignedVector<float> leaf_souths_;
    CacheAlignedVector<float> leaf_easts_;
    CacheAlignedVector<float> leaf_norths_;

    // Inner node boxes from position item_count_ on, each edge rounded
    // outwards to a float, so a node box contains every box below it.
    // Pruning by them may open a node needlessly, never skip a match.
    CacheAlignedVector<float> node_wests_;
    CacheAlignedVector<float> node_souths_;
    CacheAlignedVector<float> node_easts_;
    CacheAlignedVector<float> node_norths_;

    // NaNs after the last entry of each float array, so that four-lane
    // loads may run past it.
    static constexpr std::size_t float_padding = 3;

    std::size_t root_level() const noexcept { return level_start_.size() - 2; }

    // Build steps: the leaves in Hilbert order (keys as sorted), with the
    // boxes of the first inner level, for point leaves or box leaves.
    void fill_point_leaves(const std::vector<geo::BBox>& item_boxes, const std::uint64_t* keys);
    void fill_box_leaves(const std::vector<geo::BBox>& item_boxes, const std::uint64_t* keys);

    // The loop both fills share: visits each item in key order as
    // store_leaf(leaf position, item box) after adding its item number to
    // refs_, and closes each first-level node with the box of its
    // non-empty items.
    template <typename StoreLeaf>
    void fill_leaves(const std::vector<geo::BBox>& item_boxes, const std::uint64_t* keys, StoreLeaf&& store_leaf);

    // Stores box as the box of the first-level node of that number (when
    // the tree has inner nodes) and empties box for the next node.
    void close_first_level_node(std::size_t node, geo::BBox& box) noexcept;

    // Stores a node box, each edge rounded outwards to a float.
    void set_node_box(std::size_t position, const geo::BBox& box) noexcept;

    // The box of an inner node, in doubles.
    geo::BBox node_box(std::size_t position) const noexcept {
        const std::size_t i = position - item_count_;
        return {node_wests_[i], node_souths_[i], node_easts_[i], node_norths_[i]};
    }

    // The box of any position.
    geo::BBox box_at(std::size_t position) const noexcept {
        if (position >= item_count_) {
            return node_box(position);
        }
        if (!point_leaves_) {
            return leaf_boxes_[position];
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

    // Calls visit(position) once for each leaf whose box intersects the
    // query box, in tree order: the walk of search().
    template <typename VisitPosition>
    void visit_leaves(const geo::BBox& box, VisitPosition&& visit) const;

    // visit_leaves() for trees whose leaves are points (Points) or boxes:
    // walk_leaves for any node size, walk_small_nodes for a node size of
    // at most mask_bits (the default among them), with less bookkeeping.
    template <bool Points, typename VisitPosition>
    void walk_leaves(const geo::BBox& box, VisitPosition& visit) const;
    template <bool Points, typename VisitPosition>
    void walk_small_nodes(const geo::BBox& box, VisitPosition& visit) const;

    // The largest node size for which walk_small_nodes batches the two
    // lowest inner levels (walk_bottom_levels).
    static constexpr std::size_t bottom_batch_node_size = 16;

    // The query box in single precision for the inner nodes, and for the
    // leaves, whose floats are offsets from leaf_origin_ in point trees.
    struct QueryFloats {
        FloatQueryBox nodes;
        FloatQueryBox leaves;
    };

    template <bool Points>
    QueryFloats query_floats(const geo::BBox& box) const noexcept {
        const FloatQueryBox nodes(box);
        if constexpr (Points) {
            return {nodes, FloatQueryBox(box, leaf_origin_)};
        } else {
            return {nodes, nodes};
        }
    }

    // Visits the leaves, from position first, of one first-level node that
    // intersect the query box.
    template <bool Points, typename VisitPosition>
    void visit_leaves_of(std::size_t first, const geo::BBox& box, const QueryFloats& floats,
                         VisitPosition& visit) const;

    // Visits the leaves below the second-level nodes first + i, for each bit
    // i of nodes, that intersect the query box: the first-level nodes they
    // reach are gathered first and their leaves prefetched, then scanned.
    template <bool Points, typename VisitPosition>
    void walk_bottom_levels(std::size_t first, std::uint64_t nodes, const geo::BBox& box,
                            const QueryFloats& floats, VisitPosition& visit) const;

    // nearest() for point leaves, when the points near p are spread evenly
    // enough: it collects the points within a radius sized from the
    // tree's mean density by a bbox walk, refines the k of least bound,
    // then those the cutoff still admits. Returns std::nullopt when the
    // radius does not reach the cutoff, or near a pole or the antimeridian.
    // exact_distance may have run for some items by then, and the caller's
    // best-first search measures them again.
    template <typename Distance>
    std::optional<std::vector<Neighbour>> nearest_in_radius(geo::LonLat p, std::size_t k, Distance& exact_distance,
                                                            double max_distance_m) const;

    // Moves to the front of candidates those to refine first, and returns
    // their count: at least k (or all candidates when there are no more)
    // whose bounds lie below that of any later candidate, or about so.
    // radius_term is the term of the radius box the candidates came from.
    static std::size_t near_candidates_first(std::vector<QueueEntry>& candidates, std::size_t k,
                                             double radius_term) noexcept;

    // The box around p that contains every point whose min_haversine_term
    // from p is at most term, or std::nullopt when that box would come
    // within 1 degree of a pole, cross the antimeridian, or reach more
    // than 40 degrees from p.
    static std::optional<geo::BBox> term_box(geo::LonLat p, double cos_lat, double term) noexcept;

    // Children per bit mask of the bbox walk.
    static constexpr std::size_t mask_bits = 64;

    // A level of the bbox walk: the chunk of children it tests, the end of
    // their run, and a bit for each child of the chunk still to open.
    // No default member values, so the walk's array of cursors costs no
    // stores: a level's cursor is always set before it is read.
    struct ChildCursor {
        std::size_t chunk;
        std::size_t end;
        std::uint64_t pending;
    };

    // Bit i set when the box of inner node first + i may intersect the
    // query box (last - first <= mask_bits), four nodes at a time.
    std::uint64_t intersecting_nodes(std::size_t first, std::size_t last,
                                     const FloatQueryBox& float_box) const noexcept {
        std::uint64_t mask = 0;
        const std::size_t offset = first - item_count_;
        const std::size_t count = last - first;
        for (std::size_t i = 0; i < count; i += 4) {
            const Mask4 lanes = float_box.may_intersect(
                load_float4(node_wests_.data() + offset + i), load_float4(node_souths_.data() + offset + i),
                load_float4(node_easts_.data() + offset + i), load_float4(node_norths_.data() + offset + i));
            mask |= std::uint64_t{lane_bits(lanes)} << i;
        }
        return mask & lowest_bits(count);
    }

    // A mask of the lowest count bits, count <= mask_bits.
    static std::uint64_t lowest_bits(std::size_t count) noexcept {
        return count == 0 ? 0 : ~std::uint64_t{0} >> (mask_bits - count);
    }

    // The same for the leaves first..last, points or boxes. Their float
    // copies are tested four at a time, and only the leaves within one
    // float of a query edge again on their exact doubles.
    template <bool Points>
    std::uint64_t intersecting_leaves(std::size_t first, std::size_t last, const geo::BBox& box,
                                      const FloatQueryBox& float_box) const noexcept {
        std::uint64_t mask = 0;
        std::uint64_t borderline = 0;
        for (std::size_t i = first; i < last; i += 4) {
            unsigned maybe = 0;
            unsigned surely = 0;
            if constexpr (Points) {
                const Float4 lon = load_float4(leaf_lons_.data() + i);
                const Float4 lat = load_float4(leaf_lats_.data() + i);
                maybe = lane_bits(float_box.may_contain(lon, lat));
                surely = lane_bits(float_box.surely_contains(lon, lat));
            } else {
                const Float4 west = load_float4(leaf_wests_.data() + i);
                const Float4 south = load_float4(leaf_souths_.data() + i);
                const Float4 east = load_float4(leaf_easts_.data() + i);
                const Float4 north = load_float4(leaf_norths_.data() + i);
                maybe = lane_bits(float_box.may_intersect(west, south, east, north));
                // Most leaf boxes of an opened node tend to lie outside the
                // query box (7 in 8 in the Badung benchmark), so the second
                // test runs only when a lane may intersect it.
                if (maybe != 0) {
                    surely = lane_bits(float_box.surely_intersects(west, south, east, north));
                }
            }
            mask |= std::uint64_t{maybe} << (i - first);
            borderline |= std::uint64_t{maybe & ~surely} << (i - first);
        }
        mask &= lowest_bits(last - first);
        borderline &= lowest_bits(last - first);

        while (borderline != 0) {
            const std::uint64_t bit = borderline & (~borderline + 1);
            const std::size_t position = first + static_cast<std::size_t>(std::countr_zero(bit));
            bool hit = false;
            if constexpr (Points) {
                hit = contains(box, leaf_points_[position]);
            } else {
                hit = intersects(leaf_boxes_[position], box);
            }
            if (!hit) {
                mask &= ~bit;
            }
            borderline &= borderline - 1;
        }
        return mask;
    }

    // Prefetches the leaves of the first-level nodes first + i for each bit
    // i of nodes, before the walk reads any of them. The walk reads one
    // node's leaves after another, so without this each cache miss would
    // wait for the one before. Prefetched, these reads overlap.
    template <bool Points>
    void prefetch_leaves(std::size_t first, std::uint64_t nodes) const noexcept {
        while (nodes != 0) {
            const std::size_t leaf = refs_[first + static_cast<std::size_t>(std::countr_zero(nodes))];
            if constexpr (Points) {
                __builtin_prefetch(leaf_lons_.data() + leaf);
                __builtin_prefetch(leaf_lats_.data() + leaf);
            } else {
                __builtin_prefetch(leaf_wests_.data() + leaf);
                __builtin_prefetch(leaf_souths_.data() + leaf);
                __builtin_prefetch(leaf_easts_.data() + leaf);
                __builtin_prefetch(leaf_norths_.data() + leaf);
            }
            __builtin_prefetch(refs_.data() + leaf);
            nodes &= nodes - 1;
        }
    }

    // Writes the bounds from p to the boxes of the count entries (at most
    // ChildRunQueue::run_size) from position first, leaves or inner nodes
    // but no point leaves. A bound is a lower bound of the haversine term
    // (see min_haversine_term) rounded down to a float. It comes four at a
    // time from the float copies, or from the exact box where a gap may
    // wrap round the antimeridian. bounds has room for run_size floats.
    void box_terms(std::size_t first, std::size_t count, geo::LonLat p, double cos_lat,
                   const FloatTermBound& float_bound, float* bounds) const noexcept {
        const bool leaves = first < item_count_;
        const std::size_t offset = leaves ? first : first - item_count_;
        const float* wests = (leaves ? leaf_wests_.data() : node_wests_.data()) + offset;
        const float* souths = (leaves ? leaf_souths_.data() : node_souths_.data()) + offset;
        const float* easts = (leaves ? leaf_easts_.data() : node_easts_.data()) + offset;
        const float* norths = (leaves ? leaf_norths_.data() : node_norths_.data()) + offset;
        for (std::size_t i = 0; i < count; i += 4) {
            if (float_bound.terms(load_float4(wests + i), load_float4(souths + i), load_float4(easts + i),
                                  load_float4(norths + i), bounds + i)) {
                continue;
            }
            for (std::size_t j = i; j < std::min(i + 4, count); ++j) {
                const geo::BBox child = box_at(first + j);
                bounds[j] = is_empty(child) ? std::numeric_limits<float>::quiet_NaN()
                                            : float_below(min_haversine_term(p, cos_lat, child));
            }
        }
    }

    // The bounds from p to the count point leaves from position first, as
    // box_terms gives them for boxes. Until k items are in, the points are
    // refined at once, nearest bound first, and each one refined gets a NaN
    // bound: their k-th distance bounds the cutoff early, so far fewer
    // boxes enter the search. This is done for points only, whose bound is
    // close to their exact distance. A box bound may lie far below its
    // item's distance, which may be costly (a polygon), so boxes wait in
    // their run. Returns the pruning term of the cutoff.
    template <typename Distance>
    double point_terms(std::size_t first, std::size_t count, geo::LonLat p, double cos_lat, std::size_t k,
                       Distance& exact_distance, NeighbourList& found, double limit_term, float* bounds) const {
        double terms[ChildRunQueue::run_size];
        for (std::size_t i = 0; i < count; ++i) {
            terms[i] = min_haversine_term(p, cos_lat, leaf_points_[first + i]);
        }
        while (found.size() < k) {
            const std::size_t nearest = nearest_term(terms, count);
            if (nearest == count || !(terms[nearest] <= limit_term)) {
                break;
            }
            limit_term = refine(first + nearest, exact_distance, found, limit_term);
            terms[nearest] = std::numeric_limits<double>::quiet_NaN();
        }
        for (std::size_t i = 0; i < count; ++i) {
            bounds[i] = float_below(terms[i]);
        }
        return limit_term;
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
    // A local copy of the refs pointer: a visitor that appends to a vector
    // stores pointers of the same type, after which the compiler would
    // read refs_'s own pointer again for every hit.
    const std::uint32_t* const refs = refs_.data();
    visit_leaves(box, [refs, &visit](std::size_t position) { visit(refs[position]); });
}

template <typename VisitPosition>
void HilbertRTree::visit_leaves(const geo::BBox& box, VisitPosition&& visit) const {
    if (refs_.empty()) {
        return;
    }
    const std::size_t top = root_level();
    if (top == 0) {
        if (intersects(box_at(0), box)) {
            visit(std::size_t{0});
        }
        return;
    }
    if (node_size_ > mask_bits) {
        if (point_leaves_) {
            walk_leaves<true>(box, visit);
        } else {
            walk_leaves<false>(box, visit);
        }
    } else if (point_leaves_) {
        walk_small_nodes<true>(box, visit);
    } else {
        walk_small_nodes<false>(box, visit);
    }
}

template <bool Points, typename VisitPosition>
void HilbertRTree::walk_small_nodes(const geo::BBox& box, VisitPosition& visit) const {
    // The walk of walk_leaves, where each node's children fit in one bit
    // mask, so a level's cursor is its first child and the bits still to
    // open.
    struct Cursor {
        std::size_t first;
        std::uint64_t pending;
    };
    const std::size_t top = root_level();
    const QueryFloats floats = query_floats<Points>(box);
    Cursor cursors[34];
    const std::size_t root = refs_.size() - 1;
    cursors[top] = {root, intersects(node_box(root), box) ? std::uint64_t{1} : 0};
    std::size_t level = top;
    while (true) {
        Cursor& cursor = cursors[level];
        if (cursor.pending == 0) {
            if (++level > top) {
                return;
            }
            continue;
        }
        const std::size_t position = cursor.first + static_cast<std::size_t>(std::countr_zero(cursor.pending));
        cursor.pending &= cursor.pending - 1;

        const std::size_t first = refs_[position];
        const std::size_t last = std::min(first + node_size_, level_start_[level]);
        if (level == 3 && node_size_ <= bottom_batch_node_size) {
            walk_bottom_levels<Points>(first, intersecting_nodes(first, last, floats.nodes), box, floats, visit);
            continue;
        }
        if (level > 1) {
            --level;
            cursors[level] = {first, intersecting_nodes(first, last, floats.nodes)};
            if (level == 1) {
                prefetch_leaves<Points>(first, cursors[level].pending);
            }
            continue;
        }
        visit_leaves_of<Points>(first, box, floats, visit);
    }
}

template <bool Points, typename VisitPosition>
void HilbertRTree::visit_leaves_of(std::size_t first, const geo::BBox& box, const QueryFloats& floats,
                                   VisitPosition& visit) const {
    const std::size_t last = std::min(first + node_size_, level_start_[1]);
    std::uint64_t hits = intersecting_leaves<Points>(first, last, box, floats.leaves);
    while (hits != 0) {
        visit(first + static_cast<std::size_t>(std::countr_zero(hits)));
        hits &= hits - 1;
    }
}

template <bool Points, typename VisitPosition>
void HilbertRTree::walk_bottom_levels(std::size_t first, std::uint64_t nodes, const geo::BBox& box,
                                      const QueryFloats& floats, VisitPosition& visit) const {
    // The first-level nodes below these second-level ones that the query
    // box may reach, in tree order, their leaves prefetched as they are
    // found, so the reads of all of them overlap.
    std::uint32_t bottom[bottom_batch_node_size * bottom_batch_node_size];
    std::size_t count = 0;
    for (std::uint64_t left = nodes; left != 0; left &= left - 1) {
        const std::size_t child = refs_[first + static_cast<std::size_t>(std::countr_zero(left))] - item_count_;
        __builtin_prefetch(node_wests_.data() + child);
        __builtin_prefetch(node_souths_.data() + child);
        __builtin_prefetch(node_easts_.data() + child);
        __builtin_prefetch(node_norths_.data() + child);
    }
    while (nodes != 0) {
        const std::size_t node = first + static_cast<std::size_t>(std::countr_zero(nodes));
        nodes &= nodes - 1;
        const std::size_t child = refs_[node];
        const std::size_t child_end = std::min(child + node_size_, level_start_[2]);
        std::uint64_t children = intersecting_nodes(child, child_end, floats.nodes);
        prefetch_leaves<Points>(child, children);
        while (children != 0) {
            bottom[count++] = refs_[child + static_cast<std::size_t>(std::countr_zero(children))];
            children &= children - 1;
        }
    }

    for (std::size_t i = 0; i < count; ++i) {
        visit_leaves_of<Points>(bottom[i], box, floats, visit);
    }
}

template <bool Points, typename VisitPosition>
void HilbertRTree::walk_leaves(const geo::BBox& box, VisitPosition& visit) const {
    const std::size_t top = root_level();

    // Depth-first walk. Each level keeps a cursor on the run of children
    // it is visiting. The children of one chunk are tested without
    // branches into a bit mask, and the walk then steps through the set
    // bits, so it mispredicts about once per node opened, not once per
    // child tested. A tree has at most 33 levels (node_size >= 2,
    // fewer than 2^32 entries), so the cursors fit in a fixed array.
    const QueryFloats floats = query_floats<Points>(box);
    const FloatQueryBox& float_box = floats.nodes;
    ChildCursor cursors[34];
    const std::size_t root = refs_.size() - 1;
    cursors[top] = {root, root + 1, intersects(node_box(root), box) ? std::uint64_t{1} : 0};
    std::size_t level = top;
    while (true) {
        ChildCursor& cursor = cursors[level];
        if (cursor.pending == 0) {
            cursor.chunk += mask_bits;
            if (cursor.chunk >= cursor.end) {
                if (++level > top) {
                    return;
                }
                continue;
            }
            cursor.pending = intersecting_nodes(cursor.chunk, std::min(cursor.chunk + mask_bits, cursor.end), float_box);
            continue;
        }
        const std::size_t position = cursor.chunk + static_cast<std::size_t>(std::countr_zero(cursor.pending));
        cursor.pending &= cursor.pending - 1;

        const std::size_t first = refs_[position];
        const std::size_t last = std::min(first + node_size_, level_start_[level]);
        if (level > 1) {
            --level;
            cursors[level] = {first, last, intersecting_nodes(first, std::min(first + mask_bits, last), float_box)};
            continue;
        }
        for (std::size_t chunk = first; chunk < last; chunk += mask_bits) {
            std::uint64_t hits =
                intersecting_leaves<Points>(chunk, std::min(chunk + mask_bits, last), box, floats.leaves);
            while (hits != 0) {
                visit(chunk + static_cast<std::size_t>(std::countr_zero(hits)));
                hits &= hits - 1;
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

inline std::size_t HilbertRTree::near_candidates_first(std::vector<QueueEntry>& candidates, std::size_t k,
                                                      double radius_term) noexcept {
    if (candidates.size() <= k) {
        return candidates.size();
    }

    // The exact selection of the k least bounds (std::nth_element)
    // mispredicts about every other comparison on such unordered bounds.
    // Instead, the candidates below the k-th bound expected from their
    // count go first, by a partition without branches. The radius box covers
    // the ellipse of radius_term 4 * 1.05^2 / pi times over (see term_box),
    // and the count within a term grows with the term, so about k lie
    // below radius_term * 1.4 * k / count; 1.3 times that leaves a margin.
    const double expected_term =
        1.3 * 1.4 * radius_term * static_cast<double>(k) / static_cast<double>(candidates.size());
    // The partition reads a copy of the candidates and writes each one to
    // both ends of the open middle, one of which keeps it. An in-place
    // swap would load, one step later, the entry it had just stored in two
    // halves, and such a load waits for the stores to complete.
    const std::size_t count = candidates.size();
    candidates.resize(2 * count);
    std::copy_n(candidates.begin(), count, candidates.begin() + static_cast<std::ptrdiff_t>(count));
    std::size_t front = 0;
    std::size_t back = count;
    for (std::size_t i = count; i < 2 * count; ++i) {
        const QueueEntry entry = candidates[i];
        const bool near = entry.term <= expected_term;
        candidates[front] = entry;
        candidates[back - 1] = entry;
        front += near ? 1 : 0;
        back -= near ? 0 : 1;
    }
    candidates.resize(count);
    if (front >= k) {
        return front;
    }

    // Fewer than k below it (points spread unevenly): the exact selection.
    const auto nearer = [](const QueueEntry& a, const QueueEntry& b) { return a.term < b.term; };
    std::nth_element(candidates.begin(), candidates.begin() + static_cast<std::ptrdiff_t>(k - 1), candidates.end(),
                     nearer);
    return k;
}

template <typename Distance>
std::optional<std::vector<Neighbour>> HilbertRTree::nearest_in_radius(geo::LonLat p, std::size_t k,
                                                                      Distance& exact_distance,
                                                                      double max_distance_m) const {
    const double cos_lat = geo::latitude_trig(p.lat).cos;

    // A first radius where the tree's mean density puts about 2k points,
    // doubled while fewer than k points lie within it.
    const geo::BBox extent = node_box(refs_.size() - 1);
    const double area = std::max(extent.east - extent.west, 1e-9) * std::max(extent.north - extent.south, 1e-9);
    const double density = static_cast<double>(item_count_) / area;
    double radius_deg = std::sqrt(2.0 * static_cast<double>(k) * std::max(cos_lat, 0.01) / (std::numbers::pi * density));

    // Every point of the radius box is a candidate, also those in its
    // corners beyond the radius: keeping them costs less than a branch
    // per point, and the completeness check at the end stays valid. Beyond
    // max_distance_m no point can enter, so a radius past it is not
    // widened.
    std::vector<QueueEntry> candidates;
    candidates.reserve(8 * k + 32);
    const double max_term = pruning_term_of(max_distance_m, tie_tolerance_m);
    double radius_term = 0.0;
    for (int attempt = 0;; ++attempt) {
        radius_term = haversine_term_of(radius_deg * (std::numbers::pi / 180.0) * geo::earth_radius_m);
        const std::optional<geo::BBox> box = term_box(p, cos_lat, radius_term);
        if (!box || attempt == 4) {
            return std::nullopt;
        }
        candidates.clear();
        const BoxTermBound bound(p, cos_lat, *box, leaf_origin_);
        visit_leaves(*box, [&](std::size_t position) {
            // Refining reads the candidate's exact point: ask for it now,
            // so the read overlaps the rest of the walk.
            __builtin_prefetch(leaf_points_.data() + position);
            candidates.push_back(
                {bound.term(leaf_lons_[position], leaf_lats_[position]), static_cast<std::uint32_t>(position), 0});
        });
        if (candidates.size() >= k || radius_term >= max_term) {
            break;
        }
        radius_deg *= 2.0;
    }

    // A first batch of candidates, about the k of least bound, sets the
    // cutoff; then every other candidate that it admits is refined.
    const std::size_t first_count = near_candidates_first(candidates, k, radius_term);
    NeighbourList found(k, max_distance_m);
    double limit_term = pruning_term_of(found.cutoff_m(), tie_tolerance_m);
    for (std::size_t i = 0; i < first_count; ++i) {
        limit_term = refine(candidates[i].position, exact_distance, found, limit_term);
    }
    for (std::size_t i = first_count; i < candidates.size(); ++i) {
        if (candidates[i].term <= limit_term) {
            limit_term = refine(candidates[i].position, exact_distance, found, limit_term);
        }
    }

    // Every point outside the radius box has a bound above radius_term.
    // When the cutoff admits such bounds, a point outside may still belong.
    if (!(limit_term <= radius_term)) {
        return std::nullopt;
    }
    return found.ranked();
}

template <typename Distance>
std::vector<Neighbour> HilbertRTree::nearest(geo::LonLat p, std::size_t k, Distance&& exact_distance,
                                             double max_distance_m) const {
    if (k == 0 || refs_.empty() || is_empty(box_at(refs_.size() - 1))) {
        return {};
    }
    if (point_leaves_) {
        if (std::optional<std::vector<Neighbour>> found = nearest_in_radius(p, k, exact_distance, max_distance_m)) {
            return std::move(*found);
        }
    }

    NeighbourList found(k, max_distance_m);
    double limit_term = pruning_term_of(found.cutoff_m(), tie_tolerance_m);
    const double cos_lat = geo::latitude_trig(p.lat).cos;

    // Children go in only while their bound lies within the cutoff, and
    // the search ends when the nearest bound left lies beyond it.
    ChildRunQueue queue;
    const std::size_t root = refs_.size() - 1;
    float* root_bound = queue.new_run_bounds();
    root_bound[0] = float_below(min_haversine_term(p, cos_lat, box_at(root)));
    queue.push_run(root, 1, static_cast<std::uint32_t>(root_level()), limit_term);

    const FloatTermBound float_bound(p, cos_lat, box_at(root));
    while (queue.reaches(limit_term)) {
        const ChildRunQueue::Child child = queue.take(limit_term);
        if (child.level == 0) {
            limit_term = refine(child.position, exact_distance, found, limit_term);
            continue;
        }

        // Children in runs: their bounds first, four at a time from the
        // float boxes where the children are boxes. An empty box or a NaN
        // point gets NaN, which no limit admits.
        const std::size_t level_end = level_start_[child.level];
        const std::size_t child_end = std::min<std::size_t>(refs_[child.position] + node_size_, level_end);
        for (std::size_t first = refs_[child.position]; first < child_end; first += ChildRunQueue::run_size) {
            const std::size_t count = std::min(ChildRunQueue::run_size, child_end - first);
            float* bounds = queue.new_run_bounds();
            if (child.level == 1 && point_leaves_) {
                limit_term = point_terms(first, count, p, cos_lat, k, exact_distance, found, limit_term, bounds);
            } else {
                box_terms(first, count, p, cos_lat, float_bound, bounds);
            }
            queue.push_run(first, count, child.level - 1, limit_term);
        }
    }
    return found.ranked();
}

} // namespace badung::index

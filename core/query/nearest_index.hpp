#pragma once

#include "core/geo/bbox.hpp"
#include "core/geo/lon_lat.hpp"
#include "core/query/containment_grid.hpp"
#include "core/query/feature_layer.hpp"

#include <cstddef>
#include <cstdint>
#include <functional>
#include <vector>

namespace badung::query {

// One result of NearestIndex::nearest: a feature as (layer position, feature
// position in that layer) and its distance in metres.
struct NearestLayerFeature {
    std::size_t layer = 0;
    std::size_t feature = 0;
    double distance_m = 0.0;
};

// A kNN index over every segment and point of the features of several
// layers, for exact nearest-feature queries that touch only the parts of a
// long line or a large polygon near the query position.
//
// Features sit in one packed Hilbert R-tree by their boxes (grouped by box
// size first), and below each feature its segments (in path order) sit in
// a packed tree of their own. One best-first search (see nearest_search.cpp)
// runs over both levels with a single queue ordered by trig-free lower
// bounds of the haversine term: boxes as index::min_haversine_term bounds
// them, single segments by a planar bound. A segment is refined only when
// it leaves the queue, and a feature's first exact distance to leave the
// queue is its distance. A polygon whose box comes within 1 cm of the query
// position is tested for containment first (distance 0), through its
// ContainmentGrid, which runs the exact test only near the boundary.
//
// Distances agree with geometry::distance_m to well within 1 mm: both take
// the smallest segment_distance::refine over the segments that may hold the
// nearest point.
class NearestIndex {
public:
    // Indexes the layers, which must outlive the index. category_masks[l][f]
    // is a bit set of the categories of feature f of layer l. A query keeps
    // only features whose mask shares a bit with the query's mask. Throws
    // std::length_error beyond 2^32 - 1 segments and points or 2^29
    // located features.
    NearestIndex(const std::vector<const FeatureLayer*>& layers,
                 const std::vector<std::vector<std::uint64_t>>& category_masks);

    // Tests a feature beyond its category bits, for bits that several
    // categories share.
    using FeatureFilter = std::function<bool(std::size_t layer, std::size_t feature)>;

    // Finds the features nearest to p whose mask shares a bit with
    // category_mask (all features when every bit is set) and, when keep is
    // set, for which keep is true. Returns the k nearest and every other
    // feature within 1 mm of the k-th, so that a caller can rank the tie
    // group that straddles the k-th place. They come by ascending distance,
    // except that distances below 1 cm may come in any order among
    // themselves. The longitude of p is wrapped into -180..180 first.
    std::vector<NearestLayerFeature> nearest(geo::LonLat p, std::size_t k, std::uint64_t category_mask,
                                             const FeatureFilter& keep = {}) const;

    // Bytes the index holds on the heap.
    std::size_t memory_bytes() const noexcept;

private:
    // A node of the feature tree or of a feature's segment tree. Children are
    // nodes[first .. first + count) of the same tree, or, in a leaf, items
    // first .. first + count (feature slots or segments).
    struct Node {
        geo::BBox box;
        std::uint32_t first = 0;
        std::uint32_t count = 0;
        bool leaf = false;
        std::uint64_t category_mask = 0; // feature tree only: the union of its features' masks
    };

    // A node of a feature's segment tree, as Node without the category mask
    // and with its box in floats rounded outwards, so that it still contains
    // every segment below it. 24 bytes against the 56 of a Node, because
    // loading these nodes from memory takes a large share of a query's time.
    struct SegmentNode {
        float west = 0.0f;
        float south = 0.0f;
        float east = 0.0f;
        float north = 0.0f;
        std::uint32_t first = 0;
        std::uint16_t count = 0;
        bool leaf = false;

        geo::BBox box() const noexcept { return {west, south, east, north}; }
    };

    static constexpr std::uint32_t no_grid = ~std::uint32_t{0};
    // The search queue packs a feature's position into 29 bits.
    static constexpr std::size_t max_features = std::size_t{1} << 29;

    // A feature in the order of the feature tree's leaves.
    struct IndexedFeature {
        geo::BBox box; // of its segment tree's root, kept here so a leaf's features share cache lines
        std::uint32_t layer = 0;
        std::uint32_t feature = 0;
        std::uint32_t root = 0; // its segment tree's root in segment_nodes_
        std::uint32_t grid = no_grid; // its ContainmentGrid in grids_, for polygons only
        bool has_polygons = false;
        bool point = false; // a lone point: one part whose ends coincide
        std::uint64_t category_mask = 0;
    };

    // A segment a -> b of a line or ring, or a lone point (a == b).
    struct Part {
        geojson::Position a;
        geojson::Position b;
    };

    std::vector<const FeatureLayer*> layers_;
    std::vector<IndexedFeature> features_;
    std::vector<Node> feature_nodes_; // leaves first, root last
    std::vector<SegmentNode> segment_nodes_;
    std::vector<Part> parts_;
    std::vector<ContainmentGrid> grids_;
    bool plain_longitudes_ = true; // every part lies within -180..180 degrees of longitude

    void add_feature(std::uint32_t layer, std::uint32_t feature, std::uint64_t category_mask);
    bool contains(const IndexedFeature& feature, geo::LonLat p) const noexcept;
    friend class NearestSearch;
};

} // namespace badung::query

#include "core/query/nearest_index.hpp"

#include "core/geo/mercator.hpp"
#include "core/geometry/segment_distance.hpp"
#include "core/index/box_distance.hpp"
#include "core/index/hilbert_curve.hpp"
#include "core/index/hilbert_rtree.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <functional>
#include <limits>
#include <numbers>
#include <numeric>
#include <stdexcept>
#include <string>

namespace badung::query {

namespace {

using geojson::Position;

// Children per node of the feature tree and of the segment trees.
constexpr std::uint32_t feature_node_size = 4;
constexpr std::uint32_t segment_node_size = 4;

void extend(geo::BBox& box, const geo::BBox& other) noexcept {
    box.west = std::min(box.west, other.west);
    box.south = std::min(box.south, other.south);
    box.east = std::max(box.east, other.east);
    box.north = std::max(box.north, other.north);
}

geo::BBox box_of(Position a, Position b) noexcept {
    return {std::min(a.lon, b.lon), std::min(a.lat, b.lat), std::max(a.lon, b.lon), std::max(a.lat, b.lat)};
}

// A lower bound, without trigonometry, of the haversine term of a distance in
// metres: sin x >= x - x^3 / 6 for the half angle x in 0..pi/2.
double min_term_of(double distance_m) noexcept {
    const double half_angle = std::max(0.0, distance_m) / (2.0 * geo::earth_radius_m);
    if (!(half_angle < std::numbers::pi / 2)) {
        return 1.0;
    }
    const double s = half_angle - half_angle * half_angle * half_angle / 6;
    return s * s;
}

// Appends a packed tree over items 0 .. item_count - 1, fanout children a
// node, leaves first and the root last, and returns the root's position.
template <typename Node, typename ItemBox, typename ItemMask>
std::uint32_t pack(std::vector<Node>& nodes, std::uint32_t item_count, std::uint32_t fanout, ItemBox item_box,
                   ItemMask item_mask) {
    auto level_begin = static_cast<std::uint32_t>(nodes.size());
    for (std::uint32_t i = 0; i < item_count; i += fanout) {
        Node node;
        node.first = i;
        node.count = std::min(fanout, item_count - i);
        node.leaf = true;
        for (std::uint32_t j = i; j < i + node.count; ++j) {
            extend(node.box, item_box(j));
            node.category_mask |= item_mask(j);
        }
        nodes.push_back(node);
    }

    // Each level above groups fanout nodes of the level below.
    auto level_end = static_cast<std::uint32_t>(nodes.size());
    while (level_end - level_begin > 1) {
        for (std::uint32_t i = level_begin; i < level_end; i += fanout) {
            Node node;
            node.first = i;
            node.count = std::min(fanout, level_end - i);
            for (std::uint32_t j = i; j < i + node.count; ++j) {
                extend(node.box, nodes[j].box);
                node.category_mask |= nodes[j].category_mask;
            }
            nodes.push_back(node);
        }
        level_begin = level_end;
        level_end = static_cast<std::uint32_t>(nodes.size());
    }
    return level_end - 1;
}

// Calls on_part(a, b) for every segment and lone point of a geometry, as
// geometry::distance_m visits them: a line of one position is a point, and
// rings of fewer than two positions are left out.
template <typename OnPart>
void for_each_part(const geojson::Geometry& geometry, OnPart& on_part) {
    for (const Position q : geometry.points) {
        on_part(q, q);
    }
    const auto path = [&](const std::vector<Position>& positions) {
        if (positions.size() == 1) {
            on_part(positions.front(), positions.front());
        }
        for (std::size_t i = 1; i < positions.size(); ++i) {
            on_part(positions[i - 1], positions[i]);
        }
    };
    for (const geojson::LineString& line : geometry.lines) {
        path(line);
    }
    for (const geojson::Polygon& polygon : geometry.polygons) {
        for (const geojson::LinearRing& ring : polygon.rings) {
            if (ring.size() > 1) {
                path(ring);
            }
        }
    }
    for (const geojson::Geometry& member : geometry.members) {
        for_each_part(member, on_part);
    }
}

bool has_polygons(const geojson::Geometry& geometry) {
    return !geometry.polygons.empty() ||
           std::any_of(geometry.members.begin(), geometry.members.end(), has_polygons);
}

} // namespace

NearestIndex::NearestIndex(const std::vector<const FeatureLayer*>& layers,
                           const std::vector<std::vector<std::uint64_t>>& category_masks)
    : layers_(layers) {
    for (std::uint32_t l = 0; l < layers_.size(); ++l) {
        for (std::uint32_t f = 0; f < layers_[l]->size(); ++f) {
            add_feature(l, f, category_masks[l][f]);
        }
    }
    // The vectors grew by doubling; the index keeps only what it uses.
    parts_.shrink_to_fit();
    segment_nodes_.shrink_to_fit();
    if (parts_.size() > std::numeric_limits<std::uint32_t>::max()) {
        throw std::length_error("kNN index: " + std::to_string(parts_.size()) +
                                " segments and points exceed the limit of 2^32 - 1; split the layers into smaller sets");
    }
    if (features_.empty()) {
        return;
    }

    // Features in Hilbert order of their box centres over the extent of all
    // of them, so nearby features share tree nodes.
    geo::BBox extent;
    for (const IndexedFeature& feature : features_) {
        extend(extent, segment_nodes_[feature.root].box);
    }
    const double width = std::max(extent.east - extent.west, 1e-12);
    const double height = std::max(extent.north - extent.south, 1e-12);
    std::vector<std::uint32_t> hilbert(features_.size());
    for (std::size_t i = 0; i < features_.size(); ++i) {
        const geo::BBox& box = segment_nodes_[features_[i].root].box;
        const auto x = static_cast<std::uint32_t>(65535.0 * ((box.west + box.east) / 2 - extent.west) / width);
        const auto y = static_cast<std::uint32_t>(65535.0 * ((box.south + box.north) / 2 - extent.south) / height);
        hilbert[i] = index::hilbert_index(std::min(x, 65535u), std::min(y, 65535u));
    }
    std::vector<std::uint32_t> order(features_.size());
    std::iota(order.begin(), order.end(), 0u);
    std::stable_sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) { return hilbert[a] < hilbert[b]; });
    std::vector<IndexedFeature> sorted;
    sorted.reserve(features_.size());
    for (const std::uint32_t i : order) {
        sorted.push_back(features_[i]);
    }
    features_ = std::move(sorted);

    pack(
        feature_nodes_, static_cast<std::uint32_t>(features_.size()), feature_node_size,
        [&](std::uint32_t i) { return segment_nodes_[features_[i].root].box; },
        [&](std::uint32_t i) { return features_[i].category_mask; });
}

void NearestIndex::add_feature(std::uint32_t layer, std::uint32_t feature, std::uint64_t category_mask) {
    const geojson::Feature& source = layers_[layer]->features()[feature];
    if (!source.has_location()) {
        return;
    }
    const auto first = static_cast<std::uint32_t>(parts_.size());
    auto on_part = [&](Position a, Position b) { parts_.push_back({a, b}); };
    for_each_part(*source.geometry, on_part);
    const auto count = static_cast<std::uint32_t>(parts_.size()) - first;
    if (count == 0) {
        return;
    }

    // Leaves hold part positions relative to first, so shift them after packing.
    const auto nodes_before = static_cast<std::uint32_t>(segment_nodes_.size());
    const std::uint32_t root = pack(
        segment_nodes_, count, segment_node_size, [&](std::uint32_t i) { return box_of(parts_[first + i].a, parts_[first + i].b); },
        [](std::uint32_t) { return std::uint64_t{0}; });
    for (std::uint32_t n = nodes_before; n < segment_nodes_.size(); ++n) {
        if (segment_nodes_[n].leaf) {
            segment_nodes_[n].first += first;
        }
    }
    features_.push_back({layer, feature, root, has_polygons(*source.geometry), category_mask});
}

std::size_t NearestIndex::memory_bytes() const noexcept {
    return layers_.capacity() * sizeof(const FeatureLayer*) + features_.capacity() * sizeof(IndexedFeature) +
           (feature_nodes_.capacity() + segment_nodes_.capacity()) * sizeof(Node) + parts_.capacity() * sizeof(Part);
}

// One best-first search of NearestIndex::nearest. The queue contains nodes
// of the feature tree, features and exact feature distances. A feature leaving
// the queue gets its exact distance from a search of its own segment tree.
class NearestSearch {
public:
    NearestSearch(const NearestIndex& index, geo::LonLat p, std::size_t k, std::uint64_t category_mask,
                  const NearestIndex::FeatureFilter& keep)
        : index_(index), p_(p), k_(k), category_mask_(category_mask), all_categories_(category_mask == ~std::uint64_t{0}),
          keep_(keep),
          cos_lat_(std::cos(p.lat * std::numbers::pi / 180.0)) {}

    std::vector<NearestLayerFeature> run();

private:
    enum class Kind : std::uint8_t { feature_node, feature, result };

    // A queue entry: key is a lower bound of the haversine term from p to
    // everything below the entry, or, for a result, the term of its distance.
    struct Entry {
        double key = 0.0;
        double distance_m = 0.0; // results only
        std::uint32_t item = 0;  // feature node or feature slot
        Kind kind = Kind::feature_node;
    };

    // Per-thread buffers, kept between queries so that a query allocates
    // nothing once they have grown.
    struct Scratch {
        std::vector<Entry> queue;
        std::vector<double> nearest_k; // max-heap of the k smallest distances measured
        std::vector<std::pair<double, std::uint32_t>> local_queue; // of feature_distance_m
    };
    static thread_local Scratch scratch_;

    const NearestIndex& index_;
    geo::LonLat p_;
    std::size_t k_;
    std::uint64_t category_mask_;
    bool all_categories_; // a mask of all ones also keeps features without a category
    const NearestIndex::FeatureFilter& keep_;
    double cos_lat_; // cos(latitude of p)
    double bound_ = std::numeric_limits<double>::infinity(); // term of the k-th distance + 1 mm

    double box_term(const geo::BBox& box) const noexcept;
    void push(const Entry& entry);
    void note_distance(double distance_m);
    void expand_feature_node(const NearestIndex::Node& node);
    double feature_distance_m(const Entry& entry);
    void refine_leaf(const NearestIndex::Node& leaf, double& best_m, double& best_term) const;
};

thread_local NearestSearch::Scratch NearestSearch::scratch_;

double NearestSearch::box_term(const geo::BBox& box) const noexcept {
    return index::min_haversine_term(p_, cos_lat_, box);
}

void NearestSearch::push(const Entry& entry) {
    if (entry.key > bound_) {
        return;
    }
    scratch_.queue.push_back(entry);
    std::push_heap(scratch_.queue.begin(), scratch_.queue.end(),
                   [](const Entry& a, const Entry& b) { return a.key > b.key; });
}

// Each feature is measured once, so the k-th smallest distance measured so
// far bounds the k-th distance of the result.
void NearestSearch::note_distance(double distance_m) {
    std::vector<double>& nearest = scratch_.nearest_k;
    if (nearest.size() < k_) {
        nearest.push_back(distance_m);
        std::push_heap(nearest.begin(), nearest.end());
    } else if (distance_m < nearest.front()) {
        std::pop_heap(nearest.begin(), nearest.end());
        nearest.back() = distance_m;
        std::push_heap(nearest.begin(), nearest.end());
    } else {
        return;
    }
    if (nearest.size() == k_) {
        bound_ = index::haversine_term_of(nearest.front() + index::tie_tolerance_m);
    }
}

void NearestSearch::expand_feature_node(const NearestIndex::Node& node) {
    for (std::uint32_t i = node.first; i < node.first + node.count; ++i) {
        if (!node.leaf) {
            const NearestIndex::Node& child = index_.feature_nodes_[i];
            if (all_categories_ || (child.category_mask & category_mask_) != 0) {
                push({box_term(child.box), 0.0, i, Kind::feature_node});
            }
            continue;
        }
        const NearestIndex::IndexedFeature& feature = index_.features_[i];
        const bool in_category = all_categories_ || (feature.category_mask & category_mask_) != 0;
        if (!in_category || (keep_ && !keep_(feature.layer, feature.feature))) {
            continue;
        }
        push({box_term(index_.segment_nodes_[feature.root].box), 0.0, i, Kind::feature});
    }
}

// The feature's distance as geometry::distance_m defines it: 0 inside a
// polygon, else the smallest segment_distance::refine over its parts. A
// best-first search of the feature's segment tree by box lower bounds
// refines only the parts whose box comes nearer than the best so far.
// Returns +infinity when no part comes within the search bound.
double NearestSearch::feature_distance_m(const Entry& entry) {
    const NearestIndex::IndexedFeature& feature = index_.features_[entry.item];
    const FeatureLayer& layer = *index_.layers_[feature.layer];

    // The box test has 1 cm of slack over the boundary tolerance of contains().
    if (feature.has_polygons && entry.key <= min_term_of(0.01) &&
        layer.shape(feature.feature).contains(*layer.features()[feature.feature].geometry, p_)) {
        return 0.0;
    }

    // A lone point needs no search.
    const NearestIndex::Node& root = index_.segment_nodes_[feature.root];
    if (root.leaf && root.count == 1) {
        const NearestIndex::Part& part = index_.parts_[root.first];
        if (part.a.lon == part.b.lon && part.a.lat == part.b.lat) {
            return geo::haversine_m(p_, part.a);
        }
    }

    // Nodes leave the queue nearest first, and a leaf's parts are refined as
    // soon as it leaves.
    const auto later = [](const std::pair<double, std::uint32_t>& a, const std::pair<double, std::uint32_t>& b) {
        return a.first > b.first;
    };
    std::vector<std::pair<double, std::uint32_t>>& queue = scratch_.local_queue;
    queue.assign(1, {entry.key, feature.root});
    double best = std::numeric_limits<double>::infinity();
    double best_term = bound_;
    while (!queue.empty()) {
        std::pop_heap(queue.begin(), queue.end(), later);
        const auto [key, item] = queue.back();
        queue.pop_back();
        if (key > best_term) {
            break;
        }

        const NearestIndex::Node& node = index_.segment_nodes_[item];
        if (!node.leaf) {
            for (std::uint32_t i = node.first; i < node.first + node.count; ++i) {
                const double child_key = box_term(index_.segment_nodes_[i].box);
                if (child_key <= best_term) {
                    queue.emplace_back(child_key, i);
                    std::push_heap(queue.begin(), queue.end(), later);
                }
            }
            continue;
        }

        refine_leaf(node, best, best_term);
    }
    return best;
}

// Refines the parts of a leaf nearest box first, while a box is nearer than
// best_term, and lowers best_m and best_term to the nearest part found.
void NearestSearch::refine_leaf(const NearestIndex::Node& leaf, double& best_m, double& best_term) const {
    std::array<std::pair<double, std::uint32_t>, segment_node_size> parts;
    for (std::uint32_t c = 0; c < leaf.count; ++c) {
        const NearestIndex::Part& part = index_.parts_[leaf.first + c];
        parts[c] = {box_term(box_of(part.a, part.b)), leaf.first + c};
    }
    for (std::uint32_t c = 1; c < leaf.count; ++c) {
        for (std::uint32_t d = c; d > 0 && parts[d].first < parts[d - 1].first; --d) {
            std::swap(parts[d], parts[d - 1]);
        }
    }

    for (std::uint32_t c = 0; c < leaf.count && parts[c].first <= best_term; ++c) {
        const NearestIndex::Part& part = index_.parts_[parts[c].second];
        const bool point = part.a.lon == part.b.lon && part.a.lat == part.b.lat;
        const double distance_m =
            point ? geo::haversine_m(p_, part.a) : geometry::segment_distance::refine(p_, {part.a, part.b}).distance_m;
        if (distance_m < best_m) {
            best_m = distance_m;
            best_term = std::min(best_term, index::haversine_term_of(best_m));
        }
    }
}

std::vector<NearestLayerFeature> NearestSearch::run() {
    std::vector<NearestLayerFeature> found;
    if (k_ == 0 || index_.feature_nodes_.empty()) {
        return found;
    }
    scratch_.queue.clear();
    scratch_.nearest_k.clear();

    const auto later = [](const Entry& a, const Entry& b) { return a.key > b.key; };
    push({0.0, 0.0, static_cast<std::uint32_t>(index_.feature_nodes_.size() - 1), Kind::feature_node});
    while (!scratch_.queue.empty()) {
        std::pop_heap(scratch_.queue.begin(), scratch_.queue.end(), later);
        const Entry entry = scratch_.queue.back();
        scratch_.queue.pop_back();
        if (entry.key > bound_) {
            break;
        }

        switch (entry.kind) {
        case Kind::feature_node:
            expand_feature_node(index_.feature_nodes_[entry.item]);
            break;
        case Kind::feature: {
            const double distance_m = feature_distance_m(entry);
            if (distance_m < std::numeric_limits<double>::infinity()) {
                note_distance(distance_m);
                push({index::haversine_term_of(distance_m), distance_m, entry.item, Kind::result});
            }
            break;
        }
        case Kind::result: {
            // Results leave the queue by distance, after every entry that
            // could hold a nearer feature.
            const NearestIndex::IndexedFeature& feature = index_.features_[entry.item];
            found.push_back({feature.layer, feature.feature, entry.distance_m});
            break;
        }
        }
    }
    return found;
}

std::vector<NearestLayerFeature> NearestIndex::nearest(geo::LonLat p, std::size_t k, std::uint64_t category_mask,
                                                       const FeatureFilter& keep) const {
    const geo::LonLat wrapped{geo::wrap_lon(p.lon), p.lat};
    return NearestSearch(*this, wrapped, k, category_mask, keep).run();
}

} // namespace badung::query

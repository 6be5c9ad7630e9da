#include "core/query/nearest_index.hpp"

#include "core/index/hilbert_curve.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
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

// The float nearest to v on the side of -infinity or of +infinity.
float float_below(double v) noexcept {
    const auto f = static_cast<float>(v);
    return static_cast<double>(f) > v ? std::nextafter(f, -std::numeric_limits<float>::infinity()) : f;
}

float float_above(double v) noexcept {
    const auto f = static_cast<float>(v);
    return static_cast<double>(f) < v ? std::nextafter(f, std::numeric_limits<float>::infinity()) : f;
}

// The size class of a box whose larger side is size times the extent's:
// 0 up to 1/256, 1 up to 1/32, 2 up to 1/4, else 3.
std::uint32_t size_class(double size) noexcept {
    return size <= 1.0 / 256 ? 0 : (size <= 1.0 / 32 ? 1 : (size <= 1.0 / 4 ? 2 : 3));
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
    grids_.shrink_to_fit();
    if (parts_.size() > std::numeric_limits<std::uint32_t>::max()) {
        throw std::length_error("kNN index: " + std::to_string(parts_.size()) +
                                " segments and points exceed the limit of 2^32 - 1; split the layers into smaller sets");
    }
    if (features_.size() > max_features) {
        throw std::length_error("kNN index: " + std::to_string(features_.size()) +
                                " located features exceed the limit of 2^29; split the layers into smaller sets");
    }
    if (features_.empty()) {
        return;
    }

    // Features by size class, then in Hilbert order of their box centres
    // over the extent of all of them, so nearby features share tree nodes
    // and a large box does not widen the nodes of small ones near it.
    geo::BBox extent;
    for (const IndexedFeature& feature : features_) {
        extend(extent, feature.box);
    }
    const double width = std::max(extent.east - extent.west, 1e-12);
    const double height = std::max(extent.north - extent.south, 1e-12);
    std::vector<std::uint64_t> sort_key(features_.size());
    for (std::size_t i = 0; i < features_.size(); ++i) {
        const geo::BBox& box = features_[i].box;
        const auto x = static_cast<std::uint32_t>(65535.0 * ((box.west + box.east) / 2 - extent.west) / width);
        const auto y = static_cast<std::uint32_t>(65535.0 * ((box.south + box.north) / 2 - extent.south) / height);
        const double size = std::max((box.east - box.west) / width, (box.north - box.south) / height);
        sort_key[i] = std::uint64_t{size_class(size)} << 32 | index::hilbert_index(std::min(x, 65535u), std::min(y, 65535u));
    }
    std::vector<std::uint32_t> order(features_.size());
    std::iota(order.begin(), order.end(), 0u);
    std::stable_sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) { return sort_key[a] < sort_key[b]; });
    std::vector<IndexedFeature> sorted;
    sorted.reserve(features_.size());
    for (const std::uint32_t i : order) {
        sorted.push_back(features_[i]);
    }
    features_ = std::move(sorted);

    pack(
        feature_nodes_, static_cast<std::uint32_t>(features_.size()), feature_node_size,
        [&](std::uint32_t i) { return features_[i].box; },
        [&](std::uint32_t i) { return features_[i].category_mask; });
}

void NearestIndex::add_feature(std::uint32_t layer, std::uint32_t feature, std::uint64_t category_mask) {
    const geojson::Feature& source = layers_[layer]->features()[feature];
    if (!source.has_location()) {
        return;
    }
    const auto first = static_cast<std::uint32_t>(parts_.size());
    auto on_part = [&](Position a, Position b) {
        parts_.push_back({a, b});
        plain_longitudes_ = plain_longitudes_ && std::abs(a.lon) <= 180.0 && std::abs(b.lon) <= 180.0;
    };
    for_each_part(*source.geometry, on_part);
    const auto count = static_cast<std::uint32_t>(parts_.size()) - first;
    if (count == 0) {
        return;
    }

    // The tree is packed on its own: leaves hold part positions relative to
    // first and inner nodes node positions relative to base.
    std::vector<Node> nodes;
    const std::uint32_t root = pack(
        nodes, count, segment_node_size, [&](std::uint32_t i) { return box_of(parts_[first + i].a, parts_[first + i].b); },
        [](std::uint32_t) { return std::uint64_t{0}; });
    const auto base = static_cast<std::uint32_t>(segment_nodes_.size());
    for (const Node& node : nodes) {
        segment_nodes_.push_back({float_below(node.box.west), float_below(node.box.south), float_above(node.box.east),
                                  float_above(node.box.north), node.first + (node.leaf ? first : base),
                                  static_cast<std::uint16_t>(node.count), node.leaf});
    }

    const Part& first_part = parts_[first];
    const bool point = count == 1 && first_part.a.lon == first_part.b.lon && first_part.a.lat == first_part.b.lat;
    IndexedFeature indexed{nodes[root].box, layer, feature, base + root, no_grid, has_polygons(*source.geometry),
                           point, category_mask};
    if (indexed.has_polygons) {
        indexed.grid = static_cast<std::uint32_t>(grids_.size());
        grids_.emplace_back(*source.geometry, layers_[layer]->shape(feature));
    }
    features_.push_back(indexed);
}

bool NearestIndex::contains(const IndexedFeature& feature, geo::LonLat p) const noexcept {
    switch (grids_[feature.grid].classify(p)) {
    case ContainmentGrid::Cell::inside:
        return true;
    case ContainmentGrid::Cell::outside:
        return false;
    case ContainmentGrid::Cell::boundary:
        break;
    }
    const FeatureLayer& layer = *layers_[feature.layer];
    return layer.shape(feature.feature).contains(*layer.features()[feature.feature].geometry, p);
}

std::size_t NearestIndex::memory_bytes() const noexcept {
    return layers_.capacity() * sizeof(const FeatureLayer*) + features_.capacity() * sizeof(IndexedFeature) +
           feature_nodes_.capacity() * sizeof(Node) + segment_nodes_.capacity() * sizeof(SegmentNode) +
           parts_.capacity() * sizeof(Part) +
           grids_.capacity() * sizeof(ContainmentGrid) +
           std::accumulate(grids_.begin(), grids_.end(), std::size_t{0},
                           [](std::size_t sum, const ContainmentGrid& grid) { return sum + grid.memory_bytes(); });
}

} // namespace badung::query

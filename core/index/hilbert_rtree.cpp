#include "core/index/hilbert_rtree.hpp"

#include "core/index/box_distance.hpp"
#include "core/index/hilbert_curve.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>
#include <numeric>
#include <queue>
#include <stdexcept>
#include <string>

namespace badung::index {

namespace {

bool is_empty(const geo::BBox& box) {
    return !(box.west <= box.east && box.south <= box.north);
}

bool intersects_closed(const geo::BBox& a, const geo::BBox& b) {
    return a.west <= b.east && b.west <= a.east && a.south <= b.north && b.south <= a.north;
}

void extend(geo::BBox& box, const geo::BBox& other) {
    box.west = std::min(box.west, other.west);
    box.south = std::min(box.south, other.south);
    box.east = std::max(box.east, other.east);
    box.north = std::max(box.north, other.north);
}

// Hilbert values of the box centres on a 2^16 grid spanning the extent.
// Empty boxes get the largest value, so they gather at the end.
std::vector<std::uint32_t> hilbert_values(const std::vector<geo::BBox>& boxes) {
    geo::BBox extent;
    for (const geo::BBox& box : boxes) {
        if (!is_empty(box)) {
            extend(extent, box);
        }
    }

    const double width = std::max(extent.east - extent.west, 1e-12);
    const double height = std::max(extent.north - extent.south, 1e-12);
    constexpr double grid_max = 65535.0;

    std::vector<std::uint32_t> values(boxes.size(), UINT32_MAX);
    for (std::size_t i = 0; i < boxes.size(); ++i) {
        const geo::BBox& box = boxes[i];
        if (is_empty(box)) {
            continue;
        }
        const double cx = ((box.west + box.east) / 2 - extent.west) / width;
        const double cy = ((box.south + box.north) / 2 - extent.south) / height;
        const auto x = static_cast<std::uint32_t>(std::floor(cx * grid_max));
        const auto y = static_cast<std::uint32_t>(std::floor(cy * grid_max));
        values[i] = hilbert_index(std::min<std::uint32_t>(x, 65535), std::min<std::uint32_t>(y, 65535));
    }
    return values;
}

// A queue entry: a node, an item whose exact distance is still to compute
// (key = its box's lower bound), or a refined item (key = exact distance).
struct Entry {
    enum class Kind : std::uint8_t { node, item, refined_item };

    double key = 0.0;
    Kind kind = Kind::node;
    std::uint32_t position = 0; // node: position in boxes_; items: item number
    std::uint32_t level = 0;

    // Ordered for a min-heap; on equal keys nodes and unrefined items come
    // first, so nothing inside them can be passed over.
    bool operator>(const Entry& other) const {
        if (key != other.key) {
            return key > other.key;
        }
        return kind > other.kind;
    }
};

// Lower bound used for pruning: the exact spherical minimum less rounding
// slack and the tolerance the exact distance may undercut it by.
double pruning_bound_m(geo::LonLat p, const geo::BBox& box) {
    const double d = min_distance_m(p, box);
    return d - d * 1e-9 - tie_tolerance_m;
}

// The haversine term above which a box's pruning bound exceeds limit_m,
// with a relative margin far above the rounding of both bounds.
double prune_term(double limit_m) {
    const double limit = (limit_m + tie_tolerance_m) / (1.0 - 1e-9);
    return haversine_term_of(limit * (1.0 + 1e-9)) * (1.0 + 1e-9);
}

// Sorts each group of near-equal distances (within tie_tolerance_m of the
// group's first) by item number. Input is sorted by distance.
void rank_ties(std::vector<Neighbour>& found) {
    std::size_t group = 0;
    for (std::size_t i = 1; i <= found.size(); ++i) {
        if (i == found.size() || found[i].distance_m > found[group].distance_m + tie_tolerance_m) {
            std::sort(found.begin() + static_cast<std::ptrdiff_t>(group),
                      found.begin() + static_cast<std::ptrdiff_t>(i),
                      [](const Neighbour& a, const Neighbour& b) { return a.item < b.item; });
            group = i;
        }
    }
}

// Distance that ends the search once k items are found: the first distance
// of the tie group holding the k-th item, plus the tolerance.
double cutoff_for(const std::vector<Neighbour>& found, std::size_t k) {
    double group_start = found[0].distance_m;
    for (std::size_t i = 1; i < k; ++i) {
        if (found[i].distance_m > group_start + tie_tolerance_m) {
            group_start = found[i].distance_m;
        }
    }
    return group_start + tie_tolerance_m;
}

} // namespace

HilbertRTree::HilbertRTree(const std::vector<geo::BBox>& item_boxes, std::size_t node_size)
    : item_count_(item_boxes.size()), node_size_(node_size) {
    if (node_size < 2) {
        throw std::invalid_argument("invalid R-tree node size " + std::to_string(node_size) +
                                    ": use 2 or more");
    }
    for (std::size_t i = 0; i < item_boxes.size(); ++i) {
        const geo::BBox& b = item_boxes[i];
        if (std::isnan(b.west) || std::isnan(b.south) || std::isnan(b.east) || std::isnan(b.north)) {
            throw std::invalid_argument("invalid box of item " + std::to_string(i) +
                                        ": an edge is NaN");
        }
    }
    if (item_boxes.empty()) {
        return;
    }

    // Leaves: items in Hilbert order of their centres (ties by item number).
    // Each key packs the Hilbert value above the item number, so one sort of
    // plain integers gives both orders.
    const std::vector<std::uint32_t> values = hilbert_values(item_boxes);
    std::vector<std::uint64_t> keys(item_boxes.size());
    for (std::size_t i = 0; i < keys.size(); ++i) {
        keys[i] = (std::uint64_t{values[i]} << 32) | i;
    }
    std::sort(keys.begin(), keys.end());

    // Every level's entries at once: n leaves, then ceil(n / node_size) per level.
    std::size_t total = 0;
    for (std::size_t count = item_boxes.size(); count > 1; count = (count + node_size - 1) / node_size) {
        total += count;
    }
    boxes_.reserve(total + 1);
    refs_.reserve(total + 1);

    level_start_.push_back(0);
    for (const std::uint64_t key : keys) {
        const auto item = static_cast<std::uint32_t>(key & 0xffffffffu);
        boxes_.push_back(item_boxes[item]);
        refs_.push_back(item);
    }

    // Inner levels: each node covers node_size consecutive entries below.
    std::size_t begin = 0;
    std::size_t end = boxes_.size();
    while (end - begin > 1) {
        level_start_.push_back(end);
        for (std::size_t first = begin; first < end; first += node_size) {
            geo::BBox box;
            const std::size_t last = std::min(first + node_size, end);
            for (std::size_t child = first; child < last; ++child) {
                if (!is_empty(boxes_[child])) {
                    extend(box, boxes_[child]);
                }
            }
            boxes_.push_back(box);
            refs_.push_back(static_cast<std::uint32_t>(first));
        }
        begin = end;
        end = boxes_.size();
    }
}

std::size_t HilbertRTree::level_end(std::size_t level) const noexcept {
    return level + 1 < level_start_.size() ? level_start_[level + 1] : boxes_.size();
}

std::vector<std::uint32_t> HilbertRTree::search(const geo::BBox& box) const {
    std::vector<std::uint32_t> found;
    if (boxes_.empty()) {
        return found;
    }

    // Depth-first walk from the root (the last entry) with an explicit stack.
    std::vector<std::pair<std::size_t, std::size_t>> stack; // (level, position)
    stack.emplace_back(level_start_.size() - 1, boxes_.size() - 1);
    while (!stack.empty()) {
        const auto [level, position] = stack.back();
        stack.pop_back();

        if (!intersects_closed(boxes_[position], box)) {
            continue;
        }
        if (level == 0) {
            found.push_back(refs_[position]);
            continue;
        }
        const std::size_t first = refs_[position];
        const std::size_t last = std::min(first + node_size_, level_end(level - 1));
        for (std::size_t child = first; child < last; ++child) {
            stack.emplace_back(level - 1, child);
        }
    }

    std::sort(found.begin(), found.end());
    return found;
}

std::vector<Neighbour> HilbertRTree::nearest(geo::LonLat p, std::size_t k,
                                             const ItemDistance& exact_distance,
                                             double max_distance_m) const {
    std::vector<Neighbour> found;
    if (k == 0 || boxes_.empty()) {
        return found;
    }

    std::priority_queue<Entry, std::vector<Entry>, std::greater<Entry>> queue;
    const auto root = static_cast<std::uint32_t>(boxes_.size() - 1);
    const auto root_level = static_cast<std::uint32_t>(level_start_.size() - 1);
    if (is_empty(boxes_[root])) {
        return found;
    }
    if (root_level == 0) {
        queue.push({pruning_bound_m(p, boxes_[root]), Entry::Kind::item, refs_[root], 0});
    } else {
        queue.push({pruning_bound_m(p, boxes_[root]), Entry::Kind::node, root, root_level});
    }

    // Children whose trig-free haversine term bound already exceeds the
    // term of the search limit are dropped before their exact bound is
    // computed: their pruning bound would exceed the limit too.
    const double cos_lat = std::cos(p.lat * std::numbers::pi / 180.0);
    double cutoff = std::numeric_limits<double>::infinity();
    double limit_term = prune_term(max_distance_m);
    while (!queue.empty()) {
        const Entry top = queue.top();
        if (top.key > max_distance_m || top.key > cutoff) {
            break;
        }
        queue.pop();

        if (top.kind == Entry::Kind::refined_item) {
            found.push_back({top.position, top.key});
            if (found.size() == k) {
                cutoff = cutoff_for(found, k);
                limit_term = prune_term(std::min(cutoff, max_distance_m));
            }
            continue;
        }
        if (top.kind == Entry::Kind::item) {
            queue.push({exact_distance(top.position), Entry::Kind::refined_item, top.position, 0});
            continue;
        }

        const std::size_t first = refs_[top.position];
        const std::size_t last = std::min(first + node_size_, level_end(top.level - 1));
        for (std::size_t child = first; child < last; ++child) {
            if (is_empty(boxes_[child]) || min_haversine_term(p, cos_lat, boxes_[child]) > limit_term) {
                continue;
            }
            const double bound = pruning_bound_m(p, boxes_[child]);
            if (top.level == 1) {
                queue.push({bound, Entry::Kind::item, refs_[child], 0});
            } else {
                queue.push({bound, Entry::Kind::node, static_cast<std::uint32_t>(child), top.level - 1});
            }
        }
    }

    rank_ties(found);
    if (found.size() > k) {
        found.resize(k);
    }
    return found;
}

} // namespace badung::index

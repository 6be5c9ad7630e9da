#include "core/index/hilbert_rtree.hpp"

#include "core/index/hilbert_curve.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <memory>
#include <stdexcept>
#include <string>

namespace badung::index {

namespace {

bool is_empty(const geo::BBox& box) {
    return !(box.west <= box.east && box.south <= box.north);
}

void extend(geo::BBox& box, const geo::BBox& other) {
    box.west = std::min(box.west, other.west);
    box.south = std::min(box.south, other.south);
    box.east = std::max(box.east, other.east);
    box.north = std::max(box.north, other.north);
}

// The extent of the non-empty boxes, and whether every one of them is a
// point.
struct ItemSummary {
    geo::BBox extent;
    bool all_points = true;
};

[[noreturn, gnu::cold, gnu::noinline]] void throw_nan_box(std::size_t i) {
    throw std::invalid_argument("invalid box of item " + std::to_string(i) + ": an edge is NaN");
}

// Throws std::invalid_argument naming item i when its box has a NaN edge.
inline void check_box(const geo::BBox& b, std::size_t i) {
    if (std::isnan(b.west) || std::isnan(b.south) || std::isnan(b.east) || std::isnan(b.north)) {
        throw_nan_box(i);
    }
}

// Adds a checked box to the summary.
void summarise_box(ItemSummary& summary, const geo::BBox& b) {
    if (!is_empty(b)) {
        extend(summary.extent, b);
        summary.all_points &= (b.west == b.east) & (b.south == b.north);
    }
}

// The extent of every box, for when the sample below finds none.
// Throws as check_box does.
geo::BBox full_extent(const std::vector<geo::BBox>& boxes) {
    ItemSummary summary;
    for (std::size_t i = 0; i < boxes.size(); ++i) {
        check_box(boxes[i], i);
        summarise_box(summary, boxes[i]);
    }
    return summary.extent;
}

// The extent that the Hilbert grid spans: that of every stride-th box,
// about 4,096 of them. Reading every box for it would be a pass over all
// the input of its own, a tenth of the build time of a million points, so
// the key pass measures the exact extent as it goes instead. A box outside
// the sampled extent gets the value of the nearest grid cell on its edge,
// which can only cost the order some locality; with a stride sample, few
// boxes lie out there.
geo::BBox grid_extent(const std::vector<geo::BBox>& boxes) {
    const std::size_t stride = std::max<std::size_t>(1, boxes.size() / 4096);
    geo::BBox sampled;
    for (std::size_t i = 0; i < boxes.size(); i += stride) {
        const geo::BBox& b = boxes[i];
        if (!is_empty(b)) {
            extend(sampled, b);
        }
    }
    return is_empty(sampled) ? full_extent(boxes) : sampled;
}

// Radix sort digits: the 32-bit Hilbert value in the upper half of each key,
// read 11, 11 and 10 bits at a time.
constexpr int digit_bits = 11;
constexpr int digit_count = 3;
constexpr std::size_t bucket_count = std::size_t{1} << digit_bits;
using Histograms = std::array<std::array<std::uint32_t, bucket_count>, digit_count>;

std::size_t digit_of(std::uint64_t key, int digit) {
    return static_cast<std::size_t>(key >> (32 + digit * digit_bits)) & (bucket_count - 1);
}

// Bits per axis of the Hilbert grid: the fewest that give at least four
// cells per item (4^bits >= 4 count), so that a cell contains far fewer
// items than a leaf node, and at most 16. Fewer bits mean fewer radix passes:
// a million items sort on 22-bit values, in two passes of 11 bits.
int grid_bits(std::size_t count) {
    int bits = 1;
    while (bits < 16 && (std::size_t{1} << (2 * bits)) < 4 * count) {
        ++bits;
    }
    return bits;
}

// Sort keys: the Hilbert value of each box centre on a grid of grid_bits
// per axis spanning grid (see grid_extent), above the item number, so
// sorting the keys orders items along the curve and ties by item number.
// The Hilbert curve of the 2^16 grid visits its lower left 2^bits square
// first, as a Hilbert curve of its own, so hilbert_index serves every grid
// size. Empty boxes get the largest value, so they gather at the end. The
// same pass counts each radix digit, summarises the boxes and throws as
// check_box does. The array is left uninitialised before it is filled, as
// is the radix sort's buffer: zeroing 8 bytes a key first would cost a pass
// of its own.
std::unique_ptr<std::uint64_t[]> hilbert_keys(const std::vector<geo::BBox>& boxes, const geo::BBox& grid,
                                              std::size_t node_size, Histograms& histograms,
                                              ItemSummary& summary) {
    // Grid cells per degree, so each centre costs a multiplication, not a
    // division.
    const int bits = grid_bits(boxes.size());
    const std::uint32_t grid_max = (std::uint32_t{1} << bits) - 1;
    const double cell_max = grid_max;
    const double width = std::max(grid.east - grid.west, 1e-12);
    const double height = std::max(grid.north - grid.south, 1e-12);
    const double x_scale = grid_max / width;
    const double y_scale = grid_max / height;

    // A box wider or taller than one leaf node's share of the extent would
    // stretch any node it joins over its neighbours' ground, and a query
    // anywhere there would open that node. Such large boxes sort after
    // all others (the bit above the Hilbert value), in Hilbert order among
    // themselves, so they fill leaf nodes of their own. On the Badung
    // layers (desa, roads and bus routes among points) this took a fifth
    // off the instructions of bbox and kNN queries. Half or twice the
    // share, or a second class for huge boxes, saved less.
    const double leaf_nodes = std::max(1.0, static_cast<double>(boxes.size()) / static_cast<double>(node_size));
    const double large_width = width / std::sqrt(leaf_nodes);
    const double large_height = height / std::sqrt(leaf_nodes);
    const std::uint32_t large_bit = std::uint32_t{1} << (2 * bits);

    std::unique_ptr<std::uint64_t[]> keys(new std::uint64_t[boxes.size()]);
    for (std::size_t i = 0; i < boxes.size(); ++i) {
        const geo::BBox& box = boxes[i];
        check_box(box, i);
        summarise_box(summary, box);
        std::uint32_t value = UINT32_MAX;
        if (!is_empty(box)) {
            const double x = std::clamp(((box.west + box.east) / 2 - grid.west) * x_scale, 0.0, cell_max);
            const double y = std::clamp(((box.south + box.north) / 2 - grid.south) * y_scale, 0.0, cell_max);
            value = hilbert_index(static_cast<std::uint32_t>(x), static_cast<std::uint32_t>(y));
            const bool large = box.east - box.west > large_width || box.north - box.south > large_height;
            value |= large ? large_bit : 0;
        }
        const std::uint64_t key = (std::uint64_t{value} << 32) | i;
        keys[i] = key;
        for (int digit = 0; digit < digit_count; ++digit) {
            ++histograms[digit][digit_of(key, digit)];
        }
    }
    return keys;
}

// Least significant digit first radix sort on the upper 32 bits of count
// keys. Each pass is stable, so keys with equal values keep their order (by
// item number, as built). A digit that all keys share is skipped.
void radix_sort(std::unique_ptr<std::uint64_t[]>& keys, std::size_t count, Histograms& histograms) {
    std::unique_ptr<std::uint64_t[]> sorted(new std::uint64_t[count]);
    for (int digit = 0; digit < digit_count; ++digit) {
        std::array<std::uint32_t, bucket_count>& counts = histograms[digit];
        if (counts[digit_of(keys[0], digit)] == count) {
            continue;
        }

        std::uint32_t offset = 0;
        for (std::uint32_t& bucket : counts) {
            const std::uint32_t bucket_size = bucket;
            bucket = offset;
            offset += bucket_size;
        }
        for (std::size_t i = 0; i < count; ++i) {
            const std::uint64_t key = keys[i];
            sorted[counts[digit_of(key, digit)]++] = key;
        }
        keys.swap(sorted);
    }
}

// Entries of every level: n leaves, then ceil(count / node_size) a level up
// to a single root.
std::vector<std::size_t> level_starts(std::size_t item_count, std::size_t node_size) {
    std::vector<std::size_t> starts{0};
    std::size_t count = item_count;
    while (true) {
        starts.push_back(starts.back() + count);
        if (count == 1) {
            return starts;
        }
        count = (count + node_size - 1) / node_size;
    }
}

} // namespace

HilbertRTree::HilbertRTree(const std::vector<geo::BBox>& item_boxes, std::size_t node_size)
    : item_count_(item_boxes.size()), node_size_(node_size) {
    if (node_size < 2) {
        throw std::invalid_argument("invalid R-tree node size " + std::to_string(node_size) +
                                    ": use 2 or more");
    }
    if (item_boxes.empty()) {
        return;
    }
    level_start_ = level_starts(item_boxes.size(), node_size);
    const std::size_t total = level_start_.back();
    if (total > UINT32_MAX) {
        throw std::invalid_argument("too many R-tree items: " + std::to_string(item_boxes.size()) +
                                    " items need " + std::to_string(total) +
                                    " entries, more than 2^32 - 1; split them over several trees");
    }

    // Leaves: items in Hilbert order of their centres, ties by item number.
    auto histograms = std::make_unique<Histograms>();
    ItemSummary summary;
    std::unique_ptr<std::uint64_t[]> keys =
        hilbert_keys(item_boxes, grid_extent(item_boxes), node_size, *histograms, summary);
    radix_sort(keys, item_boxes.size(), *histograms);

    const std::size_t node_count = total - item_boxes.size();
    for (CacheAlignedVector<float>* edges : {&node_wests_, &node_souths_, &node_easts_, &node_norths_}) {
        edges->assign(node_count + float_padding, std::numeric_limits<float>::quiet_NaN());
    }
    refs_.reserve(total);
    point_leaves_ = summary.all_points;
    if (point_leaves_) {
        if (!is_empty(summary.extent)) {
            leaf_origin_ = {(summary.extent.west + summary.extent.east) / 2,
                            (summary.extent.south + summary.extent.north) / 2};
        }
        fill_point_leaves(item_boxes, keys.get());
    } else {
        fill_box_leaves(item_boxes, keys.get());
    }
    keys.reset();

    // The first inner level's refs: node j starts at leaf j * node_size.
    for (std::size_t first = 0; first < level_start_[1] && level_start_.size() > 2; first += node_size) {
        refs_.push_back(static_cast<std::uint32_t>(first));
    }

    // Inner levels above the first: each node covers node_size consecutive
    // nodes below. Empty and NaN boxes leave a node box as it is.
    for (std::size_t level = 2; level + 1 < level_start_.size(); ++level) {
        const std::size_t below_end = level_start_[level];
        for (std::size_t first = level_start_[level - 1]; first < below_end; first += node_size) {
            const std::size_t last = std::min(first + node_size, below_end);
            geo::BBox box;
            for (std::size_t child = first; child < last; ++child) {
                extend(box, node_box(child));
            }
            set_node_box(refs_.size(), box);
            refs_.push_back(static_cast<std::uint32_t>(first));
        }
    }
}

void HilbertRTree::close_first_level_node(std::size_t node, geo::BBox& box) noexcept {
    if (level_start_.size() > 2) {
        set_node_box(level_start_[1] + node, box);
    }
    box = geo::BBox{};
}

void HilbertRTree::set_node_box(std::size_t position, const geo::BBox& box) noexcept {
    const std::size_t node = position - item_count_;
    node_wests_[node] = float_below(box.west);
    node_souths_[node] = float_below(box.south);
    node_easts_[node] = float_above(box.east);
    node_norths_[node] = float_above(box.north);
}

// Items are read in Hilbert order, a random order in the input, so each
// read misses the cache. Prefetching the item some steps ahead hides that.
// The fill also gathers the boxes of the first inner level from the exact
// leaves, so no second pass reads the leaves again.
// NOTE: 64 items ahead built 1,000,000 points about 5% faster than 16 on
// the 2-core Xeon VM of docs/BENCHMARKS.md; other CPUs may prefer another.
constexpr std::size_t prefetch_distance = 64;

template <typename StoreLeaf>
void HilbertRTree::fill_leaves(const std::vector<geo::BBox>& item_boxes, const std::uint64_t* keys,
                               StoreLeaf&& store_leaf) {
    const std::size_t count = item_boxes.size();
    geo::BBox node_box;
    std::size_t left_in_node = node_size_;
    for (std::size_t i = 0; i < count; ++i) {
        if (i + prefetch_distance < count) {
            __builtin_prefetch(&item_boxes[static_cast<std::uint32_t>(keys[i + prefetch_distance])]);
        }
        const auto item = static_cast<std::uint32_t>(keys[i]);
        refs_.push_back(item);
        const geo::BBox& box = item_boxes[item];
        store_leaf(i, box);
        if (!is_empty(box)) {
            extend(node_box, box);
        }
        if (--left_in_node == 0 || i + 1 == count) {
            close_first_level_node(i / node_size_, node_box);
            left_in_node = node_size_;
        }
    }
}

void HilbertRTree::fill_point_leaves(const std::vector<geo::BBox>& item_boxes, const std::uint64_t* keys) {
    const std::size_t count = item_boxes.size();
    leaf_points_.reserve(count);
    leaf_lons_.reserve(count + float_padding);
    leaf_lats_.reserve(count + float_padding);
    constexpr double nan = std::numeric_limits<double>::quiet_NaN();

    fill_leaves(item_boxes, keys, [this](std::size_t, const geo::BBox& box) {
        const geo::LonLat point = is_empty(box) ? geo::LonLat{nan, nan} : geo::LonLat{box.west, box.south};
        leaf_points_.push_back(point);
        leaf_lons_.push_back(static_cast<float>(point.lon - leaf_origin_.lon));
        leaf_lats_.push_back(static_cast<float>(point.lat - leaf_origin_.lat));
    });
    leaf_lons_.resize(count + float_padding, std::numeric_limits<float>::quiet_NaN());
    leaf_lats_.resize(count + float_padding, std::numeric_limits<float>::quiet_NaN());
}

void HilbertRTree::fill_box_leaves(const std::vector<geo::BBox>& item_boxes, const std::uint64_t* keys) {
    const std::size_t count = item_boxes.size();
    leaf_boxes_.reserve(count);
    for (CacheAlignedVector<float>* edges : {&leaf_wests_, &leaf_souths_, &leaf_easts_, &leaf_norths_}) {
        edges->assign(count + float_padding, std::numeric_limits<float>::quiet_NaN());
    }

    // An empty box keeps the NaN floats, which no query box admits.
    fill_leaves(item_boxes, keys, [this](std::size_t i, const geo::BBox& box) {
        leaf_boxes_.push_back(box);
        if (!is_empty(box)) {
            leaf_wests_[i] = float_below(box.west);
            leaf_souths_[i] = float_below(box.south);
            leaf_easts_[i] = float_above(box.east);
            leaf_norths_[i] = float_above(box.north);
        }
    });
}

std::vector<std::uint32_t> HilbertRTree::search(const geo::BBox& box) const {
    std::vector<std::uint32_t> found;
    search(box, [&found](std::uint32_t item) { found.push_back(item); });
    std::sort(found.begin(), found.end());
    return found;
}

std::optional<geo::BBox> HilbertRTree::term_box(geo::LonLat p, double cos_lat, double term) noexcept {
    // min_haversine_term(p, point) is at least s(a)^2 + cos_lat cos_min
    // s(b)^2, where a and b are the half latitude and longitude gaps in
    // radians, s(x) = x - x^3 / 6 and cos_min = 1 - lat^2 / 2 at the point's
    // latitude lat in radians. For x <= 0.4, s(x) >= 0.97 x, so a term of
    // at most term gives a <= sqrt(term) / 0.97 and
    // b <= sqrt(term / (cos_lat cos_min)) / 0.97; 1.05 leaves room for rounding.
    constexpr double rad = std::numbers::pi / 180.0;
    constexpr double max_half_gap = 0.35;
    const double half_dlat = 1.05 * std::sqrt(term);
    if (!(half_dlat <= max_half_gap) || !(std::abs(p.lon) <= 180.0)) {
        return std::nullopt;
    }
    const double dlat = 2.0 * half_dlat / rad;
    const double south = p.lat - dlat;
    const double north = p.lat + dlat;
    if (south < -89.0 || north > 89.0) {
        return std::nullopt;
    }

    const double far_lat = std::max(std::abs(south), std::abs(north)) * rad;
    const double cos_min = 1.0 - far_lat * far_lat / 2.0;
    const double scale = cos_lat * cos_min;
    if (!(scale > 0.01)) {
        return std::nullopt;
    }
    const double half_dlon = 1.05 * std::sqrt(term / scale);
    if (!(half_dlon <= max_half_gap)) {
        return std::nullopt;
    }
    const double dlon = 2.0 * half_dlon / rad;
    if (p.lon - dlon < -180.0 || p.lon + dlon > 180.0) {
        return std::nullopt;
    }
    return geo::BBox{p.lon - dlon, south, p.lon + dlon, north};
}

std::vector<Neighbour> HilbertRTree::nearest(geo::LonLat p, std::size_t k, const ItemDistance& exact_distance,
                                             double max_distance_m) const {
    return nearest<const ItemDistance&>(p, k, exact_distance, max_distance_m);
}

} // namespace badung::index

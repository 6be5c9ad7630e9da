// The query side of NearestIndex: one best-first search over the feature
// tree and the segment trees below it.

#include "core/query/nearest_index.hpp"

#include "core/geo/mercator.hpp"
#include "core/geometry/segment_distance.hpp"
#include "core/index/box_distance.hpp"
#include "core/index/neighbour_list.hpp"
#include "core/query/radix_queue.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numbers>
#include <vector>

namespace badung::query {

namespace {

using geojson::Position;

constexpr double rad = std::numbers::pi / 180.0;
constexpr double infinity = std::numeric_limits<double>::infinity();

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

// A lower bound in metres of the haversine distance from p to any point q
// of the segment a-b, without trigonometry. With c <= cos(lat) at p and at q
// and both half angles |dlat| / 2, |dlon| / 2 at most m (radians),
// sin x >= x (1 - x^2 / 6) and asin y >= y give
//   distance >= R (1 - m^2 / 6) sqrt(dlat^2 + c^2 dlon^2),
// the distance in a plane with longitudes scaled by c, whose minimum over
// the segment is a point-segment distance. Returns 0 beyond 90 degrees of
// longitude, where the plane could not bound the distance across the
// antimeridian. The last step shaves far more than the rounding.
double min_part_distance_m(geo::LonLat p, Position a, Position b) noexcept {
    const double ax = a.lon - p.lon;
    const double bx = b.lon - p.lon;
    const double ay = a.lat - p.lat;
    const double by = b.lat - p.lat;
    const double reach = std::max({std::abs(ax), std::abs(bx), std::abs(ay), std::abs(by)});
    if (!(reach <= 90.0)) {
        return 0.0;
    }

    const double far_lat = std::max({std::abs(p.lat), std::abs(a.lat), std::abs(b.lat)}) * rad;
    const double c = std::max(0.0, 1.0 - far_lat * far_lat / 2);
    const double dx = (bx - ax) * c;
    const double dy = by - ay;
    const double length_squared = dx * dx + dy * dy;
    double t = 0.0;
    if (length_squared > 0.0) {
        t = std::clamp(-(ax * c * dx + ay * dy) / length_squared, 0.0, 1.0);
    }
    const double ex = ax * c + t * dx;
    const double ey = ay + t * dy;

    const double m = reach * rad / 2;
    const double plane_m = std::sqrt(ex * ex + ey * ey) * rad * geo::earth_radius_m * (1.0 - m * m / 6);
    return plane_m * (1.0 - 1e-9) - 1e-6;
}

} // namespace

// One best-first search of NearestIndex::nearest. A single queue orders, by
// lower bounds of the haversine term, nodes of the feature tree, features,
// nodes of their segment trees, single parts and exact feature distances
// (results). A part is refined only when it leaves the queue, so the work
// follows the query's true neighbourhood and no feature is measured in full
// before the nearer entries are done. A feature's first result to leave the
// queue is its distance: every part not yet refined lies below an entry
// with a larger key. The queue raises a key below the last one taken out
// to that key, as where a segment's planar bound undercuts its node's box
// bound. The raised key is still a lower bound, because everything below
// an entry also lies within the entry it came from.
class NearestSearch {
public:
    NearestSearch(const NearestIndex& index, geo::LonLat p, std::size_t k, std::uint64_t category_mask,
                  const NearestIndex::FeatureFilter& keep)
        : scratch_(thread_scratch_), index_(index), p_(p), k_(k), category_mask_(category_mask), all_categories_(category_mask == ~std::uint64_t{0}),
          keep_(keep), cos_lat_(std::cos(p.lat * rad)),
          plain_longitudes_(index.plain_longitudes_ && std::abs(p.lon) <= 180.0) {}

    std::vector<NearestLayerFeature> run();

private:
    enum class Kind : std::uint8_t { feature_node, feature, segment_node, part, result };

    // A queue entry: key is a lower bound of the haversine term from p to
    // everything below the entry, or, for a result, the term of its distance.
    // 16 bytes, so that the queue moves little memory.
    struct Entry {
        double key;
        std::uint32_t item;   // feature node, segment node or part
        std::uint32_t tagged; // the feature's slot in features_ order, times 8, plus the kind

        Entry(double key_term, std::uint32_t item_index, std::uint32_t feature_slot, Kind kind) noexcept
            : key(key_term), item(item_index), tagged(feature_slot << 3 | static_cast<std::uint32_t>(kind)) {}
        std::uint32_t slot() const noexcept { return tagged >> 3; }
        Kind kind() const noexcept { return static_cast<Kind>(tagged & 7); }
    };

    // The smallest distance refined so far for a feature and its term, and
    // whether the feature's result has left the queue.
    struct FeatureBest {
        double distance_m = infinity;
        double term = infinity;
        bool reported = false;
    };

    // Per-thread buffers, kept between queries so that a query allocates
    // nothing once they have grown.
    struct Scratch {
        RadixQueue<Entry> queue;
        std::vector<double> nearest_k;   // max-heap of the k smallest first distances of features
        std::vector<FeatureBest> best;   // by feature slot
        std::vector<std::uint32_t> touched; // slots whose best is set
    };
    static thread_local Scratch thread_scratch_;

    // This thread's buffers, looked up once: each access to a thread_local
    // may call its initialisation wrapper, which wasm does not inline.
    Scratch& scratch_;

    const NearestIndex& index_;
    geo::LonLat p_;
    std::size_t k_;
    std::uint64_t category_mask_;
    bool all_categories_; // a mask of all ones also keeps features without a category
    const NearestIndex::FeatureFilter& keep_;
    double cos_lat_;        // cos(latitude of p)
    bool plain_longitudes_; // p and every part lie within -180..180 degrees
    double bound_ = infinity;   // term of the k-th distance + 1 mm
    double bound_m_ = infinity; // the k-th distance + 1 mm
    std::size_t reported_ = 0;
    double farthest_reported_m_ = 0.0;

    // Both run for every child of every node opened, so they are inlined.
    [[gnu::always_inline]] double box_term(const geo::BBox& box) const noexcept;
    [[gnu::always_inline]] void push(const Entry& entry);
    void note_distance(double distance_m);
    void offer(std::uint32_t slot, double distance_m);
    void expand_feature_node(const NearestIndex::Node& node);
    void open_feature(const Entry& entry);
    void expand_segment_node(const Entry& entry);
    void report(const Entry& entry, std::vector<NearestLayerFeature>& found);
};

thread_local NearestSearch::Scratch NearestSearch::thread_scratch_;

// index::min_haversine_term, whose longitude gap folds any longitude with
// fmod. Where p and the box lie within -180..180, the gap is the smaller
// of the direct one and the one across the antimeridian, 360 - width - direct.
inline double NearestSearch::box_term(const geo::BBox& box) const noexcept {
    if (!plain_longitudes_) {
        return index::min_haversine_term(p_, cos_lat_, box);
    }
    const double direct = std::max(0.0, std::max(box.west - p_.lon, p_.lon - box.east));
    const double dlon = std::min(direct, 360.0 - (box.east - box.west) - direct);
    const double dlat = std::max(0.0, std::max(box.south - p_.lat, p_.lat - box.north));
    const double far_lat = std::max(std::abs(box.south), std::abs(box.north)) * rad;

    // Half angles lie in 0..pi/2, where x - x^3 / 6 is a positive lower bound of sin x.
    const double half_dlat = dlat * (rad / 2);
    const double half_dlon = dlon * (rad / 2);
    const double sin_lat = half_dlat - half_dlat * half_dlat * half_dlat / 6;
    const double sin_lon = half_dlon - half_dlon * half_dlon * half_dlon / 6;
    const double cos_box = std::max(0.0, 1.0 - far_lat * far_lat / 2);
    return sin_lat * sin_lat + cos_lat_ * cos_box * sin_lon * sin_lon;
}

inline void NearestSearch::push(const Entry& entry) {
    if (entry.key > bound_) {
        return;
    }
    scratch_.queue.push(entry);
}

// Only a feature's first distance enters, so the k distances belong to k
// different features and the k-th bounds the k-th distance of the result.
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
    if (nearest.size() == k_ && nearest.front() + index::tie_tolerance_m < bound_m_) {
        bound_m_ = nearest.front() + index::tie_tolerance_m;
        bound_ = index::haversine_term_of(bound_m_);
    }
}

// A distance refined for a feature: queued as a result when it is the
// feature's smallest so far.
void NearestSearch::offer(std::uint32_t slot, double distance_m) {
    FeatureBest& found = scratch_.best[slot];
    if (!(distance_m < found.distance_m)) {
        return;
    }
    if (found.distance_m == infinity) {
        scratch_.touched.push_back(slot);
        note_distance(distance_m);
    }
    found.distance_m = distance_m;
    found.term = index::haversine_term_of(distance_m);
    push(Entry{found.term, 0, slot, Kind::result});
}

void NearestSearch::expand_feature_node(const NearestIndex::Node& node) {
    for (std::uint32_t i = node.first; i < node.first + node.count; ++i) {
        if (!node.leaf) {
            const NearestIndex::Node& child = index_.feature_nodes_[i];
            if (all_categories_ || (child.category_mask & category_mask_) != 0) {
                push(Entry{box_term(child.box), i, 0, Kind::feature_node});
            }
            continue;
        }
        const NearestIndex::IndexedFeature& feature = index_.features_[i];
        const bool in_category = all_categories_ || (feature.category_mask & category_mask_) != 0;
        if (!in_category || (keep_ && !keep_(feature.layer, feature.feature))) {
            continue;
        }
        push(Entry{box_term(feature.box), 0, i, Kind::feature});
    }
}

// A polygon whose box comes within 1 cm of p (slack over the boundary
// tolerance of contains()) is tested for containment first: distance 0.
// A lone point is measured, and other features open their segment tree.
void NearestSearch::open_feature(const Entry& entry) {
    const NearestIndex::IndexedFeature& feature = index_.features_[entry.slot()];
    if (feature.has_polygons && entry.key <= min_term_of(0.01) && index_.contains(feature, p_)) {
        offer(entry.slot(), 0.0);
        return;
    }

    if (feature.point) {
        offer(entry.slot(), geo::haversine_m(p_, index_.parts_[index_.segment_nodes_[feature.root].first].a));
        return;
    }
    expand_segment_node(Entry{entry.key, feature.root, entry.slot(), Kind::segment_node});
}

// Queues the children of a segment tree node, or the parts of a leaf by the
// planar lower bound, skipping those beyond the search bound or the
// feature's smallest distance so far.
void NearestSearch::expand_segment_node(const Entry& entry) {
    const FeatureBest& found = scratch_.best[entry.slot()];
    const NearestIndex::SegmentNode& node = index_.segment_nodes_[entry.item];
    if (node.leaf) {
        const double limit_m = std::min(found.distance_m, bound_m_);
        for (std::uint32_t i = node.first; i < node.first + node.count; ++i) {
            const NearestIndex::Part& part = index_.parts_[i];
            const double lower_m = min_part_distance_m(p_, part.a, part.b);
            if (lower_m <= limit_m) {
                push(Entry{min_term_of(lower_m), i, entry.slot(), Kind::part});
            }
        }
        return;
    }
    const double limit = std::min(found.term, bound_);
    for (std::uint32_t i = node.first; i < node.first + node.count; ++i) {
        const double key = box_term(index_.segment_nodes_[i].box());
        if (key <= limit) {
            push(Entry{key, i, entry.slot(), Kind::segment_node});
        }
    }
}

// Results leave the queue by distance, after every entry that could hold a
// nearer feature. Once k are out, the farthest of them plus 1 mm is the
// bound: results below 1 cm may come out in any order.
void NearestSearch::report(const Entry& entry, std::vector<NearestLayerFeature>& found) {
    FeatureBest& best = scratch_.best[entry.slot()];
    if (best.reported) {
        return;
    }
    best.reported = true;
    const NearestIndex::IndexedFeature& feature = index_.features_[entry.slot()];
    found.push_back({feature.layer, feature.feature, best.distance_m});
    farthest_reported_m_ = std::max(farthest_reported_m_, best.distance_m);
    if (++reported_ == k_) {
        bound_m_ = std::min(bound_m_, farthest_reported_m_ + index::tie_tolerance_m);
        bound_ = std::min(bound_, index::haversine_term_of(bound_m_));
    }
}

std::vector<NearestLayerFeature> NearestSearch::run() {
    std::vector<NearestLayerFeature> found;
    if (k_ == 0 || index_.feature_nodes_.empty()) {
        return found;
    }
    scratch_.queue.clear();
    scratch_.nearest_k.clear();
    for (const std::uint32_t slot : scratch_.touched) {
        scratch_.best[slot] = FeatureBest{};
    }
    scratch_.touched.clear();
    scratch_.best.resize(index_.features_.size());

    push(Entry{0.0, static_cast<std::uint32_t>(index_.feature_nodes_.size() - 1), 0, Kind::feature_node});
    while (!scratch_.queue.empty()) {
        const Entry entry = scratch_.queue.pop();
        if (entry.key > bound_) {
            break;
        }

        switch (entry.kind()) {
        case Kind::feature_node:
            expand_feature_node(index_.feature_nodes_[entry.item]);
            break;
        case Kind::feature:
            open_feature(entry);
            break;
        case Kind::segment_node: {
            const FeatureBest& found_best = scratch_.best[entry.slot()];
            if (!found_best.reported && entry.key <= found_best.term) {
                expand_segment_node(entry);
            }
            break;
        }
        case Kind::part: {
            const FeatureBest& found_best = scratch_.best[entry.slot()];
            if (!found_best.reported && entry.key <= found_best.term) {
                const NearestIndex::Part& part = index_.parts_[entry.item];
                offer(entry.slot(), geometry::segment_distance::refine(p_, {part.a, part.b}).distance_m);
            }
            break;
        }
        case Kind::result:
            report(entry, found);
            break;
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

#include "core/geometry/indexed_shape.hpp"

#include "core/geo/lon_lat.hpp"
#include "core/geometry/contains.hpp"
#include "core/geometry/segment_distance.hpp"
#include "core/index/box_distance.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numbers>
#include <utility>
#include <vector>

namespace badung::geometry {

namespace {

using geojson::Position;
using segment_distance::Segment;

constexpr double metres_per_degree = geo::earth_radius_m * std::numbers::pi / 180.0;

void extend(geo::BBox& box, Position q) noexcept {
    box.west = std::min(box.west, q.lon);
    box.south = std::min(box.south, q.lat);
    box.east = std::max(box.east, q.lon);
    box.north = std::max(box.north, q.lat);
}

// True when p lies within boundary_tolerance_deg of the box.
bool near_box(Position p, const geo::BBox& box) noexcept {
    constexpr double t = boundary_tolerance_deg;
    return p.lon >= box.west - t && p.lon <= box.east + t && p.lat >= box.south - t && p.lat <= box.north + t;
}

// Squared plane distance in degrees from p to a-b, as locate_in_ring computes it.
double squared_distance_to_segment(Position p, Position a, Position b) noexcept {
    const double dx = b.lon - a.lon;
    const double dy = b.lat - a.lat;
    const double length_squared = dx * dx + dy * dy;

    double t = 0.0;
    if (length_squared > 0.0) {
        t = std::clamp(((p.lon - a.lon) * dx + (p.lat - a.lat) * dy) / length_squared, 0.0, 1.0);
    }
    const double ex = a.lon + t * dx - p.lon;
    const double ey = a.lat + t * dy - p.lat;
    return ex * ex + ey * ey;
}

// One edge step of the crossing rule; true when p lies on the edge.
bool on_edge_or_cross(Position p, Position a, Position b, bool& inside) noexcept {
    constexpr double tolerance_squared = boundary_tolerance_deg * boundary_tolerance_deg;
    if (squared_distance_to_segment(p, a, b) <= tolerance_squared) {
        return true;
    }
    if ((a.lat > p.lat) != (b.lat > p.lat)) {
        const double crossing_lon = a.lon + (p.lat - a.lat) * (b.lon - a.lon) / (b.lat - a.lat);
        if (p.lon < crossing_lon) {
            inside = !inside;
        }
    }
    return false;
}

// Lower bound of the plane distance in metres (as nearest_point measures it)
// from p to any point of the box, shaved for rounding.
double plane_bound_m(Position p, const geo::BBox& box, double x_scale) noexcept {
    const double dx = std::max({0.0, box.west - p.lon, p.lon - box.east}) * x_scale;
    const double dy = std::max({0.0, box.south - p.lat, p.lat - box.north});
    return std::sqrt(dx * dx + dy * dy) * metres_per_degree * (1.0 - 1e-9);
}

// A lower bound of the haversine distance from p to any point of the
// segment: the spherical distance to its box, less a margin far above the
// rounding of the box bound and of refine().
double lower_bound_m(Position p, const Segment& s) noexcept {
    const geo::BBox box{std::min(s.a.lon, s.b.lon), std::min(s.a.lat, s.b.lat), std::max(s.a.lon, s.b.lon),
                        std::max(s.a.lat, s.b.lat)};
    const double d = index::min_distance_m(p, box);
    return d - d * 1e-9 - 1e-6;
}

bool indexable(const geojson::Geometry& geometry) {
    if (!geometry.points.empty() || !geometry.members.empty()) {
        return false;
    }
    return std::none_of(geometry.lines.begin(), geometry.lines.end(),
                        [](const geojson::LineString& line) { return line.size() == 1; });
}

} // namespace

IndexedShape::IndexedShape(const geojson::Geometry& geometry) : indexed_(indexable(geometry)) {
    if (!indexed_) {
        return;
    }
    for (const geojson::LineString& line : geometry.lines) {
        add_path(line);
    }
    for (const geojson::Polygon& polygon : geometry.polygons) {
        polygons_.push_back({static_cast<std::uint32_t>(paths_.size()), static_cast<std::uint32_t>(polygon.rings.size())});
        for (const geojson::LinearRing& ring : polygon.rings) {
            add_path(ring);
        }
    }
}

void IndexedShape::add_path(const std::vector<Position>& positions) {
    Path path;
    path.first = static_cast<std::uint32_t>(positions_.size());
    path.count = static_cast<std::uint32_t>(positions.size());
    path.first_run = static_cast<std::uint32_t>(runs_.size());
    positions_.insert(positions_.end(), positions.begin(), positions.end());
    for (const Position q : positions) {
        extend(path.box, q);
    }

    // Runs of run_length segments; segment i joins positions i - 1 and i.
    for (std::uint32_t begin = 1; begin < path.count; begin += run_length) {
        Run run;
        run.begin = begin;
        run.end = std::min(begin + run_length, path.count);
        for (std::uint32_t i = begin - 1; i < run.end; ++i) {
            extend(run.box, positions[i]);
        }
        runs_.push_back(run);
    }
    path.run_count = static_cast<std::uint32_t>(runs_.size()) - path.first_run;
    paths_.push_back(path);
}

RingLocation IndexedShape::locate_in_ring(Position p, const Path& ring) const noexcept {
    if (ring.count == 0) {
        return RingLocation::outside;
    }

    // West of the ring's box the crossings pair up, so the parity is even.
    if (!near_box(p, ring.box)) {
        return RingLocation::outside;
    }

    // The closing edge (last -> first), then the runs that can hold p or a
    // crossing east of it: none lies beyond the run's latitudes or west of p.
    const Position* q = positions_.data() + ring.first;
    bool inside = false;
    if (on_edge_or_cross(p, q[ring.count - 1], q[0], inside)) {
        return RingLocation::boundary;
    }
    constexpr double t = boundary_tolerance_deg;
    for (std::uint32_t r = ring.first_run; r < ring.first_run + ring.run_count; ++r) {
        const Run& run = runs_[r];
        if (p.lat < run.box.south - t || p.lat > run.box.north + t || p.lon > run.box.east + t) {
            continue;
        }
        for (std::uint32_t i = run.begin; i < run.end; ++i) {
            if (on_edge_or_cross(p, q[i - 1], q[i], inside)) {
                return RingLocation::boundary;
            }
        }
    }

    if (ring.count < 3) {
        return RingLocation::outside;
    }
    return inside ? RingLocation::inside : RingLocation::outside;
}

bool IndexedShape::contains(const geojson::Geometry& geometry, Position p) const noexcept {
    if (!indexed_) {
        return geometry::contains(geometry, p);
    }
    for (const PolygonRings& polygon : polygons_) {
        if (polygon.ring_count == 0) {
            continue;
        }
        const RingLocation exterior = locate_in_ring(p, paths_[polygon.first_path]);
        if (exterior != RingLocation::inside) {
            if (exterior == RingLocation::boundary) {
                return true;
            }
            continue;
        }
        bool in_hole = false;
        for (std::uint32_t h = 1; h < polygon.ring_count && !in_hole; ++h) {
            in_hole = locate_in_ring(p, paths_[polygon.first_path + h]) == RingLocation::inside;
        }
        if (!in_hole) {
            return true;
        }
    }
    return false;
}

template <typename OnSegment>
void IndexedShape::for_each_segment_near(Position p, double x_scale, const double& limit_m,
                                         OnSegment on_segment) const {
    for (const Path& path : paths_) {
        const Position* q = positions_.data() + path.first;
        for (std::uint32_t r = path.first_run; r < path.first_run + path.run_count; ++r) {
            const Run& run = runs_[r];
            if (plane_bound_m(p, run.box, x_scale) > limit_m) {
                continue;
            }
            for (std::uint32_t i = run.begin; i < run.end; ++i) {
                on_segment(Segment{q[i - 1], q[i]});
            }
        }
    }
}

double IndexedShape::distance_m(Position p, const geojson::Geometry& geometry) const {
    if (!indexed_) {
        return geometry::distance_m(p, geometry);
    }
    if (contains(geometry, p)) {
        return 0.0;
    }

    // The two passes of nearest_point, over the runs that can hold a segment
    // within the current plane limit only.
    const double x_scale = std::cos(p.lat * std::numbers::pi / 180.0);
    const auto plane_m = [&](const Segment& s) {
        const Position q = segment_distance::nearest_in_plane(p, s, x_scale);
        const double dx = (q.lon - p.lon) * x_scale;
        const double dy = q.lat - p.lat;
        return std::sqrt(dx * dx + dy * dy) * metres_per_degree;
    };
    double best_plane = std::numeric_limits<double>::infinity();
    for_each_segment_near(p, x_scale, best_plane, [&](const Segment& s) { best_plane = std::min(best_plane, plane_m(s)); });

    // Far away or near a pole nearest_point takes another path.
    if (!(best_plane < segment_distance::plane_trusted_m && std::abs(p.lat) < segment_distance::plane_trusted_lat)) {
        return geometry::distance_m(p, geometry);
    }

    // The candidates of nearest_point, refined nearest first in the plane. A
    // candidate whose box is farther on the sphere than the best refined
    // distance (with margin for rounding) cannot lower it, so it is skipped.
    const double threshold = best_plane * segment_distance::plane_slack(p.lat, best_plane) + 1.0;
    std::vector<std::pair<double, Segment>> candidates;
    for_each_segment_near(p, x_scale, threshold, [&](const Segment& s) {
        const double d = plane_m(s);
        if (d <= threshold) {
            candidates.emplace_back(d, s);
        }
    });
    std::sort(candidates.begin(), candidates.end(),
              [](const auto& a, const auto& b) { return a.first < b.first; });

    double best = std::numeric_limits<double>::infinity();
    for (const auto& [plane, s] : candidates) {
        if (best < std::numeric_limits<double>::infinity() && lower_bound_m(p, s) > best) {
            continue;
        }
        best = std::min(best, segment_distance::refine(p, s).distance_m);
    }
    return best;
}

} // namespace badung::geometry

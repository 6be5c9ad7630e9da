#include "core/geometry/distance.hpp"

#include "core/geo/lon_lat.hpp"
#include "core/geometry/contains.hpp"
#include "core/geometry/segment_distance.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numbers>
#include <vector>

namespace badung::geometry {

namespace {

using geojson::Position;
using namespace segment_distance;

// Calls on_point for every lone point and on_segment for every segment of
// lines and rings, without copying them.
template <typename OnPoint, typename OnSegment>
void for_each_part(const geojson::Geometry& geometry, OnPoint& on_point, OnSegment& on_segment) {
    for (const Position q : geometry.points) {
        on_point(q);
    }
    const auto path = [&](const std::vector<Position>& positions) {
        if (positions.size() == 1) {
            on_point(positions.front());
        }
        for (std::size_t i = 1; i < positions.size(); ++i) {
            on_segment(Segment{positions[i - 1], positions[i]});
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
        for_each_part(member, on_point, on_segment);
    }
}

} // namespace

NearestPoint nearest_point(Position p, const geojson::Geometry& geometry) {
    if (contains(geometry, p)) {
        return {p, 0.0};
    }

    const double x_scale = std::cos(p.lat * std::numbers::pi / 180.0);
    const double metres_per_degree = geo::earth_radius_m * std::numbers::pi / 180.0;

    // First pass: lone points exactly, segments by their distance in the
    // local plane (no trigonometry per segment).
    NearestPoint best{p, std::numeric_limits<double>::infinity()};
    double best_plane = std::numeric_limits<double>::infinity();
    const auto plane_m = [&](const Segment& s) {
        const Position q = nearest_in_plane(p, s, x_scale);
        const double dx = (q.lon - p.lon) * x_scale;
        const double dy = q.lat - p.lat;
        return std::sqrt(dx * dx + dy * dy) * metres_per_degree;
    };
    const auto on_point = [&](Position q) {
        const double d = geo::haversine_m(p, q);
        if (d < best.distance_m) {
            best = {q, d};
        }
    };
    const auto on_plane_segment = [&](const Segment& s) { best_plane = std::min(best_plane, plane_m(s)); };
    for_each_part(geometry, on_point, on_plane_segment);

    // Far away or near a pole, the candidates come from the haversine
    // distance to each segment's plane-nearest point instead.
    const bool plane_trusted = best_plane < plane_trusted_m && std::abs(p.lat) < plane_trusted_lat;
    const auto coarse_m = [&](const Segment& s) { return geo::haversine_m(p, nearest_in_plane(p, s, x_scale)); };
    const auto ignore_point = [](Position) {};
    double best_coarse = std::numeric_limits<double>::infinity();
    const auto on_coarse_segment = [&](const Segment& s) { best_coarse = std::min(best_coarse, coarse_m(s)); };
    if (!plane_trusted) {
        for_each_part(geometry, ignore_point, on_coarse_segment);
    }

    // Second pass: refine by haversine every segment that may hold the
    // nearest point.
    const double threshold =
        plane_trusted ? best_plane * plane_slack(p.lat, best_plane) + 1.0 : best_coarse * 1.01 + 1.0;
    const auto on_refined_segment = [&](const Segment& s) {
        if ((plane_trusted ? plane_m(s) : coarse_m(s)) > threshold) {
            return;
        }
        const NearestPoint candidate = refine(p, s);
        if (candidate.distance_m < best.distance_m) {
            best = candidate;
        }
    };
    for_each_part(geometry, ignore_point, on_refined_segment);
    return best;
}

double distance_m(Position p, const geojson::Geometry& geometry) {
    return nearest_point(p, geometry).distance_m;
}

} // namespace badung::geometry

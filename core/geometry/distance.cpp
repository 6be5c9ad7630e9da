#include "core/geometry/distance.hpp"

#include "core/geo/lon_lat.hpp"
#include "core/geometry/contains.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numbers>
#include <vector>

namespace badung::geometry {

namespace {

using geojson::Position;

struct Segment {
    Position a;
    Position b;
};

Position interpolate(const Segment& s, double t) noexcept {
    return {s.a.lon + t * (s.b.lon - s.a.lon), s.a.lat + t * (s.b.lat - s.a.lat)};
}

// Nearest point of a segment to p in the equirectangular plane centred on p.
Position nearest_in_plane(Position p, const Segment& s, double x_scale) noexcept {
    const double ax = (s.a.lon - p.lon) * x_scale;
    const double ay = s.a.lat - p.lat;
    const double dx = (s.b.lon - s.a.lon) * x_scale;
    const double dy = s.b.lat - s.a.lat;

    const double length_squared = dx * dx + dy * dy;
    if (length_squared == 0.0) {
        return s.a;
    }
    const double t = std::clamp(-(ax * dx + ay * dy) / length_squared, 0.0, 1.0);
    return interpolate(s, t);
}

// Minimises the haversine distance along the segment; the distance is
// unimodal in t for segments far shorter than the Earth's radius.
NearestPoint refine(Position p, const Segment& s) noexcept {
    constexpr double inverse_phi = 0.6180339887498949;
    constexpr int iterations = 64; // bracket shrinks to 0.618^64 ~ 4e-14 of the segment

    double low = 0.0;
    double high = 1.0;
    double left = high - inverse_phi * (high - low);
    double right = low + inverse_phi * (high - low);
    double left_distance = geo::haversine_m(p, interpolate(s, left));
    double right_distance = geo::haversine_m(p, interpolate(s, right));

    for (int i = 0; i < iterations; ++i) {
        if (left_distance < right_distance) {
            high = right;
            right = left;
            right_distance = left_distance;
            left = high - inverse_phi * (high - low);
            left_distance = geo::haversine_m(p, interpolate(s, left));
        } else {
            low = left;
            left = right;
            left_distance = right_distance;
            right = low + inverse_phi * (high - low);
            right_distance = geo::haversine_m(p, interpolate(s, right));
        }
    }

    NearestPoint best{interpolate(s, (low + high) / 2), 0.0};
    best.distance_m = geo::haversine_m(p, best.position);
    for (const Position end : {s.a, s.b}) {
        const double d = geo::haversine_m(p, end);
        if (d < best.distance_m) {
            best = {end, d};
        }
    }
    return best;
}

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

// The plane pass below is trusted within this distance and latitude. There
// the equirectangular plane centred on p differs from the haversine distance
// by a relative error of about tan(latitude) * distance / R, from the change
// of cos(latitude) across the distance, plus (distance / R)^2 from the
// curvature; plane_slack() doubles that estimate and adds 0.1 %.
constexpr double plane_trusted_m = 200'000.0;
constexpr double plane_trusted_lat = 70.0;

// The factor by which the plane distance of the segment holding the nearest
// point may exceed the best plane distance, for a best plane distance of
// best_m at latitude lat.
double plane_slack(double lat, double best_m) noexcept {
    const double reach = 1.2 * best_m / geo::earth_radius_m; // radians, with margin
    const double tilt = std::min(std::abs(lat) + reach * 180.0 / std::numbers::pi, 80.0);
    const double error = 2.0 * (std::tan(tilt * std::numbers::pi / 180.0) * reach + reach * reach) + 1e-3;
    return (1.0 + error) * (1.0 + error);
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

#include "core/geometry/segment_distance.hpp"

#include "core/geo/lon_lat.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace badung::geometry::segment_distance {

using geojson::Position;

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

// Within plane_trusted_m and plane_trusted_lat the equirectangular plane centred on p differs from the haversine distance
// by a relative error of about tan(latitude) * distance / R, from the change
// of cos(latitude) across the distance, plus (distance / R)^2 from the
// curvature; plane_slack() doubles that estimate and adds 0.1 %.
double plane_slack(double lat, double best_m) noexcept {
    const double reach = 1.2 * best_m / geo::earth_radius_m; // radians, with margin
    const double tilt = std::min(std::abs(lat) + reach * 180.0 / std::numbers::pi, 80.0);
    const double error = 2.0 * (std::tan(tilt * std::numbers::pi / 180.0) * reach + reach * reach) + 1e-3;
    return (1.0 + error) * (1.0 + error);
}

} // namespace badung::geometry::segment_distance

#include "core/geometry/segment_distance.hpp"

#include "core/geo/lon_lat.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>
#include <optional>

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

namespace {

constexpr double rad = std::numbers::pi / 180.0;

// The haversine term h from a fixed position: the distance 2 R asin(sqrt(h))
// grows with h, so the search below compares h and leaves out asin, and the
// cosine of the fixed latitude is taken once.
struct HaversineTerm {
    Position p;
    double cos_lat;

    explicit HaversineTerm(Position from) noexcept : p(from), cos_lat(std::cos(from.lat * rad)) {}

    double operator()(Position q) const noexcept {
        const double half_dlat = std::sin((q.lat - p.lat) * rad / 2);
        const double half_dlon = std::sin((q.lon - p.lon) * rad / 2);
        return half_dlat * half_dlat + cos_lat * std::cos(q.lat * rad) * half_dlon * half_dlon;
    }
};

// Golden-section search on t. It stops when the bracket spans less than a
// micrometre of the segment (its length in degrees times the metres of a
// degree of latitude bounds its length on the ground), or after 64 steps.
double golden_section_t(Position p, const Segment& s, double length_m) noexcept {
    constexpr double inverse_phi = 0.6180339887498949;
    constexpr int max_iterations = 64;
    const HaversineTerm term(p);

    double low = 0.0;
    double high = 1.0;
    double left = high - inverse_phi * (high - low);
    double right = low + inverse_phi * (high - low);
    double left_term = term(interpolate(s, left));
    double right_term = term(interpolate(s, right));

    for (int i = 0; i < max_iterations && (high - low) * length_m > 1e-6; ++i) {
        if (left_term < right_term) {
            high = right;
            right = left;
            right_term = left_term;
            left = high - inverse_phi * (high - low);
            left_term = term(interpolate(s, left));
        } else {
            low = left;
            left = right;
            left_term = right_term;
            right = low + inverse_phi * (high - low);
            right_term = term(interpolate(s, right));
        }
    }
    return (low + high) / 2;
}

// A position along a segment and the haversine term from p to it.
struct SegmentMinimum {
    double t = 0.0;
    double term = 0.0;
};

// Newton's method on t for the minimum of the haversine term h(t), from the
// nearest point in the plane, with t kept within 0..1. The term returned is
// h where the last step started. That step moved less than 0.1 micrometre,
// so its distance is within 0.1 micrometre of the final t's. Returns
// std::nullopt where h is not convex at a step or the steps do not settle
// within 0.1 micrometre of the segment, so the caller falls back to the
// golden-section search.
std::optional<SegmentMinimum> newton_minimum(Position p, const Segment& s, double length_m) noexcept {
    constexpr int max_iterations = 8;
    const double u = (s.b.lat - s.a.lat) * rad; // d(lat)/dt in radians
    const double v = (s.b.lon - s.a.lon) * rad; // d(lon)/dt in radians
    const double cos_lat_p = std::cos(p.lat * rad);

    const double ax = (s.a.lon - p.lon) * cos_lat_p;
    const double ay = s.a.lat - p.lat;
    const double dx = (s.b.lon - s.a.lon) * cos_lat_p;
    const double dy = s.b.lat - s.a.lat;
    double t = std::clamp(-(ax * dx + ay * dy) / (dx * dx + dy * dy), 0.0, 1.0);

    for (int i = 0; i < max_iterations; ++i) {
        const Position q = interpolate(s, t);
        const double lat = q.lat * rad;
        const double sin_lat = std::sin(lat);
        const double cos_lat = std::cos(lat);
        const double half_dlat = (q.lat - p.lat) * rad / 2;
        const double half_dlon = (q.lon - p.lon) * rad / 2;
        const double s_lat = std::sin(half_dlat);
        const double c_lat = std::cos(half_dlat);
        const double s_lon = std::sin(half_dlon);
        const double c_lon = std::cos(half_dlon);
        const double sin_dlat = 2 * s_lat * c_lat;
        const double cos_dlat = 1 - 2 * s_lat * s_lat;
        const double sin_dlon = 2 * s_lon * c_lon;
        const double cos_dlon = 1 - 2 * s_lon * s_lon;

        // h = sin^2(dlat / 2) + cos(lat p) cos(lat) sin^2(dlon / 2).
        const double first = u * sin_dlat / 2 +
                             cos_lat_p * (cos_lat * v * sin_dlon / 2 - u * sin_lat * s_lon * s_lon);
        const double second = u * u * cos_dlat / 2 +
                              cos_lat_p * (cos_lat * v * v * cos_dlon / 2 - u * v * sin_lat * sin_dlon -
                                           u * u * cos_lat * s_lon * s_lon);
        if (!(second > 0.0)) {
            return std::nullopt;
        }
        const double next = std::clamp(t - first / second, 0.0, 1.0);
        const double step_m = std::abs(next - t) * length_m;
        if (step_m < 1e-7) {
            const double term = s_lat * s_lat + cos_lat_p * cos_lat * s_lon * s_lon;
            return SegmentMinimum{next, term};
        }
        t = next;
    }
    return std::nullopt;
}

} // namespace

// Newton's method, started at the plane's nearest point, usually settles in
// two or three steps. The golden-section search takes over where it does not.
NearestPoint refine(Position p, const Segment& s) noexcept {
    constexpr double metres_per_degree = geo::earth_radius_m * rad;
    const double length_m = std::hypot(s.b.lon - s.a.lon, s.b.lat - s.a.lat) * metres_per_degree;

    if (length_m == 0.0) {
        return {s.a, geo::haversine_m(p, s.a)};
    }
    if (const std::optional<SegmentMinimum> newton = newton_minimum(p, s, length_m)) {
        const double distance_m = 2.0 * geo::earth_radius_m * std::asin(std::min(1.0, std::sqrt(newton->term)));
        return {interpolate(s, newton->t), distance_m};
    }
    NearestPoint best{interpolate(s, golden_section_t(p, s, length_m)), 0.0};
    best.distance_m = geo::haversine_m(p, best.position);

    // The golden-section bracket never reaches an end exactly, so the ends
    // are compared too.
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

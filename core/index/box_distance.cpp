#include "core/index/box_distance.hpp"

#include "core/geo/small_angle.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numbers>

namespace badung::index {

namespace {

constexpr double rad = std::numbers::pi / 180.0;

// Distance from p to the meridian segment at lon edge, lat south..north.
// On the sphere, cos(d) to a point (edge, phi) is A sin(phi) + B cos(phi)
// with A = sin(lat), B = cos(lat) cos(dlon): a sinusoid in phi peaking at
// phi = atan2(A, B). The nearest point is that peak when it lies in the
// segment, else the end nearer the peak, since within 90 degrees of longitude
// the sinusoid falls away from it on both sides up to the poles.
double meridian_segment_distance_m(geo::LonLat p, double dlon_deg, double edge, double south,
                                   double north) {
    const double dlon = dlon_deg * rad;
    const geo::LatitudeTrig& from = geo::latitude_trig(p.lat);
    const double cos_lat = from.cos;

    const double peak = std::atan2(from.sin, cos_lat * geo::small_angle_cos(dlon)) / rad;
    if (peak < south || peak > north) {
        // Beyond 90 degrees of longitude the sinusoid's trough may lie
        // within -90..90, between the ends, so both ends are candidates.
        if (dlon_deg > 90.0) {
            return std::min(geo::haversine_m(p, {edge, south}), geo::haversine_m(p, {edge, north}));
        }
        return geo::haversine_m(p, {edge, peak < south ? south : north});
    }

    // Distance to the meridian's great circle: asin(cos(lat) sin(dlon)), valid
    // for dlon <= 90 degrees, which holds whenever the peak lies in -90..90.
    return geo::earth_radius_m * geo::small_angle_asin(std::min(1.0, cos_lat * geo::small_angle_sin(dlon)));
}

} // namespace

double detail::min_extent_distance_m(geo::LonLat p, const geo::BBox& box) noexcept {
    // Within the box's longitudes the nearest point is straight north or south.
    if (detail::lon_within(p.lon, box.west, box.east)) {
        const double nearest_lat = std::clamp(p.lat, box.south, box.north);
        return geo::earth_radius_m * std::abs(p.lat - nearest_lat) * rad;
    }

    // Otherwise it lies on the west or the east edge: along a parallel the
    // distance grows with the longitude gap, so no point inside the north or
    // south edge beats the corners, and each point of the edge with the
    // larger gap has a nearer twin at its latitude on the other edge.
    const double west_gap = detail::lon_gap_deg(p.lon, box.west);
    const double east_gap = detail::lon_gap_deg(p.lon, box.east);
    return west_gap <= east_gap ? meridian_segment_distance_m(p, west_gap, box.west, box.south, box.north)
                                : meridian_segment_distance_m(p, east_gap, box.east, box.south, box.north);
}

double haversine_term_of(double distance_m) noexcept {
    const double half_angle = distance_m / (2.0 * geo::earth_radius_m);
    if (!(half_angle < std::numbers::pi / 2)) {
        return 1.0;
    }
    const double s = geo::small_angle_sin(half_angle);
    return s * s;
}

double pruning_term_of(double limit_m, double tol_m) noexcept {
    const double limit = (limit_m + tol_m) / (1.0 - 1e-9) * (1.0 + 1e-9);
    if (!(limit < std::numbers::pi * geo::earth_radius_m)) {
        return std::numeric_limits<double>::infinity();
    }
    return haversine_term_of(limit) * (1.0 + 1e-9);
}

} // namespace badung::index

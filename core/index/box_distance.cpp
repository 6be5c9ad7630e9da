#include "core/index/box_distance.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace badung::index {

namespace {

constexpr double rad = std::numbers::pi / 180.0;

// Longitude difference from lon to edge, folded into 0..180 degrees.
double lon_gap_deg(double lon, double edge) {
    const double d = std::fmod(std::abs(lon - edge), 360.0);
    return d > 180.0 ? 360.0 - d : d;
}

// True when lon (any value) falls within [west, east] modulo 360.
bool lon_within(double lon, double west, double east) {
    const double offset = std::fmod(lon - west, 360.0);
    const double from_west = offset < 0.0 ? offset + 360.0 : offset;
    return from_west <= east - west;
}

// Distance from p to the meridian segment at lon edge, lat south..north.
// On the sphere, cos(d) to a point (edge, phi) is A sin(phi) + B cos(phi)
// with A = sin(lat), B = cos(lat) cos(dlon): a sinusoid in phi peaking at
// phi = atan2(A, B). The nearest point is that peak when it lies in the
// segment, else the end nearer the peak, since within 90 degrees of longitude
// the sinusoid falls away from it on both sides up to the poles.
double meridian_segment_distance_m(geo::LonLat p, double dlon_deg, double edge, double south,
                                   double north) {
    const double dlon = dlon_deg * rad;
    const double lat = p.lat * rad;
    const double cos_lat = std::cos(lat);

    const double peak = std::atan2(std::sin(lat), cos_lat * std::cos(dlon)) / rad;
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
    return geo::earth_radius_m * std::asin(std::min(1.0, cos_lat * std::sin(dlon)));
}

} // namespace

double min_distance_m(geo::LonLat p, const geo::BBox& box) noexcept {
    // Within the box's longitudes the nearest point is straight north or south.
    if (lon_within(p.lon, box.west, box.east)) {
        const double nearest_lat = std::clamp(p.lat, box.south, box.north);
        return geo::earth_radius_m * std::abs(p.lat - nearest_lat) * rad;
    }

    // Otherwise it lies on the west or the east edge: along a parallel the
    // distance grows with the longitude gap, so no point inside the north or
    // south edge beats the corners, and each point of the edge with the
    // larger gap has a nearer twin at its latitude on the other edge.
    const double west_gap = lon_gap_deg(p.lon, box.west);
    const double east_gap = lon_gap_deg(p.lon, box.east);
    return west_gap <= east_gap ? meridian_segment_distance_m(p, west_gap, box.west, box.south, box.north)
                                : meridian_segment_distance_m(p, east_gap, box.east, box.south, box.north);
}

double min_haversine_term(geo::LonLat p, double cos_lat, const geo::BBox& box) noexcept {
    const double dlat = std::max({0.0, box.south - p.lat, p.lat - box.north}) * rad;
    const double dlon = lon_within(p.lon, box.west, box.east)
                            ? 0.0
                            : std::min(lon_gap_deg(p.lon, box.west), lon_gap_deg(p.lon, box.east)) * rad;
    const double far_lat = std::max(std::abs(box.south), std::abs(box.north)) * rad;

    // Half angles lie in 0..pi/2, where x - x^3 / 6 is a positive lower bound of sin x.
    const double half_dlat = dlat / 2;
    const double half_dlon = dlon / 2;
    const double sin_lat = half_dlat - half_dlat * half_dlat * half_dlat / 6;
    const double sin_lon = half_dlon - half_dlon * half_dlon * half_dlon / 6;
    const double cos_box = std::max(0.0, 1.0 - far_lat * far_lat / 2);
    return sin_lat * sin_lat + cos_lat * cos_box * sin_lon * sin_lon;
}

double haversine_term_of(double distance_m) noexcept {
    const double half_angle = distance_m / (2.0 * geo::earth_radius_m);
    if (!(half_angle < std::numbers::pi / 2)) {
        return 1.0;
    }
    const double s = std::sin(half_angle);
    return s * s;
}

} // namespace badung::index

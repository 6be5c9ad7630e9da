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
// segment, else the nearer end.
double meridian_segment_distance_m(geo::LonLat p, double edge, double south, double north) {
    const double dlon = lon_gap_deg(p.lon, edge) * rad;
    const double lat = p.lat * rad;

    const double end_distance = std::min(geo::haversine_m(p, {edge, south}),
                                         geo::haversine_m(p, {edge, north}));

    const double peak = std::atan2(std::sin(lat), std::cos(lat) * std::cos(dlon)) / rad;
    if (peak < south || peak > north) {
        return end_distance;
    }

    // Distance to the meridian's great circle: asin(cos(lat) sin(dlon)), valid
    // for dlon <= 90 degrees, which holds whenever the peak lies in -90..90.
    const double across = std::asin(std::min(1.0, std::cos(lat) * std::sin(dlon)));
    return std::min(end_distance, geo::earth_radius_m * across);
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
    // south edge beats the corners.
    return std::min(meridian_segment_distance_m(p, box.west, box.south, box.north),
                    meridian_segment_distance_m(p, box.east, box.south, box.north));
}

} // namespace badung::index

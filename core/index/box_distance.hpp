#pragma once

#include "core/geo/bbox.hpp"
#include "core/geo/lon_lat.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace badung::index {

// Great-circle distance in metres (sphere of geo::earth_radius_m) from a
// position to the nearest point of a lon/lat box, 0 when the box contains it.
// The box's longitudes lie within -180..180 with west <= east; the position's
// longitude may be any value (it is compared modulo 360). This is the exact
// spherical minimum, so it never exceeds the haversine distance to any
// position inside the box (up to floating-point rounding, which callers that
// prune with it must allow for). For a point box it is geo::haversine_m.
double min_distance_m(geo::LonLat p, const geo::BBox& box) noexcept;

// The haversine term of a distance in metres: 1 at or beyond half the
// Earth's circumference.
double haversine_term_of(double distance_m) noexcept;

// The haversine term above which every item of a box lies beyond limit_m,
// for items whose distance undercuts min_distance_m of their box by at most
// tol_m: a box whose min_haversine_term exceeds it can be skipped. The
// relative margins lie far above the rounding of both bounds. Infinite
// when limit_m reaches half the Earth's circumference.
double pruning_term_of(double limit_m, double tol_m) noexcept;

namespace detail {

// Longitude difference from lon to edge, folded into 0..180 degrees.
// fmod runs only for differences of a full turn or more, where it changes
// the value.
inline double lon_gap_deg(double lon, double edge) noexcept {
    double d = std::abs(lon - edge);
    if (d >= 360.0) {
        d = std::fmod(d, 360.0);
    }
    return d > 180.0 ? 360.0 - d : d;
}

// True when lon (any value) falls within [west, east] modulo 360.
inline bool lon_within(double lon, double west, double east) noexcept {
    double offset = lon - west;
    if (!(std::abs(offset) < 360.0)) {
        offset = std::fmod(offset, 360.0);
    }
    const double from_west = offset < 0.0 ? offset + 360.0 : offset;
    return from_west <= east - west;
}

} // namespace detail

// A lower bound, without trigonometry, of the haversine term
// h = sin^2(dlat / 2) + cos(lat1) cos(lat2) sin^2(dlon / 2) from p to any
// point of the box (distance = 2 R asin(sqrt(h)), so h grows with it).
// cos_lat is cos(p.lat). It uses sin x >= x - x^3 / 6 and
// cos x >= 1 - x^2 / 2, so it lies below the exact term. Inline because
// the kNN traversal calls it for every child of every node it opens.
inline double min_haversine_term(geo::LonLat p, double cos_lat, const geo::BBox& box) noexcept {
    constexpr double rad = std::numbers::pi / 180.0;
    const double dlat = std::max({0.0, box.south - p.lat, p.lat - box.north}) * rad;
    const double dlon = detail::lon_within(p.lon, box.west, box.east)
                            ? 0.0
                            : std::min(detail::lon_gap_deg(p.lon, box.west), detail::lon_gap_deg(p.lon, box.east)) * rad;
    const double far_lat = std::max(std::abs(box.south), std::abs(box.north)) * rad;

    // Half angles lie in 0..pi/2, where x - x^3 / 6 is a positive lower bound of sin x.
    const double half_dlat = dlat / 2;
    const double half_dlon = dlon / 2;
    const double sin_lat = half_dlat - half_dlat * half_dlat * half_dlat / 6;
    const double sin_lon = half_dlon - half_dlon * half_dlon * half_dlon / 6;
    const double cos_box = std::max(0.0, 1.0 - far_lat * far_lat / 2);
    return sin_lat * sin_lat + cos_lat * cos_box * sin_lon * sin_lon;
}

// min_haversine_term for a point box, without the box edge tests. NaN when
// the point is NaN.
inline double min_haversine_term(geo::LonLat p, double cos_lat, geo::LonLat point) noexcept {
    constexpr double rad = std::numbers::pi / 180.0;
    const double half_dlat = std::abs(point.lat - p.lat) * (rad / 2);
    const double half_dlon = detail::lon_gap_deg(p.lon, point.lon) * (rad / 2);
    const double lat = point.lat * rad;

    const double sin_lat = half_dlat - half_dlat * half_dlat * half_dlat / 6;
    const double sin_lon = half_dlon - half_dlon * half_dlon * half_dlon / 6;
    const double cos_point = std::max(0.0, 1.0 - lat * lat / 2);
    return sin_lat * sin_lat + cos_lat * cos_point * sin_lon * sin_lon;
}

// min_haversine_term for a point known by its coordinates rounded to the
// nearest floats. Rounding moves a normal float coordinate c by at most
// |c| * 2^-24, so each gap shrinks by twice that before it is bounded, and
// the result stays below the term of the exact point.
inline double min_haversine_term(geo::LonLat p, double cos_lat, float lon, float lat) noexcept {
    constexpr double rad = std::numbers::pi / 180.0;
    constexpr double rounding = 0x1p-23;
    const double point_lon = lon;
    const double point_lat = lat;
    const double lon_error = std::abs(point_lon) * rounding + 1e-30;
    const double lat_error = std::abs(point_lat) * rounding + 1e-30;
    const double half_dlat = std::max(0.0, std::abs(point_lat - p.lat) - lat_error) * (rad / 2);
    const double half_dlon = std::max(0.0, detail::lon_gap_deg(p.lon, point_lon) - lon_error) * (rad / 2);
    const double far_lat = (std::abs(point_lat) + lat_error) * rad;

    const double sin_lat = half_dlat - half_dlat * half_dlat * half_dlat / 6;
    const double sin_lon = half_dlon - half_dlon * half_dlon * half_dlon / 6;
    const double cos_point = std::max(0.0, 1.0 - far_lat * far_lat / 2);
    return sin_lat * sin_lat + cos_lat * cos_point * sin_lon * sin_lon;
}

} // namespace badung::index

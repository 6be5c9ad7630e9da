#pragma once

#include "core/geo/small_angle.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace badung::geo {

// A WGS84 position in degrees, longitude first (RFC 7946 and OGC CRS84 order).
struct LonLat {
    double lon = 0.0;
    double lat = 0.0;

    friend bool operator==(const LonLat&, const LonLat&) = default;
};

// Mean Earth radius in metres (IUGG), used by every great-circle distance here.
inline constexpr double earth_radius_m = 6'371'008.8;

// Great-circle distance in metres between two positions (haversine formula).
// Inline, because kNN queries refine their candidates by it.
inline double haversine_m(LonLat a, LonLat b) noexcept {
    constexpr double rad = std::numbers::pi / 180.0;
    const double dlat = (b.lat - a.lat) * rad;
    const double dlon = (b.lon - a.lon) * rad;

    // cos(a.lat) cos(b.lat) equals cos^2(mean lat) - sin^2(dlat / 2), and
    // the mean latitude is a.lat + dlat / 2, whose cosine comes from a.lat's
    // (remembered across calls) and the half gap's. Rounding may take the
    // product below 0 next to a pole, hence the clamp.
    const double sin_dlat = small_angle_sin(dlat / 2);
    const double sin_dlon = small_angle_sin(dlon / 2);
    const LatitudeTrig& from = latitude_trig(a.lat);
    const double cos_mean = from.cos * small_angle_cos(dlat / 2) - from.sin * sin_dlat;
    const double cos_product = std::max(0.0, cos_mean * cos_mean - sin_dlat * sin_dlat);
    const double h = sin_dlat * sin_dlat + cos_product * sin_dlon * sin_dlon;

    return 2.0 * earth_radius_m * small_angle_asin(std::min(1.0, std::sqrt(h)));
}

} // namespace badung::geo

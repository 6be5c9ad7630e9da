#pragma once

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
double haversine_m(LonLat a, LonLat b) noexcept;

} // namespace badung::geo

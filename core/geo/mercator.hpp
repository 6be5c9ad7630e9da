#pragma once

#include "core/geo/lon_lat.hpp"

namespace badung::geo {

// Spherical Web Mercator (EPSG:3857) in normalised world units: x and y run
// from 0 to 1, x east from lon -180 and y south from lat +max_latitude, as in
// XYZ tiles. Multiply by the world size in pixels (512 * 2^zoom, MapLibre's
// tile size) to get pixels.
struct WorldPoint {
    double x = 0.0;
    double y = 0.0;
};

// Latitude where Web Mercator's square world ends, in degrees.
inline constexpr double max_latitude = 85.051128779806604;

// Converts a position to world units. Latitudes beyond max_latitude are clamped.
WorldPoint to_world(LonLat p) noexcept;

// Converts world units back to a position; x outside 0..1 gives longitudes
// outside -180..180 (a world copy), which the caller may wrap.
LonLat from_world(WorldPoint w) noexcept;

// Web Mercator metres (EPSG:3857 easting and northing).
struct Mercator {
    double x = 0.0;
    double y = 0.0;
};

Mercator to_mercator_m(LonLat p) noexcept;
LonLat from_mercator_m(Mercator m) noexcept;

// Wraps a longitude into [-180, 180).
double wrap_lon(double lon) noexcept;

} // namespace badung::geo

#pragma once

#include "core/geo/bbox.hpp"
#include "core/geo/lon_lat.hpp"

namespace badung::index {

// Great-circle distance in metres (sphere of geo::earth_radius_m) from a
// position to the nearest point of a lon/lat box, 0 when the box contains it.
// The box's longitudes lie within -180..180 with west <= east; the position's
// longitude may be any value (it is compared modulo 360). This is the exact
// spherical minimum, so it never exceeds the haversine distance to any
// position inside the box (up to floating-point rounding, which callers that
// prune with it must allow for).
double min_distance_m(geo::LonLat p, const geo::BBox& box) noexcept;

} // namespace badung::index

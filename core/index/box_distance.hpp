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

// A lower bound, without trigonometry, of the haversine term
// h = sin^2(dlat / 2) + cos(lat1) cos(lat2) sin^2(dlon / 2) from p to any
// point of the box (distance = 2 R asin(sqrt(h)), so h grows with it).
// cos_lat is cos(p.lat). It uses sin x >= x - x^3 / 6 and
// cos x >= 1 - x^2 / 2, so it lies below the exact term.
double min_haversine_term(geo::LonLat p, double cos_lat, const geo::BBox& box) noexcept;

// The haversine term of a distance in metres: 1 at or beyond half the
// Earth's circumference.
double haversine_term_of(double distance_m) noexcept;

} // namespace badung::index

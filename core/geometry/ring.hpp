#pragma once

#include "core/geojson/geometry.hpp"

#include <cstdint>

namespace badung::geometry {

// Location of a position relative to a ring.
enum class RingLocation : std::uint8_t { outside, boundary, inside };

// Distance in degrees within which a position counts as on a ring's edge:
// 1e-9 degrees is about 0.1 mm on the ground.
inline constexpr double boundary_tolerance_deg = 1e-9;

// Locates a position relative to a ring in plane lon/lat coordinates (even-odd
// crossing rule). A position within boundary_tolerance_deg of an edge is on the
// boundary. The ring may be open or closed; a ring with fewer than 3
// positions has no inside.
RingLocation locate_in_ring(geojson::Position p, const geojson::LinearRing& ring) noexcept;

// Signed area of a ring in square degrees, shoelace formula: positive when
// the ring runs counterclockwise (lon east, lat north), negative when clockwise.
double signed_ring_area(const geojson::LinearRing& ring) noexcept;

} // namespace badung::geometry

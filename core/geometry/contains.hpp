#pragma once

#include "core/geojson/geometry.hpp"

namespace badung::geometry {

// Point-in-polygon in plane lon/lat coordinates.
//
// Boundary rule: a position on an edge of the exterior ring or of a hole
// (within boundary_tolerance_deg, about 0.1 mm) counts as inside, so a
// position on the border between two adjacent polygons is inside both.
// A position strictly inside a hole is outside.
bool polygon_contains(const geojson::Polygon& polygon, geojson::Position p) noexcept;

// True when any polygon of the geometry contains p: Polygon, MultiPolygon and
// the polygons among GeometryCollection members, at any nesting depth.
// Points and lines contain nothing.
bool contains(const geojson::Geometry& geometry, geojson::Position p) noexcept;

} // namespace badung::geometry

#pragma once

#include "core/geojson/geometry.hpp"

#include <vector>

namespace badung::geojson {

// An interior ring removed from a polygon, by its index as read.
struct HoleRemoval {
    int polygon = -1; // index within a MultiPolygon, -1 for a Polygon
    int ring = 0;
};

// Removes every interior ring that lies outside its polygon's exterior ring
// (no position strictly inside it, at least one strictly outside), so fills
// and point-in-polygon ignore it. Recurses into GeometryCollection members.
// Returns the removed rings.
// NOTE: a hole that crosses the exterior ring (positions both inside and
// outside) is kept as it is.
std::vector<HoleRemoval> remove_holes_outside_shell(Geometry& geometry);

} // namespace badung::geojson

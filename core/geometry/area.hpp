#pragma once

#include "core/geojson/geometry.hpp"

namespace badung::geometry {

// Area of a polygon in square degrees (plane lon/lat, as the fills are
// tessellated): the exterior ring's area minus every hole's area, whatever
// the rings' winding. Never negative: holes larger than their exterior ring
// (invalid input) give 0.
double polygon_area(const geojson::Polygon& polygon) noexcept;

// Sum of the areas of every polygon in a geometry, GeometryCollection members
// included, in square degrees. Points and lines have no area.
double area(const geojson::Geometry& geometry) noexcept;

} // namespace badung::geometry

#pragma once

#include "core/geojson/geometry.hpp"

#include <vector>

namespace badung::query {

// A straight segment in plane lon/lat, as drawn and as geometry::contains
// treats ring edges.
struct Segment {
    geojson::Position a;
    geojson::Position b;
};

// True when the closed segments share at least one point, or come within
// geometry::boundary_tolerance_deg (about 0.1 mm) of each other: touching
// ends, a corner touched in passing and collinear overlaps are included.
bool segments_intersect(const Segment& s, const Segment& t) noexcept;

// True when the segments cross at one point that is interior to both: the
// ends of each lie strictly on opposite sides of the other, and no end lies
// within geometry::boundary_tolerance_deg of the other segment.
bool segments_cross(const Segment& s, const Segment& t) noexcept;

// Every polygon of a geometry (Polygon, MultiPolygon and GeometryCollection
// members at any depth).
std::vector<const geojson::Polygon*> polygons_of(const geojson::Geometry& geometry);

// Every position of a geometry, ring positions included.
std::vector<geojson::Position> positions_of(const geojson::Geometry& geometry);

// Every segment of a geometry's lines and polygon rings.
std::vector<Segment> segments_of(const geojson::Geometry& geometry);

} // namespace badung::query

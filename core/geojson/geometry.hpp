#pragma once

#include "core/geo/bbox.hpp"
#include "core/geo/lon_lat.hpp"

#include <cstdint>
#include <string_view>
#include <vector>

namespace badung::geojson {

using Position = geo::LonLat;
using LineString = std::vector<Position>;
using LinearRing = std::vector<Position>;

// A polygon as read: rings[0] is the exterior ring and every later ring a
// hole. Ring position decides what is a hole, never the winding, because
// RFC 7946 section 3.1.6 lets parsers accept either winding. Rings are
// closed (last == first).
struct Polygon {
    std::vector<LinearRing> rings;
};

enum class GeometryType : std::uint8_t {
    point,
    multi_point,
    line_string,
    multi_line_string,
    polygon,
    multi_polygon,
    geometry_collection,
};

// The RFC 7946 name of a type ("Point", "MultiPolygon", ...).
std::string_view to_string(GeometryType type) noexcept;

// One RFC 7946 geometry. Only the member that fits the type is used:
// points for Point/MultiPoint, lines for LineString/MultiLineString,
// polygons for Polygon/MultiPolygon, members for GeometryCollection (in input
// order; a nested collection stays nested). A geometry whose coordinates are
// empty (RFC 7946 section 3.1) is kept, and empty() reports it.
struct Geometry {
    GeometryType type = GeometryType::point;
    std::vector<Position> points;
    std::vector<LineString> lines;
    std::vector<Polygon> polygons;
    std::vector<Geometry> members;

    // True when the geometry contains no position at all.
    bool empty() const noexcept;

    // The box around every position; empty() when there is none.
    geo::BBox bbox() const noexcept;
};

} // namespace badung::geojson

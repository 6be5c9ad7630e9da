#include "core/geojson/geometry.hpp"

namespace badung::geojson {

std::string_view to_string(GeometryType type) noexcept {
    switch (type) {
    case GeometryType::point:
        return "Point";
    case GeometryType::multi_point:
        return "MultiPoint";
    case GeometryType::line_string:
        return "LineString";
    case GeometryType::multi_line_string:
        return "MultiLineString";
    case GeometryType::polygon:
        return "Polygon";
    case GeometryType::multi_polygon:
        return "MultiPolygon";
    case GeometryType::geometry_collection:
        return "GeometryCollection";
    }
    return "Unknown";
}

bool Geometry::empty() const noexcept {
    if (!points.empty()) {
        return false;
    }
    for (const LineString& line : lines) {
        if (!line.empty()) {
            return false;
        }
    }
    for (const Polygon& polygon : polygons) {
        for (const LinearRing& ring : polygon.rings) {
            if (!ring.empty()) {
                return false;
            }
        }
    }
    for (const Geometry& member : members) {
        if (!member.empty()) {
            return false;
        }
    }
    return true;
}

geo::BBox Geometry::bbox() const noexcept {
    geo::BBox box;
    for (const Position& p : points) {
        box.extend(p);
    }
    for (const LineString& line : lines) {
        for (const Position& p : line) {
            box.extend(p);
        }
    }
    for (const Polygon& polygon : polygons) {
        // Holes lie inside the exterior ring, so the exterior alone gives the box.
        if (!polygon.rings.empty()) {
            for (const Position& p : polygon.rings.front()) {
                box.extend(p);
            }
        }
    }
    for (const Geometry& member : members) {
        box.extend(member.bbox());
    }
    return box;
}

} // namespace badung::geojson

#include "core/mvt/to_geojson.hpp"

#include "core/geo/mercator.hpp"

#include <rapidjson/internal/dtoa.h>

#include <cmath>
#include <cstdio>
#include <string>

namespace badung::mvt {
namespace {

std::string double_text(double v) {
    if (!std::isfinite(v)) {
        return "null"; // JSON has no NaN or infinity
    }
    char buffer[32];
    char* end = rapidjson::internal::dtoa(v, buffer);
    return std::string(buffer, end);
}

std::string float_text(float v) {
    if (!std::isfinite(v)) {
        return "null";
    }
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.9g", static_cast<double>(v));
    return buffer;
}

geojson::Value number(std::string text) {
    geojson::Value out;
    out.kind = text == "null" ? geojson::Value::Kind::null : geojson::Value::Kind::number;
    out.text = out.kind == geojson::Value::Kind::null ? std::string() : std::move(text);
    return out;
}

std::vector<geo::LonLat> to_positions(const std::vector<TilePoint>& points, std::uint32_t extent,
                                      geo::TileId tile) {
    std::vector<geo::LonLat> out;
    out.reserve(points.size());
    for (const TilePoint& p : points) {
        out.push_back(to_lon_lat(p, extent, tile));
    }
    return out;
}

geojson::Geometry to_geometry(const TileGeometry& g, GeomType type, std::uint32_t extent,
                              geo::TileId tile) {
    geojson::Geometry out;
    if (type == GeomType::point) {
        out.type = g.points.size() == 1 ? geojson::GeometryType::point
                                        : geojson::GeometryType::multi_point;
        out.points = to_positions(g.points, extent, tile);
    } else if (type == GeomType::linestring) {
        out.type = g.lines.size() == 1 ? geojson::GeometryType::line_string
                                       : geojson::GeometryType::multi_line_string;
        for (const TileLine& line : g.lines) {
            out.lines.push_back(to_positions(line, extent, tile));
        }
    } else {
        out.type = g.polygons.size() == 1 ? geojson::GeometryType::polygon
                                          : geojson::GeometryType::multi_polygon;
        for (const TilePolygon& polygon : g.polygons) {
            geojson::Polygon& p = out.polygons.emplace_back();
            for (const TileRing& ring : polygon.rings) {
                p.rings.push_back(to_positions(ring, extent, tile));
            }
        }
    }
    return out;
}

} // namespace

geo::LonLat to_lon_lat(TilePoint p, std::uint32_t extent, geo::TileId tile) noexcept {
    const double tiles = std::ldexp(1.0, tile.z);
    const double e = static_cast<double>(extent);
    const geo::WorldPoint w{(tile.x + static_cast<double>(p.x) / e) / tiles,
                            (tile.y + static_cast<double>(p.y) / e) / tiles};
    return geo::from_world(w);
}

geojson::Value to_geojson(const Value& value) {
    geojson::Value out;
    switch (value.type) {
    case Value::Type::string:
        out.kind = geojson::Value::Kind::string;
        out.text = value.string;
        return out;
    case Value::Type::boolean:
        out.kind = geojson::Value::Kind::boolean;
        out.boolean = value.boolean;
        return out;
    case Value::Type::float_: return number(float_text(static_cast<float>(value.number)));
    case Value::Type::double_: return number(double_text(value.number));
    case Value::Type::int_:
    case Value::Type::sint: return number(std::to_string(value.integer));
    case Value::Type::uint: return number(std::to_string(value.unsigned_integer));
    }
    return out;
}

geojson::Feature to_geojson(const Feature& feature, std::uint32_t extent, geo::TileId tile) {
    geojson::Feature out;
    if (feature.id) {
        out.id = number(std::to_string(*feature.id));
    }
    for (const auto& [key, value] : feature.properties) {
        out.properties.emplace_back(key, to_geojson(value));
    }
    if (feature.type != GeomType::unknown) {
        out.geometry = to_geometry(feature.geometry, feature.type, extent, tile);
    }
    out.source_index = feature.source_index;
    return out;
}

} // namespace badung::mvt

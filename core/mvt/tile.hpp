#pragma once

#include "core/mvt/error.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace badung::mvt {

// A property value in one of the seven types of the specification.
struct Value {
    enum class Type : std::uint8_t { string, float_, double_, int_, uint, sint, boolean };

    Type type = Type::string;
    std::string string;       // for Type::string
    double number = 0.0;      // for float_ and double_
    std::int64_t integer = 0; // for int_ and sint
    std::uint64_t unsigned_integer = 0; // for uint
    bool boolean = false;     // for boolean

    friend bool operator==(const Value&, const Value&) = default;
};

// A position in tile coordinates (0..extent, y down). Kept 64-bit: deltas of
// a broken or hostile tile may leave the int32 range without overflowing.
struct TilePoint {
    std::int64_t x = 0;
    std::int64_t y = 0;

    friend bool operator==(const TilePoint&, const TilePoint&) = default;
};

using TileLine = std::vector<TilePoint>;
using TileRing = std::vector<TilePoint>; // closed: last == first

// rings[0] is the exterior ring (positive area, y down), the rest holes.
struct TilePolygon {
    std::vector<TileRing> rings;

    friend bool operator==(const TilePolygon&, const TilePolygon&) = default;
};

enum class GeomType : std::uint8_t { unknown = 0, point = 1, linestring = 2, polygon = 3 };

// Decoded geometry: points for point features, lines for linestrings,
// polygons for polygons (split by ring winding). All empty for UNKNOWN.
struct TileGeometry {
    std::vector<TilePoint> points;
    std::vector<TileLine> lines;
    std::vector<TilePolygon> polygons;

    friend bool operator==(const TileGeometry&, const TileGeometry&) = default;
};

struct Feature {
    std::optional<std::uint64_t> id;
    GeomType type = GeomType::unknown;
    std::vector<std::pair<std::string, Value>> properties; // in tag order
    TileGeometry geometry;

    // Position of the feature in its layer as encoded (dropped ones counted).
    std::size_t source_index = 0;
};

struct Layer {
    std::uint32_t version = 2;
    std::string name;
    std::uint32_t extent = 4096;
    std::vector<std::string> keys;
    std::vector<Value> values;
    std::vector<Feature> features; // only the features that decoded
};

// A decoded tile: its layers in tile order and the recoverable problems
// (each of which lost one feature, or names a duplicate layer).
struct Tile {
    std::vector<Layer> layers;
    std::vector<Problem> problems;
};

} // namespace badung::mvt

#pragma once

// Internal to the GeoJSON reader: turns one RapidJSON geometry object into a
// Geometry, or reports why the feature holding it must be dropped.

#include "core/geojson/geometry.hpp"

#include <rapidjson/document.h>

#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace badung::geojson::detail {

// A fault that drops the feature: a stable code, the ring index (-1 when no
// ring is meant), the polygon index within a MultiPolygon (-1 otherwise) and
// a sentence naming the problem and the value.
struct GeometryFault : std::runtime_error {
    GeometryFault(std::string code_, std::string reason, int ring_ = -1)
        : std::runtime_error(std::move(reason)), code(std::move(code_)), ring(ring_) {}

    std::string code;
    int ring = -1;
    int polygon = -1;
};

// A remark that keeps the feature, such as a nested GeometryCollection.
struct GeometryNote {
    std::string code;
    std::string message;
};

// Deepest GeometryCollection nesting accepted; deeper input is a fault.
inline constexpr int max_collection_depth = 16;

// Reads an RFC 7946 geometry object. Throws GeometryFault on a broken
// geometry; appends remarks that keep it to notes.
Geometry read_geometry(const rapidjson::Value& json, std::vector<GeometryNote>& notes,
                       int depth = 0);

} // namespace badung::geojson::detail

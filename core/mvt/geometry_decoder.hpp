#pragma once

#include "core/mvt/tile.hpp"

#include <cstdint>
#include <vector>

namespace badung::mvt {

// A geometry that is wrong in a way the specification treats as fatal for
// the tile (bad command, count or parameters), or only for its feature.
struct GeometryProblem {
    ErrorKind kind = ErrorKind::command;
    std::string message;
    bool fatal = true;
};

// Decodes the command integers of one feature (specification 4.3) into
// tile coordinates. Polygons are split where a ring of positive area (y
// down) starts; a feature whose first ring has negative area is read with
// the winding reversed, and its rings stored with the specification's.
// Zero-area rings are skipped; a polygon of nothing else is a problem. Never allocates more than the integers given can hold: a
// command count is checked against the parameters left before any reserve.
// Returns the problem instead of a geometry when the commands are invalid.
struct GeometryResult {
    TileGeometry geometry;
    std::optional<GeometryProblem> problem;
};
GeometryResult decode_geometry(GeomType type, const std::vector<std::uint32_t>& commands);

// Twice the signed area of a closed ring by the surveyor's formula, in tile
// coordinates (positive for an exterior ring, y down).
long double ring_area2(const TileRing& ring) noexcept;

} // namespace badung::mvt

#pragma once

#include "core/geo/bbox.hpp"
#include "core/geo/lon_lat.hpp"

#include <cstdint>
#include <vector>

namespace badung::geo {

// An XYZ tile address (the slippy-map scheme: y grows southward).
struct TileId {
    std::uint8_t z = 0;
    std::uint32_t x = 0;
    std::uint32_t y = 0;

    friend bool operator==(const TileId&, const TileId&) = default;
    friend auto operator<=>(const TileId&, const TileId&) = default;
};

// Largest zoom the tile math accepts.
inline constexpr int max_tile_zoom = 22;

// True when z is within 0..max_tile_zoom and x, y within 0..2^z - 1.
bool is_valid(TileId t) noexcept;

// The tile containing a position at zoom z (positions on the east or south
// edge of the world go to the last tile). Longitudes outside -180..180 are
// wrapped and latitudes beyond max_latitude clamped.
// Precondition: 0 <= z <= max_tile_zoom.
TileId tile_at(LonLat p, int z) noexcept;

// The lon/lat bounds of a tile.
BBox tile_bounds(TileId t) noexcept;

// The parent tile one zoom up. Precondition: t.z > 0.
TileId parent(TileId t) noexcept;

// The tiles at zoom z covering a lon/lat box, row by row from the north-west
// tile. An empty box gives no tiles; a box edge on a tile border also takes
// the tile beyond it. Throws std::invalid_argument when z is outside
// 0..max_tile_zoom, and std::length_error when more than 2^20 tiles would
// be returned.
std::vector<TileId> tiles_covering(const BBox& box, int z);

// Row in the TMS scheme (MBTiles), which counts y northward.
std::uint32_t flip_y(TileId t) noexcept;

} // namespace badung::geo

#pragma once

#include "core/camera/camera.hpp"
#include "core/geo/tile.hpp"

#include <vector>

namespace badung::camera {

// The tile source's zoom range and the margin a view fetches around itself.
struct CoverOptions {
    int min_zoom = 0;        // the tile source's zoom range
    int max_zoom = 22;
    double margin_px = 0.0;  // extra CSS pixels around the viewport
};

// The tile zoom for a camera zoom: floor(zoom) (tiles of the 512-pixel
// world are drawn between 512 and 1,024 pixels wide), clamped to the
// source's range. Past max_zoom the max_zoom tiles are drawn scaled up.
int cover_zoom(double zoom, const CoverOptions& options) noexcept;

// The tiles at cover_zoom() that cover the viewport plus margin_px on
// each side, nearest to the view centre first. Tiles outside the world's
// rows and columns are left out. Throws std::length_error when more than
// 4,096 tiles would be needed (a margin far larger than the viewport).
std::vector<geo::TileId> covering_tiles(const Camera& camera, const CoverOptions& options);

} // namespace badung::camera

#pragma once
// Mapbox Vector Tiles of the built layers, written into one MBTiles file with
// GDAL's MBTiles (MVT) driver.

#include <filesystem>
#include <string>
#include <vector>

#include "catalog_writer.hpp"

namespace badung::geodata {

/// Zoom range of the tile pyramid.
inline constexpr int kTileMinZoom = 8;
inline constexpr int kTileMaxZoom = 16;

/// The first zoom a layer's tiles hold it: coarse boundaries, land and water
/// from kTileMinZoom, desa and lines from 10, dense point layers from 12.
int layer_min_zoom(const LayerSpec& layer);

/// Writes `out`/badung.mbtiles (replacing it) from the GeoJSON of every built
/// layer: MVT 2.1, extent 4096, zooms 8 to 16, simplified per zoom, with a tile
/// buffer, and metadata (name, bounds, center, minzoom, maxzoom, json with
/// vector_layers). Throws InputError naming the file when GDAL fails.
std::string write_vector_tiles(const std::filesystem::path& out, const std::vector<BuiltLayer>& layers);

}  // namespace badung::geodata

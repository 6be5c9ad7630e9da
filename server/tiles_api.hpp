#pragma once

#include "server/config.hpp"

#include <filesystem>

namespace httplib {
class Server;
} // namespace httplib

namespace badung::cityd {

// Registers the vector tile API of the tileset in `mbtiles` (named by its
// file stem, "badung"):
//   GET /tiles/badung.json            TileJSON 3.0.0 with an absolute tile URL
//   GET /tiles/badung/{z}/{x}/{y}.mvt a Mapbox Vector Tile (XYZ rows)
// A tile with no data, or outside the tileset's zooms, gets 204; a z
// outside 0..22 or an x or y that is not an integer within 0..2^z - 1
// gets 400 with an OGC API exception. When the file cannot be opened
// both answer 404 and one log line names the file.
void register_tile_routes(httplib::Server& http, const std::filesystem::path& mbtiles, const Config& config);

} // namespace badung::cityd

#include "core/geo/tile.hpp"

#include "core/geo/mercator.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>

namespace badung::geo {

namespace {

std::uint32_t tiles_per_side(int z) noexcept {
    return std::uint32_t{1} << z;
}

// Returns the column or row of a world coordinate (0..1) among n tiles. Values on or
// beyond the far edge go to the last tile, NaN and negatives to the first.
std::uint32_t tile_index(double world, std::uint32_t n) noexcept {
    const double scaled = std::floor(world * n);
    if (!(scaled >= 0.0)) {
        return 0;
    }
    if (scaled >= static_cast<double>(n - 1)) {
        return n - 1;
    }
    return static_cast<std::uint32_t>(scaled);
}

// Upper bound on tiles_covering's output, so a box at a high zoom cannot
// allocate without limit: the whole world at zoom 10.
constexpr std::uint64_t max_covering_tiles = std::uint64_t{1} << 20;

} // namespace

bool is_valid(TileId t) noexcept {
    if (t.z > max_tile_zoom) {
        return false;
    }
    const std::uint32_t n = tiles_per_side(t.z);
    return t.x < n && t.y < n;
}

TileId tile_at(LonLat p, int z) noexcept {
    const std::uint32_t n = tiles_per_side(z);
    const double lon = p.lon == 180.0 ? p.lon : wrap_lon(p.lon);
    const WorldPoint w = to_world({lon, p.lat});
    return {static_cast<std::uint8_t>(z), tile_index(w.x, n), tile_index(w.y, n)};
}

BBox tile_bounds(TileId t) noexcept {
    const double n = tiles_per_side(t.z);
    const LonLat north_west = from_world({t.x / n, t.y / n});
    const LonLat south_east = from_world({(t.x + 1) / n, (t.y + 1) / n});
    return {north_west.lon, south_east.lat, south_east.lon, north_west.lat};
}

TileId parent(TileId t) noexcept {
    return {static_cast<std::uint8_t>(t.z - 1), t.x / 2, t.y / 2};
}

std::vector<TileId> tiles_covering(const BBox& box, int z) {
    if (z < 0 || z > max_tile_zoom) {
        throw std::invalid_argument("tiles_covering: zoom " + std::to_string(z) +
                                    " is outside 0.." + std::to_string(max_tile_zoom));
    }
    if (box.empty()) {
        return {};
    }

    // NOTE: a box crossing the antimeridian is not split in two; longitudes
    // beyond -180..180 are clamped to the world's edge.
    const TileId north_west = tile_at({std::clamp(box.west, -180.0, 180.0), box.north}, z);
    const TileId south_east = tile_at({std::clamp(box.east, -180.0, 180.0), box.south}, z);
    // 64-bit because the count at zoom 22 overflows a 32-bit size_t (wasm32).
    const std::uint64_t columns = south_east.x - north_west.x + 1;
    const std::uint64_t rows = south_east.y - north_west.y + 1;
    if (columns * rows > max_covering_tiles) {
        throw std::length_error("tiles_covering: " + std::to_string(columns * rows) +
                                " tiles at zoom " + std::to_string(z) +
                                " exceed the limit of " +
                                std::to_string(max_covering_tiles) + "; use a lower zoom");
    }

    std::vector<TileId> tiles;
    tiles.reserve(static_cast<std::size_t>(columns * rows));
    for (std::uint32_t y = north_west.y; y <= south_east.y; ++y) {
        for (std::uint32_t x = north_west.x; x <= south_east.x; ++x) {
            tiles.push_back({static_cast<std::uint8_t>(z), x, y});
        }
    }
    return tiles;
}

std::uint32_t flip_y(TileId t) noexcept {
    return tiles_per_side(t.z) - 1 - t.y;
}

} // namespace badung::geo

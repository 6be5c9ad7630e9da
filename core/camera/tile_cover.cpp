#include "core/camera/tile_cover.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>

namespace badung::camera {

namespace {

constexpr std::size_t max_cover_tiles = 4096;

} // namespace

int cover_zoom(double zoom, const CoverOptions& options) noexcept {
    const int z = static_cast<int>(std::floor(zoom + 1e-9));
    return std::clamp(z, options.min_zoom, options.max_zoom);
}

std::vector<geo::TileId> covering_tiles(const Camera& camera, const CoverOptions& options) {
    const int z = cover_zoom(camera.zoom(), options);
    const double n = std::exp2(z);
    const double margin = std::max(0.0, options.margin_px);

    const geo::WorldPoint top_left = camera.unproject_world({-margin, -margin});
    const geo::WorldPoint bottom_right =
        camera.unproject_world({camera.width() + margin, camera.height() + margin});
    const double last = n - 1.0;
    const double x0 = std::clamp(std::floor(top_left.x * n), 0.0, last);
    const double y0 = std::clamp(std::floor(top_left.y * n), 0.0, last);
    const double x1 = std::clamp(std::floor(bottom_right.x * n), 0.0, last);
    const double y1 = std::clamp(std::floor(bottom_right.y * n), 0.0, last);

    const double count = (x1 - x0 + 1.0) * (y1 - y0 + 1.0);
    if (count > static_cast<double>(max_cover_tiles)) {
        throw std::length_error("covering_tiles: the view needs " +
                                std::to_string(static_cast<long long>(count)) +
                                " tiles at zoom " + std::to_string(z) + ", more than " +
                                std::to_string(max_cover_tiles) + ": use a smaller margin");
    }

    std::vector<geo::TileId> tiles;
    for (auto y = static_cast<std::uint32_t>(y0); y <= static_cast<std::uint32_t>(y1); ++y) {
        for (auto x = static_cast<std::uint32_t>(x0); x <= static_cast<std::uint32_t>(x1); ++x) {
            tiles.push_back({static_cast<std::uint8_t>(z), x, y});
        }
    }

    // Nearest first, so the centre of the view loads before its edges.
    const geo::WorldPoint c = camera.center_world();
    const auto distance = [&](const geo::TileId& t) {
        const double dx = (t.x + 0.5) / n - c.x;
        const double dy = (t.y + 0.5) / n - c.y;
        return dx * dx + dy * dy;
    };
    std::stable_sort(tiles.begin(), tiles.end(), [&](const geo::TileId& a, const geo::TileId& b) {
        return distance(a) < distance(b);
    });
    return tiles;
}

} // namespace badung::camera

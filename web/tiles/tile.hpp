#pragma once

#include "core/geo/tile.hpp"
#include "core/mvt/tile.hpp"
#include "web/tiles/tile_geometry.hpp"
#include "web/render/style.hpp"
#include "web/tiles/tile_mesh.hpp"

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace badung::web::tiles {

// The stage of a tile on its way from the server to the GPU.
enum class TileState : std::uint8_t {
    loading,  // the fetch is running
    decoding, // fetched; being decoded and tessellated, a slice a frame
    ready,    // drawable
    empty,    // the server has no data here (204): nothing to draw
    failed,   // the fetch or the decoding failed; see error
};

const char* to_string(TileState state) noexcept;

// One tile of the pyramid and everything the cache holds for it.
struct Tile {
    geo::TileId id;
    TileState state = TileState::loading;
    int request = 0;       // fetch request number while loading
    std::string body;      // fetched bytes until decoded
    std::string error;     // why it failed

    // Fetches of this tile that failed in a row, and when the next one
    // starts (emscripten_get_now() milliseconds), negative when the failure
    // is permanent (an HTTP 4xx other than 408 and 429, or a broken tile).
    int failed_fetches = 0;
    double retry_at_ms = -1.0;

    std::unique_ptr<mvt::Tile> data;       // decoded, kept for renderedFeatures
    std::unique_ptr<TileBuilder> builder;  // while decoding
    std::unique_ptr<TileMesh> mesh;        // once ready

    // Per-feature fill colours of layers whose style fill depends on the
    // feature, by layer id, for the style and zoom they were evaluated at.
    mutable std::map<std::string, std::vector<render::Color>> fill_colors;
    mutable double fill_colors_zoom = -1.0;
    mutable const void* fill_colors_style = nullptr;

    std::uint64_t last_used = 0;           // frame it was last wanted or drawn
    std::size_t data_bytes = 0;            // estimate of the decoded data

    // Bytes of GPU buffers and decoded data together.
    std::size_t byte_size() const noexcept {
        return body.size() + data_bytes + (mesh ? mesh->byte_size() : 0);
    }
    // True when the tile can stand in its area (ready or known empty).
    bool drawable() const noexcept {
        return state == TileState::ready || state == TileState::empty;
    }
};

// One tile drawn for one area: `tile` may be an ancestor (scaled up and
// clipped) or a descendant of `clip`, the tile area on screen it fills.
struct DrawItem {
    const Tile* tile = nullptr;
    geo::TileId clip;
};

} // namespace badung::web::tiles

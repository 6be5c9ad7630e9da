#pragma once

#include "web/tiles/tile_geometry.hpp"

#include <GLES3/gl3.h>

#include <string_view>
#include <vector>

namespace badung::web::tiles {

// The GPU buffers of one tile: a vertex array object each for fills, line
// segments and point symbols, with 32-bit index buffers. Needs a current
// WebGL2 context for its whole life; frees its buffers when destroyed.
class TileMesh {
public:
    explicit TileMesh(const TileGeometry& geometry);
    ~TileMesh();

    TileMesh(const TileMesh&) = delete;
    TileMesh& operator=(const TileMesh&) = delete;

    GLuint fill_array() const noexcept { return arrays_[0]; }
    GLuint line_array() const noexcept { return arrays_[1]; }
    GLuint point_array() const noexcept { return arrays_[2]; }

    // The ranges of a tile layer, or nullptr when the tile has no such layer.
    const LayerRanges* layer(std::string_view name) const noexcept;

    // Bytes held in GPU buffers.
    std::size_t byte_size() const noexcept { return byte_size_; }
    // Vertices of fills, line quads and point quads together.
    std::size_t vertex_count() const noexcept { return vertex_count_; }

private:
    GLuint arrays_[3] = {0, 0, 0};
    GLuint buffers_[6] = {0, 0, 0, 0, 0, 0};
    std::vector<LayerRanges> layers_;
    std::size_t byte_size_ = 0;
    std::size_t vertex_count_ = 0;
};

} // namespace badung::web::tiles

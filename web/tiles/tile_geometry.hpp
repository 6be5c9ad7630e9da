#pragma once

#include "core/mvt/tile.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace badung::web::tiles {

// Tile geometry is stored in units of a 4096-unit tile (layers of another
// extent are scaled), y down, buffer included.
inline constexpr double tile_units = 4096.0;

// A run of indices in one of a tile's index buffers.
struct IndexRange {
    std::uint32_t first = 0;
    std::uint32_t count = 0;
};

// The fill triangles of one polygon feature, with the key that picks its
// palette colour (from its "id" property, so it is the same in every tile).
struct FeatureFill {
    IndexRange range;
    std::uint64_t key = 0;
    std::uint32_t feature = 0; // index in the decoded tile layer's features
};

// The index ranges of one tile layer in the tile's buffers.
struct LayerRanges {
    std::string name;
    std::size_t source_layer = 0; // index in the decoded tile's layers
    IndexRange fill;
    IndexRange line;
    IndexRange point;
    std::vector<FeatureFill> fills; // polygon features in tile order
};

// The drawable form of one tile, built on the CPU: indexed triangles for
// fills (x, y), line segment quads (start x, y, end x, y, corner along,
// side) and point quads (x, y, corner x, y). Indices are 32-bit, so one
// tile may hold any number of vertices.
struct TileGeometry {
    std::vector<float> fill_vertices;
    std::vector<std::uint32_t> fill_indices;
    std::vector<float> line_vertices;
    std::vector<std::uint32_t> line_indices;
    std::vector<float> point_vertices;
    std::vector<std::uint32_t> point_indices;
    std::vector<LayerRanges> layers;

    std::size_t byte_size() const noexcept;
};

inline constexpr int floats_per_fill_vertex = 2;
inline constexpr int floats_per_line_vertex = 6;
inline constexpr int floats_per_point_vertex = 4;

// Builds a tile's geometry a few features at a time, so a large tile is
// spread over several frames instead of stalling one.
class TileBuilder {
public:
    // Keeps a reference: `tile` must outlive the builder.
    explicit TileBuilder(const mvt::Tile& tile);

    // Adds features until `out_of_time()` returns true (checked after each
    // feature) or the tile is done; returns true when done.
    template <typename Clock>
    bool step(Clock out_of_time) {
        while (!done()) {
            add_next_feature();
            if (out_of_time()) {
                break;
            }
        }
        return done();
    }

    bool done() const noexcept { return layer_ >= tile_.layers.size(); }

    // The geometry built so far (all of it once done()).
    TileGeometry take() { return std::move(out_); }

private:
    void add_next_feature();
    void open_layer();
    void close_layer();
    void add_polygon(const mvt::TilePolygon& polygon, double scale, std::uint64_t key);
    std::uint32_t feature_index() const noexcept { return static_cast<std::uint32_t>(feature_); }
    void add_line(const std::vector<mvt::TilePoint>& line, double scale);
    void add_point(mvt::TilePoint point, double scale);

    const mvt::Tile& tile_;
    TileGeometry out_;
    std::size_t layer_ = 0;
    std::size_t feature_ = 0;
    bool layer_open_ = false;
};

} // namespace badung::web::tiles

#pragma once

#include "core/camera/camera.hpp"
#include "core/style/style.hpp"
#include "web/gl/program.hpp"
#include "web/map/map_layer.hpp"
#include "web/tiles/tile.hpp"

#include <vector>

namespace badung::web::tiles {

// The screen placement of a tile for a camera.
struct TileTransform {
    double origin_x = 0.0; // top-left corner, CSS pixels from the canvas's
    double origin_y = 0.0;
    double unit = 0.0;     // CSS pixels per tile unit

    static TileTransform of(geo::TileId id, const camera::Camera& camera);
    double size() const noexcept { return unit * tile_units; }
};

// Draws the vector tiles of the pyramid with the catalog layers' styles,
// layer by layer (bottom first). Each tile of a layer is clipped by scissor
// to the tile area it fills, so ancestors stand in for loading tiles and
// the tile buffers never draw twice. Needs a current WebGL2 context.
// NOTE: line segments overlap at their round joins, so a translucent line
// (desa, rute-bus) is a little darker where segments meet; a stencil pass
// per line layer would blend it once.
class TileRenderer {
public:
    TileRenderer();

    // Clears to the background colour and draws the visible layers from the
    // tiles. With a map style, fills whose colour or filter depends on the
    // feature are evaluated per tile feature (and cached per tile and zoom).
    void draw(const camera::Camera& camera, double pixel_ratio,
              const std::vector<const map::MapLayer*>& layers, const std::vector<DrawItem>& items,
              const style::Style* map_style, render::Color background);

private:
    struct Pass;

    void draw_layer(const map::MapLayer& layer, const Pass& pass) const;
    void draw_fills(const map::MapLayer& layer, const Pass& pass) const;
    const std::vector<render::Color>& fill_colors(const Tile& tile, const LayerRanges& ranges,
                                                  const map::MapLayer& layer, const Pass& pass) const;
    void draw_lines(const map::MapLayer& layer, const Pass& pass, render::Color color,
                    float width) const;
    void draw_points(const map::MapLayer& layer, const Pass& pass) const;
    bool clip_to(const DrawItem& item, const Pass& pass) const;
    void set_tile(const gl::Program& program, const DrawItem& item, const Pass& pass) const;

    gl::Program fill_program_;
    gl::Program line_program_;
    gl::Program circle_program_;
};

} // namespace badung::web::tiles

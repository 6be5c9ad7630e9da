#include "web/tiles/tile_renderer.hpp"

#include "core/style/feature_view.hpp"
#include "web/gl/shader_sources.hpp"
#include "web/render/map_style.hpp"

#include <algorithm>
#include <cmath>

namespace badung::web::tiles {

namespace {

// Point symbols shrink to 75 % below zoom 10 and reach full size at zoom 13,
// as in the GeoJSON renderer.
float symbol_scale(double zoom) {
    return static_cast<float>(std::clamp(0.75 + (zoom - 10.0) * 0.25 / 3.0, 0.75, 1.0));
}

void set_color(GLint location, render::Color c) {
    glUniform4f(location, c.r, c.g, c.b, c.a);
}

// True when a fill layer of the style draws catalog layer `id` at `zoom`
// with a filter or a feature-dependent colour or opacity.
bool fill_is_per_feature(const style::Style& map_style, const std::string& id, double zoom) {
    for (const style::Layer* layer : map_style.layers_of(id)) {
        if (layer->type == style::LayerType::fill && layer->shows_at(zoom) &&
            (layer->filter.has_value() || layer->paint_is_feature_dependent("fill-color") ||
             layer->paint_is_feature_dependent("fill-opacity"))) {
            return true;
        }
    }
    return false;
}

const void* index_offset(std::uint32_t first) {
    return reinterpret_cast<const void*>(static_cast<std::uintptr_t>(first) * sizeof(std::uint32_t));
}

void draw_range(IndexRange range) {
    if (range.count > 0) {
        glDrawElements(GL_TRIANGLES, static_cast<GLsizei>(range.count), GL_UNSIGNED_INT,
                       index_offset(range.first));
    }
}

} // namespace

TileTransform TileTransform::of(geo::TileId id, const camera::Camera& camera) {
    const double n = std::exp2(id.z);
    const camera::ScreenPoint origin = camera.project(geo::WorldPoint{id.x / n, id.y / n});
    return {origin.x, origin.y, camera.world_size() / n / tile_units};
}

struct TileRenderer::Pass {
    const camera::Camera& camera;
    double pixel_ratio;
    int canvas_height; // device pixels
    float symbol_scale;
    const std::vector<DrawItem>& items;
    const style::Style* map_style;
};

TileRenderer::TileRenderer()
    : fill_program_("tile_fill", shaders::tile_fill_vert, shaders::fill_frag),
      line_program_("tile_line", shaders::tile_line_vert, shaders::line_frag),
      circle_program_("tile_circle", shaders::tile_circle_vert, shaders::circle_frag) {}

// Scissors to the clip tile's area in device pixels, rounded the same way
// for neighbours so they meet without gap or overlap. False when the area
// is off screen.
bool TileRenderer::clip_to(const DrawItem& item, const Pass& pass) const {
    const TileTransform clip = TileTransform::of(item.clip, pass.camera);
    const double r = pass.pixel_ratio;
    const long left = std::lround(clip.origin_x * r);
    const long top = std::lround(clip.origin_y * r);
    const long right = std::lround((clip.origin_x + clip.size()) * r);
    const long bottom = std::lround((clip.origin_y + clip.size()) * r);
    const long width_px = std::lround(pass.camera.width() * r);
    if (right <= 0 || bottom <= 0 || left >= width_px || top >= pass.canvas_height) {
        return false;
    }
    const long x0 = std::max(0L, left);
    const long y0 = std::max(0L, top);
    const long x1 = std::min(width_px, right);
    const long y1 = std::min(static_cast<long>(pass.canvas_height), bottom);
    glScissor(static_cast<GLint>(x0), static_cast<GLint>(pass.canvas_height - y1),
              static_cast<GLsizei>(x1 - x0), static_cast<GLsizei>(y1 - y0));
    return true;
}

void TileRenderer::set_tile(const gl::Program& program, const DrawItem& item,
                            const Pass& pass) const {
    const TileTransform t = TileTransform::of(item.tile->id, pass.camera);
    glUniform2f(program.uniform("u_origin"), static_cast<float>(t.origin_x),
                static_cast<float>(t.origin_y));
    glUniform1f(program.uniform("u_unit"), static_cast<float>(t.unit));
}

void TileRenderer::draw_fills(const map::MapLayer& layer, const Pass& pass) const {
    const render::LayerStyle& style = layer.style;
    fill_program_.use();
    glUniform2f(fill_program_.uniform("u_viewport"), static_cast<float>(pass.camera.width()),
                static_cast<float>(pass.camera.height()));
    const GLint color = fill_program_.uniform("u_color");
    set_color(color, style.fill_color);
    const bool per_feature = pass.map_style != nullptr &&
                             fill_is_per_feature(*pass.map_style, layer.id, pass.camera.zoom());

    for (const DrawItem& item : pass.items) {
        const LayerRanges* ranges = item.tile->mesh ? item.tile->mesh->layer(layer.id) : nullptr;
        if (ranges == nullptr || ranges->fill.count == 0 || !clip_to(item, pass)) {
            continue;
        }
        set_tile(fill_program_, item, pass);
        glBindVertexArray(item.tile->mesh->fill_array());
        if (per_feature) {
            const std::vector<render::Color>& colors = fill_colors(*item.tile, *ranges, layer, pass);
            for (std::size_t i = 0; i < ranges->fills.size() && i < colors.size(); ++i) {
                if (colors[i].a > 0.0F) {
                    set_color(color, colors[i]);
                    draw_range(ranges->fills[i].range);
                }
            }
            continue;
        }
        if (!style.fill_palette) {
            draw_range(ranges->fill);
            continue;
        }
        for (const FeatureFill& fill : ranges->fills) {
            set_color(color, render::palette_color(static_cast<std::size_t>(fill.key), 0.55F));
            draw_range(fill.range);
        }
    }
}

const std::vector<render::Color>& TileRenderer::fill_colors(const Tile& tile, const LayerRanges& ranges,
                                                           const map::MapLayer& layer,
                                                           const Pass& pass) const {
    // Colours change little within 1/64 of a zoom level, as in the app's
    // layer styles.
    const double zoom = pass.camera.zoom();
    if (tile.fill_colors_style != pass.map_style || std::fabs(zoom - tile.fill_colors_zoom) >= 1.0 / 64.0) {
        tile.fill_colors.clear();
        tile.fill_colors_style = pass.map_style;
        tile.fill_colors_zoom = zoom;
    }
    auto [it, added] = tile.fill_colors.try_emplace(layer.id);
    if (!added || !tile.data || ranges.source_layer >= tile.data->layers.size()) {
        return it->second;
    }
    const mvt::Layer& source = tile.data->layers[ranges.source_layer];
    for (const FeatureFill& fill : ranges.fills) {
        const style::MvtFeatureView feature(source.features.at(fill.feature));
        it->second.push_back(render::feature_fill_color(*pass.map_style, layer.id, zoom, feature)
                                 .value_or(render::Color{0.0F, 0.0F, 0.0F, 0.0F}));
    }
    return it->second;
}

void TileRenderer::draw_lines(const map::MapLayer& layer, const Pass& pass, render::Color color,
                              float width) const {
    if (width <= 0.0F) {
        return;
    }
    line_program_.use();
    glUniform2f(line_program_.uniform("u_viewport"), static_cast<float>(pass.camera.width()),
                static_cast<float>(pass.camera.height()));
    glUniform1f(line_program_.uniform("u_pixel_ratio"), static_cast<float>(pass.pixel_ratio));
    glUniform1f(line_program_.uniform("u_half_width"), width / 2.0F);
    set_color(line_program_.uniform("u_color"), color);

    for (const DrawItem& item : pass.items) {
        const LayerRanges* ranges = item.tile->mesh ? item.tile->mesh->layer(layer.id) : nullptr;
        if (ranges == nullptr || ranges->line.count == 0 || !clip_to(item, pass)) {
            continue;
        }
        set_tile(line_program_, item, pass);
        glBindVertexArray(item.tile->mesh->line_array());
        draw_range(ranges->line);
    }
}

void TileRenderer::draw_points(const map::MapLayer& layer, const Pass& pass) const {
    const render::LayerStyle& style = layer.style;
    const float radius = style.circle_radius * (style.scale_symbols ? pass.symbol_scale : 1.0F);
    if (radius <= 0.0F) {
        return;
    }
    circle_program_.use();
    glUniform2f(circle_program_.uniform("u_viewport"), static_cast<float>(pass.camera.width()),
                static_cast<float>(pass.camera.height()));
    glUniform1f(circle_program_.uniform("u_pixel_ratio"), static_cast<float>(pass.pixel_ratio));
    glUniform1f(circle_program_.uniform("u_radius"), radius);
    // A thinner white ring on small symbols keeps their colour visible.
    glUniform1f(circle_program_.uniform("u_stroke_width"), radius >= 4.0F ? 1.2F : 0.8F);
    set_color(circle_program_.uniform("u_color"), style.circle_color);
    set_color(circle_program_.uniform("u_stroke_color"), render::rgb(0xFFFFFF));

    for (const DrawItem& item : pass.items) {
        const LayerRanges* ranges = item.tile->mesh ? item.tile->mesh->layer(layer.id) : nullptr;
        if (ranges == nullptr || ranges->point.count == 0 || !clip_to(item, pass)) {
            continue;
        }
        set_tile(circle_program_, item, pass);
        glBindVertexArray(item.tile->mesh->point_array());
        draw_range(ranges->point);
    }
}

void TileRenderer::draw_layer(const map::MapLayer& layer, const Pass& pass) const {
    const render::LayerStyle& style = layer.style;
    if (style.fill) {
        draw_fills(layer, pass);
    }
    draw_lines(layer, pass, style.casing_color, style.casing_width);
    draw_lines(layer, pass, style.stroke_color, style.stroke_width);
    draw_points(layer, pass);
}

void TileRenderer::draw(const camera::Camera& camera, double pixel_ratio,
                        const std::vector<const map::MapLayer*>& layers,
                        const std::vector<DrawItem>& items, const style::Style* map_style,
                        render::Color background) {
    const int canvas_height = static_cast<int>(std::lround(camera.height() * pixel_ratio));
    const Pass pass{camera, pixel_ratio, canvas_height, symbol_scale(camera.zoom()), items, map_style};

    glClearColor(background.r, background.g, background.b, 1.0F);
    glDisable(GL_SCISSOR_TEST);
    glClear(GL_COLOR_BUFFER_BIT);
    glDisable(GL_DEPTH_TEST);
    glDisable(GL_CULL_FACE);
    glEnable(GL_BLEND);
    glBlendFuncSeparate(GL_SRC_ALPHA, GL_ONE_MINUS_SRC_ALPHA, GL_ONE, GL_ONE_MINUS_SRC_ALPHA);
    glEnable(GL_SCISSOR_TEST);

    for (const map::MapLayer* layer : layers) {
        if (layer->visible) {
            draw_layer(*layer, pass);
        }
    }

    glDisable(GL_SCISSOR_TEST);
    glBindVertexArray(0);
}

} // namespace badung::web::tiles

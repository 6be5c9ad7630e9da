#include "web/render/map_style.hpp"

#include "core/geo/tile.hpp"
#include "core/style/feature_view.hpp"

#include <algorithm>
#include <cmath>

namespace badung::web::render {

namespace {

using style::LayerType;

float as_float(double value) {
    return static_cast<float>(value);
}

std::optional<Color> layer_fill_color(const style::Layer& layer, double zoom, const style::FeatureView& feature) {
    if (!layer.matches(feature, zoom)) {
        return std::nullopt;
    }
    return to_render_color(layer.paint_color("fill-color", zoom, &feature),
                           layer.paint_number("fill-opacity", zoom, &feature));
}

// One colour per feature: the fill colour where the filter passes, else
// transparent.
std::vector<Color> feature_fill_colors(const style::Layer& layer, double zoom,
                                       const geojson::FeatureCollection& data) {
    std::vector<Color> colors;
    colors.reserve(data.features.size());
    for (const geojson::Feature& feature : data.features) {
        const style::GeojsonFeatureView view(feature);
        colors.push_back(layer_fill_color(layer, zoom, view).value_or(Color{0.0F, 0.0F, 0.0F, 0.0F}));
    }
    return colors;
}

void apply_fill(const style::Layer& layer, double zoom, const geojson::FeatureCollection& data, LayerStyle& out) {
    out.fill = true;
    out.fill_palette = false;
    const bool per_feature = layer.filter.has_value() || layer.paint_is_feature_dependent("fill-color") ||
                             layer.paint_is_feature_dependent("fill-opacity");
    if (per_feature) {
        out.feature_fill_colors = feature_fill_colors(layer, zoom, data);
    } else {
        out.fill_color = to_render_color(layer.paint_color("fill-color", zoom), layer.paint_number("fill-opacity", zoom));
    }
}

void apply_circle(const style::Layer& layer, double zoom, LayerStyle& out) {
    out.circle_color =
        to_render_color(layer.paint_color("circle-color", zoom), layer.paint_number("circle-opacity", zoom));
    out.circle_radius = as_float(layer.paint_number("circle-radius", zoom));
}

} // namespace

Color to_render_color(const style::Color& color, double opacity) {
    return {color.r, color.g, color.b, static_cast<float>(color.a * std::clamp(opacity, 0.0, 1.0))};
}

std::optional<int> style_rank(const style::Style& map_style, const std::string& layer_id) {
    for (std::size_t i = 0; i < map_style.layers.size(); ++i) {
        if (map_style.layers[i].source_layer == layer_id) {
            return static_cast<int>(i);
        }
    }
    return std::nullopt;
}

std::optional<LayerStyle> evaluate_layer_style(const style::Style& map_style, const std::string& layer_id,
                                               double zoom, const geojson::FeatureCollection& data) {
    const std::vector<const style::Layer*> layers = map_style.layers_of(layer_id);
    if (layers.empty()) {
        return std::nullopt;
    }
    LayerStyle out;
    out.rank = style_rank(map_style, layer_id).value_or(0);
    out.scale_symbols = false;

    std::vector<const style::Layer*> lines;
    for (const style::Layer* layer : layers) {
        if (!layer->shows_at(zoom)) {
            continue;
        }
        switch (layer->type) {
        case LayerType::fill:
            apply_fill(*layer, zoom, data, out);
            break;
        case LayerType::line:
            lines.push_back(layer);
            break;
        case LayerType::circle:
            apply_circle(*layer, zoom, out);
            break;
        default:
            break; // background has no source; symbols are drawn by the label pass
        }
    }

    if (!lines.empty()) {
        const style::Layer& stroke = *lines.back();
        out.stroke_color =
            to_render_color(stroke.paint_color("line-color", zoom), stroke.paint_number("line-opacity", zoom));
        out.stroke_width = as_float(stroke.paint_number("line-width", zoom));
    }
    if (lines.size() >= 2) {
        const style::Layer& casing = *lines.front();
        out.casing_color =
            to_render_color(casing.paint_color("line-color", zoom), casing.paint_number("line-opacity", zoom));
        out.casing_width = as_float(casing.paint_number("line-width", zoom));
    }
    return out;
}

std::optional<Color> feature_fill_color(const style::Style& map_style, const std::string& layer_id, double zoom,
                                        const style::FeatureView& feature) {
    for (const style::Layer* layer : map_style.layers_of(layer_id)) {
        if (layer->type == LayerType::fill && layer->shows_at(zoom)) {
            return layer_fill_color(*layer, zoom, feature);
        }
    }
    return std::nullopt;
}

std::optional<Color> main_color(const LayerStyle& style) {
    if (style.circle_radius > 0.0F && style.circle_color.a > 0.0F) {
        return style.circle_color;
    }
    for (const Color& color : style.feature_fill_colors) {
        if (color.a > 0.0F) {
            return color;
        }
    }
    if (style.fill && style.fill_palette) {
        return palette_color(0, 1.0F);
    }
    if (style.fill && style.fill_color.a > 0.0F) {
        return style.fill_color;
    }
    if (style.stroke_width > 0.0F && style.stroke_color.a > 0.0F) {
        return style.stroke_color;
    }
    if (style.casing_width > 0.0F && style.casing_color.a > 0.0F) {
        return style.casing_color;
    }
    return std::nullopt;
}

std::optional<Color> legend_color(const style::Style& map_style, const std::string& layer_id, double zoom,
                                  const geojson::FeatureCollection& data) {
    const auto at = [&](double z) -> std::optional<Color> {
        const std::optional<LayerStyle> evaluated = evaluate_layer_style(map_style, layer_id, z, data);
        return evaluated ? main_color(*evaluated) : std::nullopt;
    };
    if (const std::optional<Color> color = at(zoom)) {
        return color;
    }
    // Whole zooms by distance from `zoom`, the lower one first.
    const int centre = std::clamp(static_cast<int>(std::lround(zoom)), 0, geo::max_tile_zoom);
    for (int step = 0; step <= geo::max_tile_zoom; ++step) {
        const int lower = centre - step;
        const int upper = centre + step;
        if (lower >= 0) {
            if (const std::optional<Color> color = at(lower)) {
                return color;
            }
        }
        if (step > 0 && upper <= geo::max_tile_zoom) {
            if (const std::optional<Color> color = at(upper)) {
                return color;
            }
        }
    }
    return std::nullopt;
}

Color background_color(const style::Style& map_style, double zoom) {
    for (const style::Layer& layer : map_style.layers) {
        if (layer.type == LayerType::background && layer.shows_at(zoom)) {
            return to_render_color(layer.paint_color("background-color", zoom),
                                   layer.paint_number("background-opacity", zoom));
        }
    }
    return sea_color;
}

} // namespace badung::web::render

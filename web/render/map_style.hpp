#pragma once

#include "core/geojson/reader.hpp"
#include "core/style/style.hpp"
#include "web/render/style.hpp"

#include <optional>
#include <string>

namespace badung::web::render {

// Converts a colour of the style module to the renderer's.
Color to_render_color(const style::Color& color, double opacity = 1.0);

// The draw rank of a catalog layer under the map style: the position of the
// first style layer that draws it, or nothing when none does.
std::optional<int> style_rank(const style::Style& map_style, const std::string& layer_id);

// The LayerStyle of catalog layer `layer_id` at `zoom`, evaluated from the
// style layers whose source-layer is that id. The fill comes from the fill
// layer, the stroke from the last line layer, the casing from an earlier
// line layer and the circle from the circle layer. A layer outside its
// minzoom/maxzoom contributes nothing.
// Data-driven fill colours and fill filters are evaluated per feature of
// `data`. Nothing when no style layer draws the layer.
// NOTE: filters and data-driven values apply to fills only; lines and
// circles take the whole layer's value at the zoom.
std::optional<LayerStyle> evaluate_layer_style(const style::Style& map_style, const std::string& layer_id,
                                               double zoom, const geojson::FeatureCollection& data);

// The fill colour of one feature of catalog layer `layer_id` at `zoom`
// (a GeoJSON feature, or a vector tile feature through style::MvtFeatureView),
// with data-driven fill-color and fill-opacity evaluated for it. Nothing
// when no fill layer of the style draws the layer at this zoom or its filter
// leaves the feature out.
std::optional<Color> feature_fill_color(const style::Style& map_style, const std::string& layer_id, double zoom,
                                        const style::FeatureView& feature);

// The colour of catalog layer `layer_id` in the layer list: its circle,
// fill or line colour at `zoom`. When the style does not draw the layer
// there, the colour comes from the nearest whole zoom (0 to 22) where it
// does. Nothing when no style layer draws it at any zoom.
std::optional<Color> legend_color(const style::Style& map_style, const std::string& layer_id, double zoom,
                                  const geojson::FeatureCollection& data);

// The colour a LayerStyle draws with most: the circle's, the fill's (the
// first visible feature colour of a data-driven fill), the line's, or
// nothing when it draws nothing visible.
std::optional<Color> main_color(const LayerStyle& style);

// The background colour at `zoom`: the first visible background layer's
// colour, else sea_color.
Color background_color(const style::Style& map_style, double zoom);

} // namespace badung::web::render

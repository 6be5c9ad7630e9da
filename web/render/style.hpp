#pragma once

#include <array>
#include <string>
#include <vector>

namespace badung::web::render {

// Straight (not premultiplied) RGBA, each channel 0..1.
struct Color {
    float r = 0.0F;
    float g = 0.0F;
    float b = 0.0F;
    float a = 1.0F;
};

// Color from 0xRRGGBB and an opacity.
constexpr Color rgb(unsigned hex, float alpha = 1.0F) {
    return {static_cast<float>((hex >> 16U) & 0xFFU) / 255.0F,
            static_cast<float>((hex >> 8U) & 0xFFU) / 255.0F,
            static_cast<float>(hex & 0xFFU) / 255.0F, alpha};
}

// The drawing style of one layer. Widths and radii are in CSS pixels, and a
// width of 0 turns that part off.
struct LayerStyle {
    // Draw order: lower ranks are drawn first, so higher ranks are on top
    // and win picking.
    int rank = 100;

    bool fill = false;
    Color fill_color;
    // When set, each polygon feature takes the next colour of a palette, so
    // neighbouring areas (kecamatan) stand apart.
    bool fill_palette = false;

    // Outlines of polygons and the lines of line features.
    Color stroke_color;
    float stroke_width = 0.0F;
    Color casing_color;
    float casing_width = 0.0F;

    Color circle_color;
    float circle_radius = 0.0F;
    // False when circle_radius already holds the radius for the zoom (from
    // the map style), so the renderer must not scale it again.
    bool scale_symbols = true;

    // When not empty, the fill colour of each feature, in feature order: a
    // data-driven fill-color, with a transparent colour for features the
    // style layer's filter leaves out. Overrides fill_color and fill_palette.
    std::vector<Color> feature_fill_colors;
};

// Point categories of the facility layers, which pick the symbol colour.
// Returns the catalog's category when it is one of pendidikan, kesehatan,
// ibadah, pantai, transportasi, else the category the layer id implies, else "".
std::string facility_category(const std::string& layer_id, const std::string& category);

// The style of a catalog layer, from its id, category and geometry type
// ("Point", "LineString", "Polygon" or their Multi forms).
LayerStyle style_for(const std::string& layer_id, const std::string& category,
                     const std::string& geometry_type);

// Colour i of the palette used for fill_palette layers (cycles).
Color palette_color(std::size_t index, float alpha);

// The sea: the clear colour behind land.
inline constexpr Color sea_color = rgb(0xA9CFE0);

} // namespace badung::web::render

#include "web/render/style.hpp"

#include <array>
#include <string_view>

namespace badung::web::render {

namespace {

Color category_color(std::string_view category) {
    if (category == "pendidikan") {
        return rgb(0x2F5BD3);
    }
    if (category == "kesehatan") {
        return rgb(0xD7263D);
    }
    if (category == "ibadah") {
        return rgb(0x8E3CB8);
    }
    if (category == "pantai") {
        return rgb(0xE8A317);
    }
    if (category == "transportasi") {
        return rgb(0x1E9E5A);
    }
    return rgb(0x555555);
}

// The marker colour of a point layer: its category's, except for layers that
// share a category with another layer and need a colour of their own.
Color point_color(std::string_view layer_id, std::string_view category) {
    if (layer_id == "faskes-osm") {
        return rgb(0xCC79A7); // pink: OSM clinics and pharmacies beside the red faskes
    }
    return category_color(category);
}

bool is_polygon_type(std::string_view type) {
    return type == "Polygon" || type == "MultiPolygon";
}

bool is_line_type(std::string_view type) {
    return type == "LineString" || type == "MultiLineString";
}

LayerStyle known_layer_style(std::string_view id, bool& known) {
    known = true;
    LayerStyle s;
    if (id == "bali") {
        // Bali's regencies as land under the OSM land layer, which is cut
        // to a box around Badung; without it the map would end in sea.
        s.rank = -1;
        s.fill = true;
        s.fill_color = rgb(0xF4F1E8);
        s.stroke_color = rgb(0xC9C2B0);
        s.stroke_width = 0.8F;
    } else if (id == "daratan") {
        s.rank = 0;
        s.fill = true;
        s.fill_color = rgb(0xF4F1E8);
    } else if (id == "perairan" || id == "air") {
        s.rank = 1;
        s.fill = true;
        s.fill_color = rgb(0xA9CFE0);
    } else if (id == "kabupaten") {
        // Below kecamatan and desa, so a click inside picks the most
        // specific area (a desa) rather than the whole kabupaten.
        s.rank = 2;
        s.stroke_color = rgb(0x4B2E83);
        s.stroke_width = 3.5F;
    } else if (id == "kecamatan") {
        s.rank = 3;
        s.fill = true;
        s.fill_palette = true;
        s.stroke_color = rgb(0x6A4C93);
        s.stroke_width = 1.6F;
    } else if (id == "desa") {
        s.rank = 4;
        s.stroke_color = rgb(0x8C7AA8, 0.8F);
        s.stroke_width = 0.7F;
    } else if (id == "garis-pantai") {
        s.rank = 6;
        s.stroke_color = rgb(0x5E9CB8);
        s.stroke_width = 1.0F;
    } else if (id == "jalan") {
        s.rank = 7;
        s.casing_color = rgb(0xB89A5A);
        s.casing_width = 3.0F;
        s.stroke_color = rgb(0xFFF4C9);
        s.stroke_width = 1.6F;
    } else if (id == "rute-bus") {
        s.rank = 8;
        // Vermilion, unlike the blue schools and the green bus stops.
        s.stroke_color = rgb(0xD55E00, 0.85F);
        s.stroke_width = 2.5F;
    } else {
        known = false;
    }
    return s;
}

} // namespace

std::string facility_category(const std::string& layer_id, const std::string& category) {
    constexpr std::array<std::string_view, 5> categories{"pendidikan", "kesehatan", "ibadah",
                                                         "pantai", "transportasi"};
    for (const std::string_view known : categories) {
        if (category == known) {
            return category;
        }
    }

    if (layer_id == "sekolah") {
        return "pendidikan";
    }
    if (layer_id == "faskes") {
        return "kesehatan";
    }
    if (layer_id == "ibadah") {
        return "ibadah";
    }
    if (layer_id == "pantai") {
        return "pantai";
    }
    if (layer_id == "halte") {
        return "transportasi";
    }
    return "";
}

LayerStyle style_for(const std::string& layer_id, const std::string& category,
                     const std::string& geometry_type) {
    bool known = false;
    LayerStyle s = known_layer_style(layer_id, known);
    if (known) {
        return s;
    }

    // Unknown layers fall back on their geometry type: areas under lines
    // under points, points on top in catalog order.
    if (is_polygon_type(geometry_type)) {
        s.rank = 2;  // with the kabupaten boundary, under kecamatan and desa
        s.fill = true;
        s.fill_color = rgb(0xC8D7B4, 0.6F);
        s.stroke_color = rgb(0x7D8C6A);
        s.stroke_width = 0.8F;
    } else if (is_line_type(geometry_type)) {
        s.rank = 9;
        s.stroke_color = rgb(0x6D6D6D);
        s.stroke_width = 1.2F;
    } else {
        // A point layer may also hold areas or lines (a beach as a polygon):
        // those take the category colour too.
        const Color color = point_color(layer_id, facility_category(layer_id, category));
        s.rank = 10;
        s.circle_color = color;
        s.circle_radius = 4.5F;
        s.fill = true;
        s.fill_color = {color.r, color.g, color.b, 0.35F};
        s.stroke_color = color;
        s.stroke_width = 1.2F;
    }
    return s;
}

// Area fills avoid blues and teals, so no kecamatan reads as water or sea.
Color palette_color(std::size_t index, float alpha) {
    constexpr std::array<unsigned, 8> palette{0xF6C28B, 0xA8D5A2, 0xF4A6B7, 0xE6D3A3,
                                              0xD9C3F0, 0xF9E29C, 0xD4E09B, 0xE8B9A0};
    return rgb(palette[index % palette.size()], alpha);
}

} // namespace badung::web::render

#include "web/labels/label_layer.hpp"

#include "core/glyphs/glyph_pbf.hpp"
#include "core/labels/label_geometry.hpp"
#include "core/labels/placement.hpp"
#include "core/style/feature_view.hpp"
#include "web/gl/shader_sources.hpp"
#include "web/json_writer.hpp"

#include <emscripten.h>

#include <algorithm>
#include <array>
#include <cstddef>
#include <cmath>
#include <functional>
#include <map>
#include <set>

namespace badung::web::labels {

namespace {

using badung::labels::LabelCandidate;
using badung::labels::LabelKind;
using badung::labels::Point;

// Line height of a label box in ems, and where the middle of capitals
// sits below a line's top in ems (Noto Sans).
constexpr double line_height_em = 1.2;
constexpr double caps_middle_em = 0.73;

// While the view zooms, a placement that took longer than this is scaled
// instead of redone each frame (redone every `replace_interval_ms`).
constexpr double costly_place_ms = 4.0;
constexpr double replace_interval_ms = 200.0;

// Added to the rank of a label placed last time: more than any area or
// line length in CSS pixels.
constexpr double kept_label_bonus = 1e15;

std::array<std::uint8_t, 4> to_bytes(style::Color c) {
    const auto byte = [](float v) { return static_cast<std::uint8_t>(std::lround(std::clamp(v, 0.0F, 1.0F) * 255.0F)); };
    return {byte(c.r), byte(c.g), byte(c.b), byte(c.a)};
}

std::string text_of(const style::Value& value) {
    if (value.is_null()) {
        return {};
    }
    if (const std::string* text = value.as_string()) {
        return *text;
    }
    return style::to_display(value);
}

std::string to_utf8(const std::u32string& text) {
    std::string out;
    for (const char32_t c : text) {
        if (c < 0x80) {
            out.push_back(static_cast<char>(c));
        } else if (c < 0x800) {
            out.push_back(static_cast<char>(0xC0 | (c >> 6)));
            out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
        } else if (c < 0x10000) {
            out.push_back(static_cast<char>(0xE0 | (c >> 12)));
            out.push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
            out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
        } else {
            out.push_back(static_cast<char>(0xF0 | (c >> 18)));
            out.push_back(static_cast<char>(0x80 | ((c >> 12) & 0x3F)));
            out.push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
            out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
        }
    }
    return out;
}

double layout_number(const style::Layer& layer, std::string_view name, double zoom,
                     const style::FeatureView& feature, double fallback) {
    const style::Value value = layer.layout_value(name, zoom, &feature);
    const double* number = value.as_number();
    return number != nullptr && std::isfinite(*number) ? *number : fallback;
}

std::string layout_string(const style::Layer& layer, std::string_view name, double zoom,
                          const style::FeatureView& feature, std::string fallback) {
    const style::Value value = layer.layout_value(name, zoom, &feature);
    const std::string* text = value.as_string();
    return text != nullptr ? *text : fallback;
}

// The fontstack: the text-font names joined by commas, as in glyph URLs.
std::string fontstack_of(const style::Layer& layer, double zoom, const style::FeatureView& feature) {
    const style::Value value = layer.layout_value("text-font", zoom, &feature);
    std::string stack;
    if (const auto* fonts = value.as_array()) {
        for (const style::Value& font : *fonts) {
            if (const std::string* name = font.as_string()) {
                stack += (stack.empty() ? "" : ",") + *name;
            }
        }
    }
    return stack.empty() ? "Noto Sans Regular" : stack;
}

// The pair of numbers of an array property (text-offset), else zeros.
Point layout_pair(const style::Layer& layer, std::string_view name, double zoom, const style::FeatureView& feature) {
    const style::Value value = layer.layout_value(name, zoom, &feature);
    const auto* items = value.as_array();
    if (items == nullptr || items->size() != 2 || (*items)[0].as_number() == nullptr ||
        (*items)[1].as_number() == nullptr) {
        return {};
    }
    return {*(*items)[0].as_number(), *(*items)[1].as_number()};
}

LabelKind kind_of(const style::Layer& layer, bool along_line) {
    if (layer.source_layer == "kecamatan") {
        return LabelKind::kecamatan;
    }
    if (layer.source_layer == "desa") {
        return LabelKind::desa;
    }
    return along_line ? LabelKind::road : LabelKind::facility;
}

} // namespace

struct LabelLayer::Vertex {
    float anchor[2];
    float offset[2];
    float texel[2];
    std::uint8_t color[4];
    std::uint8_t halo_color[4];
    float halo[2];
};

// Gathers the label candidates of one placement.
struct LabelLayer::Builder {
    struct Label {
        LabelCandidate box;
        PlacedLabel placed;
        std::vector<Vertex> vertices;
    };

    GlyphStore& glyphs;
    geo::WorldPoint origin;
    double world_size;
    double zoom;
    std::map<std::string, Label> unique; // polygon and point labels by key
    std::vector<Label> lines;

    // The text's paint for one feature.
    struct Paint {
        std::array<std::uint8_t, 4> color;
        std::array<std::uint8_t, 4> halo_color;
        float halo_width;
        float font_scale;
    };

    Point to_pixels(const tiles::Tile& tile, std::uint32_t extent, mvt::TilePoint p) const {
        const double n = std::exp2(tile.id.z);
        const double wx = (tile.id.x + static_cast<double>(p.x) / extent) / n;
        const double wy = (tile.id.y + static_cast<double>(p.y) / extent) / n;
        return {(wx - origin.x) * world_size, (wy - origin.y) * world_size};
    }

    void add_quad(std::vector<Vertex>& out, Point anchor, const AtlasGlyph& glyph, double x0, double y0,
                  double angle, const Paint& paint) const {
        const double s = paint.font_scale;
        const int w = glyph.metrics.width + 2 * glyphs::glyph_buffer;
        const int h = glyph.metrics.height + 2 * glyphs::glyph_buffer;
        const double c = std::cos(angle);
        const double sn = std::sin(angle);
        const auto corner = [&](double u, double v) {
            const double lx = x0 + u * w * s;
            const double ly = y0 + v * h * s;
            Vertex vertex{};
            vertex.anchor[0] = static_cast<float>(anchor.x);
            vertex.anchor[1] = static_cast<float>(anchor.y);
            vertex.offset[0] = static_cast<float>(lx * c - ly * sn);
            vertex.offset[1] = static_cast<float>(lx * sn + ly * c);
            vertex.texel[0] = static_cast<float>(glyph.rect.x + u * w);
            vertex.texel[1] = static_cast<float>(glyph.rect.y + v * h);
            std::copy(paint.color.begin(), paint.color.end(), vertex.color);
            std::copy(paint.halo_color.begin(), paint.halo_color.end(), vertex.halo_color);
            vertex.halo[0] = paint.halo_width;
            vertex.halo[1] = static_cast<float>(s);
            return vertex;
        };
        const Vertex a = corner(0, 0);
        const Vertex b = corner(1, 0);
        const Vertex d = corner(0, 1);
        const Vertex e = corner(1, 1);
        out.insert(out.end(), {a, b, d, b, e, d});
    }

    // The vertical position of a glyph quad's top relative to the middle of the text.
    static double quad_top(const AtlasGlyph& glyph, double size) {
        return -caps_middle_em * size + (-glyph.metrics.top - glyphs::glyph_buffer) * size / glyphs::glyph_size;
    }

    const AtlasGlyph* lookup(const std::string& font, char32_t c) { return glyphs.glyph(font, c); }

    void add_feature(const style::Layer& layer, const tiles::Tile& tile, const mvt::Layer& source,
                     const mvt::Feature& feature) {
        const style::MvtFeatureView view(feature);
        if (!layer.matches(view, zoom)) {
            return;
        }
        const std::string raw = text_of(layer.layout_value("text-field", zoom, &view));
        if (raw.empty()) {
            return;
        }
        std::u32string text = glyphs::decode_utf8(raw);
        if (layout_string(layer, "text-transform", zoom, view, "none") == "uppercase") {
            text = glyphs::to_upper(std::move(text));
        }
        const std::string font = fontstack_of(layer, zoom, view);
        const double size = layout_number(layer, "text-size", zoom, view, 16.0);
        const double spacing = layout_number(layer, "text-letter-spacing", zoom, view, 0.0);
        const glyphs::GlyphLookup metrics = [&](char32_t c) -> const glyphs::GlyphMetrics* {
            const AtlasGlyph* glyph = lookup(font, c);
            return glyph != nullptr ? &glyph->metrics : nullptr;
        };
        const bool along_line = layout_string(layer, "symbol-placement", zoom, view, "point") == "line";
        // Text along a line stays on one line, as in MapLibre.
        const double max_width = along_line ? 0.0 : layout_number(layer, "text-max-width", zoom, view, 10.0) * size;
        const glyphs::TextBlock block = glyphs::layout_block(text, metrics, size, spacing, max_width);
        if (!block.complete || block.width <= 0.0 || size <= 0.0) {
            return; // drawn once its glyphs arrive
        }

        const Paint paint{to_bytes(layer.paint_color("text-color", zoom, &view)),
                          to_bytes(layer.paint_color("text-halo-color", zoom, &view)),
                          static_cast<float>(std::max(0.0, layer.paint_number("text-halo-width", zoom, &view))),
                          static_cast<float>(size / glyphs::glyph_size)};
        const std::string drawn = to_utf8(text);
        if (along_line) {
            add_line_labels(layer, tile, source, feature, font, block.lines.front(), size, paint, drawn);
        } else {
            add_point_label(layer, tile, source, feature, view, font, block, size, paint, drawn);
        }
    }

    void add_point_label(const style::Layer& layer, const tiles::Tile& tile, const mvt::Layer& source,
                         const mvt::Feature& feature, const style::FeatureView& view, const std::string& font,
                         const glyphs::TextBlock& block, double size, const Paint& paint, const std::string& drawn) {
        std::optional<Point> anchor;
        double area = 0.0;
        for (const mvt::TilePolygon& polygon : feature.geometry.polygons) {
            std::vector<std::vector<Point>> rings;
            for (const mvt::TileRing& ring : polygon.rings) {
                auto& pixels = rings.emplace_back();
                for (const mvt::TilePoint& p : ring) {
                    pixels.push_back(to_pixels(tile, source.extent, p));
                }
            }
            const double piece = rings.empty() ? 0.0 : badung::labels::ring_area(rings[0]);
            const auto point = piece > area ? badung::labels::polygon_label_point(rings) : std::nullopt;
            if (point) {
                anchor = point;
                area = piece;
            }
        }
        if (!feature.geometry.points.empty()) {
            anchor = to_pixels(tile, source.extent, feature.geometry.points.front());
        }
        if (!anchor) {
            return;
        }

        const double halo = paint.halo_width;
        const double width = block.width + 2.0 * halo;
        const double line_height = size * line_height_em;
        const double height = line_height * static_cast<double>(block.lines.size());
        const Point offset = layout_pair(layer, "text-offset", zoom, view);
        const std::string anchor_name = layout_string(layer, "text-anchor", zoom, view, "center");
        Point centre{anchor->x + offset.x * size, anchor->y + offset.y * size};
        if (anchor_name == "top") {
            centre.y += height / 2.0;
        } else if (anchor_name == "bottom") {
            centre.y -= height / 2.0;
        }

        // A polygon split over tiles keeps its largest piece; a point in
        // the buffers of two tiles counts once.
        const std::string key = layer.id + "\n" + drawn +
                                (area > 0.0 ? std::string()
                                            : "\n" + std::to_string(std::lround(anchor->x)) + "," +
                                                  std::to_string(std::lround(anchor->y)));
        const auto existing = unique.find(key);
        if (existing != unique.end() && existing->second.box.rank >= area) {
            return;
        }
        Label label;
        label.box = {kind_of(layer, false), area, std::hash<std::string>{}(key), centre.x, centre.y, width, height};
        label.placed = {drawn, layer.id, centre.x - width / 2.0, centre.y - height / 2.0, width, height};
        // Each line centred, the block's middle at the label's centre.
        const double first_middle = -line_height * static_cast<double>(block.lines.size() - 1) / 2.0;
        for (std::size_t i = 0; i < block.lines.size(); ++i) {
            const glyphs::TextLine& line = block.lines[i];
            const double left = -line.width / 2.0;
            const double middle = first_middle + line_height * static_cast<double>(i);
            for (const glyphs::PlacedGlyph& placed : line.glyphs) {
                const AtlasGlyph* glyph = lookup(font, placed.code_point);
                if (glyph != nullptr && glyph->rect.width > 0) {
                    const double x0 = left + placed.x + glyph->metrics.left * paint.font_scale -
                                      glyphs::glyph_buffer * paint.font_scale;
                    add_quad(label.vertices, centre, *glyph, x0, middle + quad_top(*glyph, size), 0.0, paint);
                }
            }
        }
        unique[key] = std::move(label);
    }

    void add_line_labels(const style::Layer& layer, const tiles::Tile& tile, const mvt::Layer& source,
                         const mvt::Feature& feature, const std::string& font, const glyphs::TextLine& line,
                         double size, const Paint& paint, const std::string& drawn) {
        std::vector<double> centres;
        for (const glyphs::PlacedGlyph& placed : line.glyphs) {
            centres.push_back(placed.x + placed.advance / 2.0);
        }
        // NOTE: one label a line piece at its middle; symbol-spacing is not applied.
        for (const mvt::TileLine& tile_line : feature.geometry.lines) {
            std::vector<Point> pixels;
            double length = 0.0;
            for (const mvt::TilePoint& p : tile_line) {
                pixels.push_back(to_pixels(tile, source.extent, p));
                if (pixels.size() > 1) {
                    const Point& a = pixels[pixels.size() - 2];
                    length += std::hypot(pixels.back().x - a.x, pixels.back().y - a.y);
                }
            }
            const auto placed = badung::labels::place_along_line(pixels, centres, line.width);
            if (!placed) {
                continue;
            }
            add_line_label(layer, font, line, size, paint, drawn, *placed, length);
        }
    }

    void add_line_label(const style::Layer& layer, const std::string& font, const glyphs::TextLine& line,
                        double size, const Paint& paint, const std::string& drawn,
                        const std::vector<badung::labels::LineGlyph>& placed, double length) {
        Label label;
        double min_x = INFINITY;
        double min_y = INFINITY;
        double max_x = -INFINITY;
        double max_y = -INFINITY;
        const double reach = size * 0.6 + paint.halo_width;
        for (std::size_t i = 0; i < placed.size(); ++i) {
            const badung::labels::LineGlyph& at = placed[i];
            min_x = std::min(min_x, at.x - reach);
            max_x = std::max(max_x, at.x + reach);
            min_y = std::min(min_y, at.y - reach);
            max_y = std::max(max_y, at.y + reach);
            const AtlasGlyph* glyph = lookup(font, line.glyphs[i].code_point);
            if (glyph == nullptr || glyph->rect.width == 0) {
                continue;
            }
            const double x0 = -line.glyphs[i].advance / 2.0 +
                              (glyph->metrics.left - glyphs::glyph_buffer) * paint.font_scale;
            add_quad(label.vertices, {at.x, at.y}, *glyph, x0, quad_top(*glyph, size), at.angle, paint);
        }
        const std::string key = layer.id + "\n" + drawn;
        const double width = max_x - min_x;
        const double height = max_y - min_y;
        label.box = {LabelKind::road, length, std::hash<std::string>{}(key), (min_x + max_x) / 2.0,
                     (min_y + max_y) / 2.0, width, height};
        label.placed = {drawn, layer.id, min_x, min_y, width, height};
        lines.push_back(std::move(label));
    }
};

LabelLayer::LabelLayer() : program_("label", shaders::label_vert, shaders::label_frag) {
    glGenVertexArrays(1, &vertex_array_);
    glGenBuffers(1, &vertex_buffer_);
    glBindVertexArray(vertex_array_);
    glBindBuffer(GL_ARRAY_BUFFER, vertex_buffer_);
    const auto stride = static_cast<GLsizei>(sizeof(Vertex));
    const auto at = [](std::size_t offset) { return reinterpret_cast<const void*>(offset); };
    glEnableVertexAttribArray(0);
    glVertexAttribPointer(0, 2, GL_FLOAT, GL_FALSE, stride, at(offsetof(Vertex, anchor)));
    glEnableVertexAttribArray(1);
    glVertexAttribPointer(1, 2, GL_FLOAT, GL_FALSE, stride, at(offsetof(Vertex, offset)));
    glEnableVertexAttribArray(2);
    glVertexAttribPointer(2, 2, GL_FLOAT, GL_FALSE, stride, at(offsetof(Vertex, texel)));
    glEnableVertexAttribArray(3);
    glVertexAttribPointer(3, 4, GL_UNSIGNED_BYTE, GL_TRUE, stride, at(offsetof(Vertex, color)));
    glEnableVertexAttribArray(4);
    glVertexAttribPointer(4, 4, GL_UNSIGNED_BYTE, GL_TRUE, stride, at(offsetof(Vertex, halo_color)));
    glEnableVertexAttribArray(5);
    glVertexAttribPointer(5, 2, GL_FLOAT, GL_FALSE, stride, at(offsetof(Vertex, halo)));
    glBindVertexArray(0);
}

LabelLayer::~LabelLayer() {
    glDeleteBuffers(1, &vertex_buffer_);
    glDeleteVertexArrays(1, &vertex_array_);
}

bool LabelLayer::update(const camera::Camera& camera, const std::vector<tiles::DrawItem>& items,
                        const style::Style* map_style, bool moving, double now_ms) {
    const bool glyphs_arrived = glyphs_.upload_arrived();
    if (map_style == nullptr) {
        return false;
    }
    glyphs_.set_url(map_style->glyphs);

    std::set<geo::TileId> ids;
    for (const tiles::DrawItem& item : items) {
        if (item.tile->data) {
            ids.insert(item.tile->id);
        }
    }
    std::string key = std::to_string(reinterpret_cast<std::uintptr_t>(map_style));
    for (const geo::TileId& id : ids) {
        key += " " + std::to_string(id.z) + "/" + std::to_string(id.x) + "/" + std::to_string(id.y);
    }
    const bool zoomed = camera.zoom() != placed_zoom_;
    if (!glyphs_arrived && key == placed_key_ && !zoomed) {
        return false;
    }
    if (moving && zoomed && !glyphs_arrived && key == placed_key_ && place_cost_ms_ > costly_place_ms &&
        now_ms - placed_at_ms_ < replace_interval_ms) {
        return true; // scaled for now, placed again later
    }

    const double start = emscripten_get_now();
    place(camera, items, *map_style);
    placed_key_ = key;
    placed_zoom_ = camera.zoom();
    placed_at_ms_ = now_ms;
    place_cost_ms_ = emscripten_get_now() - start;
    return false;
}

void LabelLayer::place(const camera::Camera& camera, const std::vector<tiles::DrawItem>& items,
                       const style::Style& map_style) {
    origin_ = camera.center_world();
    placed_world_size_ = camera.world_size();
    Builder builder{glyphs_, origin_, placed_world_size_, camera.zoom(), {}, {}};

    std::set<const tiles::Tile*> seen;
    for (const style::Layer& layer : map_style.layers) {
        if (layer.type != style::LayerType::symbol || !layer.shows_at(camera.zoom()) || layer.source_layer.empty()) {
            continue;
        }
        seen.clear();
        for (const tiles::DrawItem& item : items) {
            if (!item.tile->data || !seen.insert(item.tile).second) {
                continue;
            }
            for (const mvt::Layer& source : item.tile->data->layers) {
                if (source.name != layer.source_layer) {
                    continue;
                }
                for (const mvt::Feature& feature : source.features) {
                    builder.add_feature(layer, *item.tile, source, feature);
                }
            }
        }
    }

    std::vector<Builder::Label> labels;
    for (auto& [key, label] : builder.unique) {
        labels.push_back(std::move(label));
    }
    for (auto& label : builder.lines) {
        labels.push_back(std::move(label));
    }
    // Labels placed last time go first within their kind, so new tiles at
    // the edge of a pan or a zoom step do not push out labels in view.
    std::vector<LabelCandidate> candidates;
    for (const auto& label : labels) {
        candidates.push_back(label.box);
        if (placed_keys_.contains(label.box.key)) {
            candidates.back().rank += kept_label_bonus;
        }
    }

    placed_.clear();
    placed_keys_.clear();
    std::vector<Vertex> vertices;
    for (const std::size_t index : badung::labels::place_labels(candidates)) {
        placed_.push_back(labels[index].placed);
        placed_keys_.insert(labels[index].box.key);
        vertices.insert(vertices.end(), labels[index].vertices.begin(), labels[index].vertices.end());
    }
    upload(vertices);
}

void LabelLayer::upload(const std::vector<Vertex>& vertices) {
    glBindBuffer(GL_ARRAY_BUFFER, vertex_buffer_);
    glBufferData(GL_ARRAY_BUFFER, static_cast<GLsizeiptr>(vertices.size() * sizeof(Vertex)), vertices.data(),
                 GL_STATIC_DRAW);
    vertex_count_ = static_cast<GLsizei>(vertices.size());
}

void LabelLayer::draw(const camera::Camera& camera, double pixel_ratio) const {
    if (vertex_count_ == 0) {
        return;
    }
    const camera::ScreenPoint origin = camera.project(origin_);
    program_.use();
    glUniform2f(program_.uniform("u_origin"), static_cast<float>(origin.x), static_cast<float>(origin.y));
    glUniform1f(program_.uniform("u_scale"), static_cast<float>(camera.world_size() / placed_world_size_));
    glUniform2f(program_.uniform("u_viewport"), static_cast<float>(camera.width()),
                static_cast<float>(camera.height()));
    glUniform2f(program_.uniform("u_atlas_size"), GlyphStore::atlas_size, GlyphStore::atlas_size);
    glUniform1f(program_.uniform("u_pixel_ratio"), static_cast<float>(pixel_ratio));
    glUniform1i(program_.uniform("u_atlas"), 0);
    glActiveTexture(GL_TEXTURE0);
    glBindTexture(GL_TEXTURE_2D, glyphs_.texture());

    glDisable(GL_SCISSOR_TEST);
    glEnable(GL_BLEND);
    glBlendFuncSeparate(GL_SRC_ALPHA, GL_ONE_MINUS_SRC_ALPHA, GL_ONE, GL_ONE_MINUS_SRC_ALPHA);
    glBindVertexArray(vertex_array_);
    glDrawArrays(GL_TRIANGLES, 0, vertex_count_);
    glBindVertexArray(0);
}

std::string LabelLayer::rendered_labels_json(const camera::Camera& camera) const {
    rapidjson::StringBuffer buffer;
    JsonWriter writer(buffer);
    writer.StartArray();
    const camera::ScreenPoint origin = camera.project(origin_);
    const double scale = placed_world_size_ > 0.0 ? camera.world_size() / placed_world_size_ : 1.0;
    for (const PlacedLabel& label : placed_) {
        const double x = origin.x + (label.x + label.width / 2.0) * scale - label.width / 2.0;
        const double y = origin.y + (label.y + label.height / 2.0) * scale - label.height / 2.0;
        if (x + label.width < 0.0 || y + label.height < 0.0 || x > camera.width() || y > camera.height()) {
            continue;
        }
        writer.StartObject();
        writer.Key("text");
        writer.String(label.text.c_str(), static_cast<rapidjson::SizeType>(label.text.size()));
        writer.Key("layer");
        writer.String(label.layer.c_str(), static_cast<rapidjson::SizeType>(label.layer.size()));
        writer.Key("x");
        writer.Double(x);
        writer.Key("y");
        writer.Double(y);
        writer.Key("width");
        writer.Double(label.width);
        writer.Key("height");
        writer.Double(label.height);
        writer.EndObject();
    }
    writer.EndArray();
    return buffer.GetString();
}

} // namespace badung::web::labels

#include "web/tiles/tile_geometry.hpp"

#include "core/tessellate/polygon.hpp"

namespace badung::web::tiles {

namespace {

std::uint32_t vertex_count(const std::vector<float>& vertices, int floats_per_vertex) {
    return static_cast<std::uint32_t>(vertices.size() / static_cast<std::size_t>(floats_per_vertex));
}

std::uint32_t size32(const std::vector<std::uint32_t>& indices) {
    return static_cast<std::uint32_t>(indices.size());
}

// Two triangles over the quad's four vertices base .. base + 3.
void add_quad_indices(std::vector<std::uint32_t>& indices, std::uint32_t base) {
    indices.insert(indices.end(), {base, base + 1, base + 2, base + 2, base + 1, base + 3});
}

// The palette key of a feature, stable across tiles: the number its "id"
// property ends with (kecamatan 51.03.05 gives 5), else a hash of that id,
// else the tile feature id, else its position in the layer.
std::uint64_t palette_key(const mvt::Feature& feature) {
    for (const auto& [key, value] : feature.properties) {
        if (key != "id") {
            continue;
        }
        if (value.type == mvt::Value::Type::uint) {
            return value.unsigned_integer;
        }
        if (value.type == mvt::Value::Type::int_ || value.type == mvt::Value::Type::sint) {
            return static_cast<std::uint64_t>(value.integer);
        }
        const std::string& text = value.string;
        std::size_t digits = text.size();
        while (digits > 0 && text[digits - 1] >= '0' && text[digits - 1] <= '9') {
            --digits;
        }
        if (digits < text.size() && text.size() - digits <= 18) {
            return std::stoull(text.substr(digits));
        }
        std::uint64_t hash = 1469598103934665603ULL; // FNV-1a
        for (const char c : text) {
            hash = (hash ^ static_cast<unsigned char>(c)) * 1099511628211ULL;
        }
        return hash;
    }
    return feature.id ? *feature.id : feature.source_index;
}

} // namespace

std::size_t TileGeometry::byte_size() const noexcept {
    return (fill_vertices.size() + line_vertices.size() + point_vertices.size()) * sizeof(float) +
           (fill_indices.size() + line_indices.size() + point_indices.size()) *
               sizeof(std::uint32_t);
}

TileBuilder::TileBuilder(const mvt::Tile& tile) : tile_(tile) {}

void TileBuilder::open_layer() {
    LayerRanges ranges;
    ranges.name = tile_.layers[layer_].name;
    ranges.source_layer = layer_;
    ranges.fill.first = size32(out_.fill_indices);
    ranges.line.first = size32(out_.line_indices);
    ranges.point.first = size32(out_.point_indices);
    out_.layers.push_back(std::move(ranges));
    layer_open_ = true;
}

void TileBuilder::close_layer() {
    LayerRanges& ranges = out_.layers.back();
    ranges.fill.count = size32(out_.fill_indices) - ranges.fill.first;
    ranges.line.count = size32(out_.line_indices) - ranges.line.first;
    ranges.point.count = size32(out_.point_indices) - ranges.point.first;
    layer_open_ = false;
    ++layer_;
    feature_ = 0;
}

void TileBuilder::add_next_feature() {
    const mvt::Layer& layer = tile_.layers[layer_];
    if (!layer_open_) {
        open_layer();
    }
    if (feature_ >= layer.features.size()) {
        close_layer();
        return;
    }

    const mvt::Feature& feature = layer.features[feature_];
    const double scale = tile_units / static_cast<double>(layer.extent == 0 ? 4096 : layer.extent);
    const std::uint64_t key = palette_key(feature);
    for (const mvt::TilePoint& point : feature.geometry.points) {
        add_point(point, scale);
    }
    for (const mvt::TileLine& line : feature.geometry.lines) {
        add_line(line, scale);
    }
    for (const mvt::TilePolygon& polygon : feature.geometry.polygons) {
        add_polygon(polygon, scale, key);
    }
    ++feature_;
}

void TileBuilder::add_polygon(const mvt::TilePolygon& polygon, double scale, std::uint64_t key) {
    std::vector<std::vector<tessellate::Point2>> rings;
    for (const mvt::TileRing& ring : polygon.rings) {
        std::vector<tessellate::Point2>& points = rings.emplace_back();
        points.reserve(ring.size());
        for (const mvt::TilePoint& p : ring) {
            points.push_back({static_cast<double>(p.x) * scale, static_cast<double>(p.y) * scale});
        }
    }

    const std::uint32_t base = vertex_count(out_.fill_vertices, floats_per_fill_vertex);
    for (const auto& ring : rings) {
        for (const tessellate::Point2& p : ring) {
            out_.fill_vertices.push_back(static_cast<float>(p.x));
            out_.fill_vertices.push_back(static_cast<float>(p.y));
        }
    }
    FeatureFill fill{{size32(out_.fill_indices), 0}, key, feature_index()};
    for (const std::uint32_t index : tessellate::triangulate(rings)) {
        out_.fill_indices.push_back(base + index);
    }
    fill.range.count = size32(out_.fill_indices) - fill.range.first;
    out_.layers.back().fills.push_back(fill);

    // Outlines: the rings as lines. Ring edges along the tile buffer lie
    // outside the tile and are clipped away when drawn.
    for (const mvt::TileRing& ring : polygon.rings) {
        add_line(ring, scale);
    }
}

void TileBuilder::add_line(const std::vector<mvt::TilePoint>& line, double scale) {
    constexpr float corners[4][2] = {{0, -1}, {0, 1}, {1, -1}, {1, 1}};
    for (std::size_t i = 0; i + 1 < line.size(); ++i) {
        const auto x0 = static_cast<float>(static_cast<double>(line[i].x) * scale);
        const auto y0 = static_cast<float>(static_cast<double>(line[i].y) * scale);
        const auto x1 = static_cast<float>(static_cast<double>(line[i + 1].x) * scale);
        const auto y1 = static_cast<float>(static_cast<double>(line[i + 1].y) * scale);
        if (x0 == x1 && y0 == y1) {
            continue;
        }
        const std::uint32_t base = vertex_count(out_.line_vertices, floats_per_line_vertex);
        for (const auto& corner : corners) {
            out_.line_vertices.insert(out_.line_vertices.end(), {x0, y0, x1, y1, corner[0], corner[1]});
        }
        add_quad_indices(out_.line_indices, base);
    }
}

void TileBuilder::add_point(mvt::TilePoint point, double scale) {
    constexpr float corners[4][2] = {{-1, -1}, {1, -1}, {-1, 1}, {1, 1}};
    const auto x = static_cast<float>(static_cast<double>(point.x) * scale);
    const auto y = static_cast<float>(static_cast<double>(point.y) * scale);
    const std::uint32_t base = vertex_count(out_.point_vertices, floats_per_point_vertex);
    for (const auto& corner : corners) {
        out_.point_vertices.insert(out_.point_vertices.end(), {x, y, corner[0], corner[1]});
    }
    add_quad_indices(out_.point_indices, base);
}

} // namespace badung::web::tiles

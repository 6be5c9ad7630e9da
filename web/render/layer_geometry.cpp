#include "web/render/layer_geometry.hpp"

#include "core/tessellate/polygon.hpp"

#include <cstddef>

namespace badung::web::render {

namespace {

struct Builder {
    const LocalFrame& frame;
    LayerGeometry& out;

    void add_vertex(std::vector<float>& target, geo::LonLat p) const {
        const geo::WorldPoint w = geo::to_world(p);
        target.push_back(frame.x(w));
        target.push_back(frame.y(w));
    }

    // Triangulates in local units, where the vertices are drawn, and
    // appends the triangles as a plain list.
    void add_polygon_fill(const geojson::Polygon& polygon) const {
        std::vector<std::vector<tessellate::Point2>> rings;
        std::vector<tessellate::Point2> flat;
        for (const geojson::LinearRing& ring : polygon.rings) {
            std::vector<tessellate::Point2>& local = rings.emplace_back();
            for (const geojson::Position& p : ring) {
                const geo::WorldPoint w = geo::to_world(p);
                local.push_back({(w.x - frame.origin.x) * LocalFrame::units_per_world,
                                 (w.y - frame.origin.y) * LocalFrame::units_per_world});
            }
            flat.insert(flat.end(), local.begin(), local.end());
        }

        for (const std::uint32_t index : tessellate::triangulate(rings)) {
            out.fill_vertices.push_back(static_cast<float>(flat[index].x));
            out.fill_vertices.push_back(static_cast<float>(flat[index].y));
        }
    }

    void add_line(const geojson::LineString& line) const {
        for (std::size_t i = 0; i + 1 < line.size(); ++i) {
            add_vertex(out.segments, line[i]);
            add_vertex(out.segments, line[i + 1]);
        }
    }

    void add_geometry(const geojson::Geometry& geometry) const {
        for (const geojson::Position& p : geometry.points) {
            add_vertex(out.points, p);
        }
        for (const geojson::LineString& line : geometry.lines) {
            add_line(line);
        }
        for (const geojson::Polygon& polygon : geometry.polygons) {
            add_polygon_fill(polygon);
            for (const geojson::LinearRing& ring : polygon.rings) {
                add_line(ring);
            }
        }
        for (const geojson::Geometry& member : geometry.members) {
            add_geometry(member);
        }
    }
};

std::uint32_t count_of(const std::vector<float>& values, std::size_t floats_per_item) {
    return static_cast<std::uint32_t>(values.size() / floats_per_item);
}

} // namespace

LayerGeometry build_layer_geometry(const geojson::FeatureCollection& collection,
                                   const LocalFrame& frame) {
    LayerGeometry out;
    const Builder builder{frame, out};

    for (const geojson::Feature& feature : collection.features) {
        const std::uint32_t fill_start = count_of(out.fill_vertices, 2);
        const std::uint32_t segment_start = count_of(out.segments, 4);
        const std::uint32_t point_start = count_of(out.points, 2);

        if (feature.has_location()) {
            builder.add_geometry(*feature.geometry);
        }

        out.fill_ranges.push_back({fill_start, count_of(out.fill_vertices, 2) - fill_start});
        out.segment_ranges.push_back({segment_start, count_of(out.segments, 4) - segment_start});
        out.point_ranges.push_back({point_start, count_of(out.points, 2) - point_start});
    }
    return out;
}

} // namespace badung::web::render

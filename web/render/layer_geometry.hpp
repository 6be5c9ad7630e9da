#pragma once

#include "core/geo/mercator.hpp"
#include "core/geojson/reader.hpp"

#include <cstdint>
#include <vector>

namespace badung::web::render {

// A run of vertices (or segments, or points) that belongs to one feature.
struct FeatureRange {
    std::uint32_t first = 0;
    std::uint32_t count = 0;
};

// Map positions in local units: zoom-0 CSS pixels (512 per world) relative
// to an origin near the data. Small numbers keep 32-bit floats exact to well
// under a pixel at every zoom the camera allows.
struct LocalFrame {
    geo::WorldPoint origin;

    static constexpr double units_per_world = 512.0;

    float x(geo::WorldPoint w) const noexcept {
        return static_cast<float>((w.x - origin.x) * units_per_world);
    }
    float y(geo::WorldPoint w) const noexcept {
        return static_cast<float>((w.y - origin.y) * units_per_world);
    }
};

// The drawable form of a layer, built on the CPU. Ranges are indexed like
// the collection's features; a feature with nothing of a kind gets an
// empty range there.
struct LayerGeometry {
    // Triangles (x, y pairs) of every polygon, holes cut out.
    std::vector<float> fill_vertices;
    std::vector<FeatureRange> fill_ranges;

    // Line segments (x0, y0, x1, y1) of line strings and polygon rings.
    std::vector<float> segments;
    std::vector<FeatureRange> segment_ranges;

    // Points (x, y), one per Point or MultiPoint position.
    std::vector<float> points;
    std::vector<FeatureRange> point_ranges;
};

// Builds the drawable form of every feature; features without a location
// get empty ranges.
LayerGeometry build_layer_geometry(const geojson::FeatureCollection& collection,
                                   const LocalFrame& frame);

} // namespace badung::web::render

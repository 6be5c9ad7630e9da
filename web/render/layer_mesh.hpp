#pragma once

#include "web/render/layer_geometry.hpp"

#include <GLES3/gl3.h>

#include <vector>

namespace badung::web::render {

// The GPU buffers of one layer: fill triangles, and a quad of two triangles
// for each line segment and each point symbol. Plain triangles, not
// instancing: software renderers (SwiftShader) run instanced draws one
// instance at a time, which made 100,000 segments take seconds a frame. Needs a current WebGL2 context for
// its whole life.
class LayerMesh {
public:
    // Segment vertices: start x, y, end x, y, corner along, side.
    static constexpr int vertices_per_segment = 6;
    static constexpr int floats_per_segment_vertex = 6;

    // Point vertices: point x, y, corner x, y.
    static constexpr int vertices_per_point = 6;
    static constexpr int floats_per_point_vertex = 4;

    explicit LayerMesh(const LayerGeometry& geometry);
    ~LayerMesh();

    LayerMesh(const LayerMesh&) = delete;
    LayerMesh& operator=(const LayerMesh&) = delete;

    GLuint fill_buffer() const noexcept { return fill_buffer_; }
    GLuint segment_buffer() const noexcept { return segment_buffer_; }
    GLuint point_buffer() const noexcept { return point_buffer_; }

    // Per-feature ranges, indexed like the layer's features.
    const std::vector<FeatureRange>& fill_ranges() const noexcept { return fill_ranges_; }
    const std::vector<FeatureRange>& segment_ranges() const noexcept { return segment_ranges_; }
    const std::vector<FeatureRange>& point_ranges() const noexcept { return point_ranges_; }

    // Totals over all features.
    GLsizei fill_vertex_count() const noexcept { return fill_vertex_count_; }
    GLsizei segment_count() const noexcept { return segment_count_; }
    GLsizei point_count() const noexcept { return point_count_; }

private:
    GLuint fill_buffer_ = 0;
    GLuint segment_buffer_ = 0;
    GLuint point_buffer_ = 0;
    std::vector<FeatureRange> fill_ranges_;
    std::vector<FeatureRange> segment_ranges_;
    std::vector<FeatureRange> point_ranges_;
    GLsizei fill_vertex_count_ = 0;
    GLsizei segment_count_ = 0;
    GLsizei point_count_ = 0;
};

} // namespace badung::web::render

#include "web/render/layer_mesh.hpp"

namespace badung::web::render {

namespace {

GLuint upload(const std::vector<float>& values) {
    GLuint buffer = 0;
    glGenBuffers(1, &buffer);
    glBindBuffer(GL_ARRAY_BUFFER, buffer);
    // An empty buffer still gets a valid (zero-size) store.
    glBufferData(GL_ARRAY_BUFFER, static_cast<GLsizeiptr>(values.size() * sizeof(float)),
                 values.empty() ? nullptr : values.data(), GL_STATIC_DRAW);
    return buffer;
}

// Expands each segment (x0, y0, x1, y1) into the two triangles of its quad,
// every vertex carrying both ends and its corner (along 0/1, side -1/+1).
std::vector<float> expand_segments(const std::vector<float>& segments) {
    constexpr float corners[6][2] = {{0, -1}, {0, 1}, {1, -1}, {1, -1}, {0, 1}, {1, 1}};
    std::vector<float> vertices;
    vertices.reserve(segments.size() / 4 * LayerMesh::vertices_per_segment *
                     LayerMesh::floats_per_segment_vertex);
    for (std::size_t i = 0; i + 3 < segments.size(); i += 4) {
        for (const auto& corner : corners) {
            vertices.insert(vertices.end(), {segments[i], segments[i + 1], segments[i + 2],
                                             segments[i + 3], corner[0], corner[1]});
        }
    }
    return vertices;
}

// Expands each point (x, y) into the two triangles of its symbol's quad,
// every vertex carrying the point and its corner (-1/+1, -1/+1).
std::vector<float> expand_points(const std::vector<float>& points) {
    constexpr float corners[6][2] = {{-1, -1}, {1, -1}, {-1, 1}, {-1, 1}, {1, -1}, {1, 1}};
    std::vector<float> vertices;
    vertices.reserve(points.size() / 2 * LayerMesh::vertices_per_point *
                     LayerMesh::floats_per_point_vertex);
    for (std::size_t i = 0; i + 1 < points.size(); i += 2) {
        for (const auto& corner : corners) {
            vertices.insert(vertices.end(), {points[i], points[i + 1], corner[0], corner[1]});
        }
    }
    return vertices;
}

} // namespace

LayerMesh::LayerMesh(const LayerGeometry& geometry)
    : fill_buffer_(upload(geometry.fill_vertices)),
      segment_buffer_(upload(expand_segments(geometry.segments))),
      point_buffer_(upload(expand_points(geometry.points))),
      fill_ranges_(geometry.fill_ranges),
      segment_ranges_(geometry.segment_ranges),
      point_ranges_(geometry.point_ranges),
      fill_vertex_count_(static_cast<GLsizei>(geometry.fill_vertices.size() / 2)),
      segment_count_(static_cast<GLsizei>(geometry.segments.size() / 4)),
      point_count_(static_cast<GLsizei>(geometry.points.size() / 2)) {
    glBindBuffer(GL_ARRAY_BUFFER, 0);
}

LayerMesh::~LayerMesh() {
    const GLuint buffers[] = {fill_buffer_, segment_buffer_, point_buffer_};
    glDeleteBuffers(3, buffers);
}

} // namespace badung::web::render

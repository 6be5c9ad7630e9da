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

} // namespace

LayerMesh::LayerMesh(const LayerGeometry& geometry)
    : fill_buffer_(upload(geometry.fill_vertices)),
      segment_buffer_(upload(geometry.segments)),
      point_buffer_(upload(geometry.points)),
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

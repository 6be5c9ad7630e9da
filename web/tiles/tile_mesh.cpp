#include "web/tiles/tile_mesh.hpp"

#include <cstdint>

namespace badung::web::tiles {

namespace {

const void* byte_offset(std::size_t bytes) {
    return reinterpret_cast<const void*>(static_cast<std::uintptr_t>(bytes));
}

template <typename T>
void upload(GLenum target, GLuint buffer, const std::vector<T>& values) {
    glBindBuffer(target, buffer);
    glBufferData(target, static_cast<GLsizeiptr>(values.size() * sizeof(T)),
                 values.empty() ? nullptr : values.data(), GL_STATIC_DRAW);
}

// Points attribute `index` at `count` floats from float `first` of each vertex.
void attribute(GLuint index, int count, int first, int floats_per_vertex) {
    glEnableVertexAttribArray(index);
    glVertexAttribPointer(index, count, GL_FLOAT, GL_FALSE,
                          static_cast<GLsizei>(floats_per_vertex * sizeof(float)),
                          byte_offset(static_cast<std::size_t>(first) * sizeof(float)));
}

} // namespace

TileMesh::TileMesh(const TileGeometry& geometry)
    : layers_(geometry.layers),
      byte_size_(geometry.byte_size()),
      vertex_count_(geometry.fill_vertices.size() / floats_per_fill_vertex +
                    geometry.line_vertices.size() / floats_per_line_vertex +
                    geometry.point_vertices.size() / floats_per_point_vertex) {
    glGenVertexArrays(3, arrays_);
    glGenBuffers(6, buffers_);

    // Fills: position.
    glBindVertexArray(arrays_[0]);
    upload(GL_ARRAY_BUFFER, buffers_[0], geometry.fill_vertices);
    attribute(0, 2, 0, floats_per_fill_vertex);
    upload(GL_ELEMENT_ARRAY_BUFFER, buffers_[1], geometry.fill_indices);

    // Lines: corner, start, end (the attribute locations of the line program).
    glBindVertexArray(arrays_[1]);
    upload(GL_ARRAY_BUFFER, buffers_[2], geometry.line_vertices);
    attribute(0, 2, 4, floats_per_line_vertex);
    attribute(1, 2, 0, floats_per_line_vertex);
    attribute(2, 2, 2, floats_per_line_vertex);
    upload(GL_ELEMENT_ARRAY_BUFFER, buffers_[3], geometry.line_indices);

    // Points: corner, position.
    glBindVertexArray(arrays_[2]);
    upload(GL_ARRAY_BUFFER, buffers_[4], geometry.point_vertices);
    attribute(0, 2, 2, floats_per_point_vertex);
    attribute(1, 2, 0, floats_per_point_vertex);
    upload(GL_ELEMENT_ARRAY_BUFFER, buffers_[5], geometry.point_indices);

    glBindVertexArray(0);
    glBindBuffer(GL_ARRAY_BUFFER, 0);
}

TileMesh::~TileMesh() {
    glDeleteVertexArrays(3, arrays_);
    glDeleteBuffers(6, buffers_);
}

const LayerRanges* TileMesh::layer(std::string_view name) const noexcept {
    for (const LayerRanges& ranges : layers_) {
        if (ranges.name == name) {
            return &ranges;
        }
    }
    return nullptr;
}

} // namespace badung::web::tiles

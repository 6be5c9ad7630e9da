#include "web/render/renderer.hpp"

#include "web/gl/shader_sources.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>

namespace badung::web::render {

namespace {

constexpr Color highlight_color = rgb(0xFF5722);

GLuint make_corner_buffer(const std::vector<float>& corners) {
    GLuint buffer = 0;
    glGenBuffers(1, &buffer);
    glBindBuffer(GL_ARRAY_BUFFER, buffer);
    glBufferData(GL_ARRAY_BUFFER, static_cast<GLsizeiptr>(corners.size() * sizeof(float)),
                 corners.data(), GL_STATIC_DRAW);
    return buffer;
}

const void* byte_offset(std::size_t bytes) {
    return reinterpret_cast<const void*>(static_cast<std::uintptr_t>(bytes));
}

void set_color(GLint location, Color c) {
    glUniform4f(location, c.r, c.g, c.b, c.a);
}

} // namespace

Renderer::Renderer(const LocalFrame& frame)
    : frame_(frame),
      fill_program_("fill", shaders::fill_vert, shaders::fill_frag),
      line_program_("line", shaders::line_vert, shaders::line_frag),
      circle_program_("circle", shaders::circle_vert, shaders::circle_frag) {
    glGenVertexArrays(1, &vertex_array_);
    // Triangle-strip corners: (along, side) for lines, (x, y) for circles.
    line_corners_ = make_corner_buffer({0, -1, 0, 1, 1, -1, 1, 1});
    circle_corners_ = make_corner_buffer({-1, -1, 1, -1, -1, 1, 1, 1});
    glBindBuffer(GL_ARRAY_BUFFER, 0);
}

Renderer::~Renderer() {
    const GLuint buffers[] = {line_corners_, circle_corners_};
    glDeleteBuffers(2, buffers);
    glDeleteVertexArrays(1, &vertex_array_);
}

void Renderer::set_view_uniforms(const gl::Program& program, const View& view) const {
    glUniform2f(program.uniform("u_center"), view.center_x, view.center_y);
    glUniform1f(program.uniform("u_scale"), view.scale);
    glUniform2f(program.uniform("u_viewport"), view.width, view.height);
    glUniform1f(program.uniform("u_pixel_ratio"), view.pixel_ratio);
}

// Even-odd fill: the fans flip the stencil bit of every sample they cover,
// so samples covered an odd number of times are inside; the cover pass then
// paints those once and clears their bit.
void Renderer::draw_fill_range(const LayerMesh& mesh, FeatureRange range, Color color,
                               const View& view) const {
    if (range.count == 0) {
        return;
    }
    fill_program_.use();
    set_view_uniforms(fill_program_, view);
    set_color(fill_program_.uniform("u_color"), color);

    glBindBuffer(GL_ARRAY_BUFFER, mesh.fill_buffer());
    glEnableVertexAttribArray(0);
    glVertexAttribPointer(0, 2, GL_FLOAT, GL_FALSE, 0, nullptr);

    glEnable(GL_STENCIL_TEST);
    glStencilMask(0x01);
    glColorMask(GL_FALSE, GL_FALSE, GL_FALSE, GL_FALSE);
    glStencilFunc(GL_ALWAYS, 0, 0x01);
    glStencilOp(GL_KEEP, GL_KEEP, GL_INVERT);
    glDrawArrays(GL_TRIANGLES, static_cast<GLint>(range.first), static_cast<GLsizei>(range.count));

    glColorMask(GL_TRUE, GL_TRUE, GL_TRUE, GL_TRUE);
    glStencilFunc(GL_NOTEQUAL, 0, 0x01);
    glStencilOp(GL_ZERO, GL_ZERO, GL_ZERO);
    glDrawArrays(GL_TRIANGLES, static_cast<GLint>(range.first), static_cast<GLsizei>(range.count));
    glDisable(GL_STENCIL_TEST);
    glDisableVertexAttribArray(0);
}

void Renderer::draw_fill(const LayerMesh& mesh, const LayerStyle& style, const View& view) const {
    if (!style.fill_palette) {
        draw_fill_range(mesh, {0, static_cast<std::uint32_t>(mesh.fill_vertex_count())},
                        style.fill_color, view);
        return;
    }
    // One pass pair per feature, because fans of one feature may cover parts
    // of a neighbour and would lend it their colour.
    const auto& ranges = mesh.fill_ranges();
    for (std::size_t i = 0; i < ranges.size(); ++i) {
        draw_fill_range(mesh, ranges[i], palette_color(i, 0.55F), view);
    }
}

// WebGL2 has no base instance, so the per-instance attributes start at the
// range's first item through the pointer offset.
void Renderer::draw_segments(const LayerMesh& mesh, FeatureRange range, Color color, float width,
                             const View& view) const {
    if (range.count == 0 || width <= 0.0F) {
        return;
    }
    line_program_.use();
    set_view_uniforms(line_program_, view);
    set_color(line_program_.uniform("u_color"), color);
    glUniform1f(line_program_.uniform("u_half_width"), width / 2.0F);

    glBindBuffer(GL_ARRAY_BUFFER, line_corners_);
    glEnableVertexAttribArray(0);
    glVertexAttribPointer(0, 2, GL_FLOAT, GL_FALSE, 0, nullptr);

    const std::size_t stride = 4 * sizeof(float);
    glBindBuffer(GL_ARRAY_BUFFER, mesh.segment_buffer());
    for (GLuint attribute = 1; attribute <= 2; ++attribute) {
        glEnableVertexAttribArray(attribute);
        glVertexAttribDivisor(attribute, 1);
    }
    glVertexAttribPointer(1, 2, GL_FLOAT, GL_FALSE, stride, byte_offset(range.first * stride));
    glVertexAttribPointer(2, 2, GL_FLOAT, GL_FALSE, stride,
                          byte_offset(range.first * stride + 2 * sizeof(float)));

    glDrawArraysInstanced(GL_TRIANGLE_STRIP, 0, 4, static_cast<GLsizei>(range.count));

    for (GLuint attribute = 0; attribute <= 2; ++attribute) {
        glVertexAttribDivisor(attribute, 0);
        glDisableVertexAttribArray(attribute);
    }
}

void Renderer::draw_points(const LayerMesh& mesh, FeatureRange range, Color color, float radius,
                           const View& view) const {
    if (range.count == 0 || radius <= 0.0F) {
        return;
    }
    circle_program_.use();
    set_view_uniforms(circle_program_, view);
    set_color(circle_program_.uniform("u_color"), color);
    set_color(circle_program_.uniform("u_stroke_color"), rgb(0xFFFFFF));
    glUniform1f(circle_program_.uniform("u_radius"), radius);
    glUniform1f(circle_program_.uniform("u_stroke_width"), 1.2F);

    glBindBuffer(GL_ARRAY_BUFFER, circle_corners_);
    glEnableVertexAttribArray(0);
    glVertexAttribPointer(0, 2, GL_FLOAT, GL_FALSE, 0, nullptr);

    const std::size_t stride = 2 * sizeof(float);
    glBindBuffer(GL_ARRAY_BUFFER, mesh.point_buffer());
    glEnableVertexAttribArray(1);
    glVertexAttribDivisor(1, 1);
    glVertexAttribPointer(1, 2, GL_FLOAT, GL_FALSE, stride, byte_offset(range.first * stride));

    glDrawArraysInstanced(GL_TRIANGLE_STRIP, 0, 4, static_cast<GLsizei>(range.count));

    glVertexAttribDivisor(1, 0);
    glDisableVertexAttribArray(1);
    glDisableVertexAttribArray(0);
}

void Renderer::draw_layer(const map::MapLayer& layer, const View& view) const {
    const LayerMesh& mesh = *layer.mesh;
    const LayerStyle& style = layer.style;
    const FeatureRange all_segments{0, static_cast<std::uint32_t>(mesh.segment_count())};

    if (style.fill) {
        draw_fill(mesh, style, view);
    }
    draw_segments(mesh, all_segments, style.casing_color, style.casing_width, view);
    draw_segments(mesh, all_segments, style.stroke_color, style.stroke_width, view);
    draw_points(mesh, {0, static_cast<std::uint32_t>(mesh.point_count())}, style.circle_color,
                style.circle_radius, view);
}

void Renderer::draw_highlight(const map::MapLayer& layer, std::size_t feature,
                              const View& view) const {
    const LayerMesh& mesh = *layer.mesh;
    if (feature >= mesh.fill_ranges().size()) {
        return;
    }
    const Color translucent{highlight_color.r, highlight_color.g, highlight_color.b, 0.25F};
    const float width = std::max(3.0F, layer.style.stroke_width + 2.0F);

    draw_fill_range(mesh, mesh.fill_ranges()[feature], translucent, view);
    draw_segments(mesh, mesh.segment_ranges()[feature], highlight_color, width, view);
    draw_points(mesh, mesh.point_ranges()[feature], highlight_color,
                std::max(6.0F, layer.style.circle_radius + 2.5F), view);
}

void Renderer::draw(const camera::Camera& camera, double pixel_ratio,
                    const std::vector<const map::MapLayer*>& layers,
                    const map::MapLayer* selected_layer, std::size_t selected_feature) {
    const geo::WorldPoint center = camera.center_world();
    const View view{frame_.x(center),
                    frame_.y(center),
                    static_cast<float>(std::exp2(camera.zoom())),
                    static_cast<float>(camera.width()),
                    static_cast<float>(camera.height()),
                    static_cast<float>(pixel_ratio)};

    glClearColor(sea_color.r, sea_color.g, sea_color.b, 1.0F);
    glClearStencil(0);
    glStencilMask(0xFF);
    glClear(GL_COLOR_BUFFER_BIT | GL_STENCIL_BUFFER_BIT);
    glDisable(GL_DEPTH_TEST);
    glDisable(GL_CULL_FACE);
    glEnable(GL_BLEND);
    glBlendFuncSeparate(GL_SRC_ALPHA, GL_ONE_MINUS_SRC_ALPHA, GL_ONE, GL_ONE_MINUS_SRC_ALPHA);
    glBindVertexArray(vertex_array_);

    for (const map::MapLayer* layer : layers) {
        if (layer->visible && layer->mesh) {
            draw_layer(*layer, view);
        }
    }
    if (selected_layer != nullptr && selected_layer->visible && selected_layer->mesh) {
        draw_highlight(*selected_layer, selected_feature, view);
    }

    glBindVertexArray(0);
    glBindBuffer(GL_ARRAY_BUFFER, 0);
}

} // namespace badung::web::render

#include "web/render/renderer.hpp"

#include "web/gl/shader_sources.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>

namespace badung::web::render {

namespace {

constexpr Color highlight_color = rgb(0xFF5722);

// Point symbols shrink to 75 % below zoom 10, because the whole kabupaten
// is in view there and full-size symbols would hide the areas under them.
// They reach full size at zoom 13.
float symbol_scale(double zoom) {
    return static_cast<float>(std::clamp(0.75 + (zoom - 10.0) * 0.25 / 3.0, 0.75, 1.0));
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
}

Renderer::~Renderer() {
    glDeleteVertexArrays(1, &vertex_array_);
}

void Renderer::set_view_uniforms(const gl::Program& program, const View& view) const {
    glUniform2f(program.uniform("u_center"), view.center_x, view.center_y);
    glUniform1f(program.uniform("u_scale"), view.scale);
    glUniform2f(program.uniform("u_viewport"), view.width, view.height);
    glUniform1f(program.uniform("u_pixel_ratio"), view.pixel_ratio);
}

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
    glDrawArrays(GL_TRIANGLES, static_cast<GLint>(range.first), static_cast<GLsizei>(range.count));
    glDisableVertexAttribArray(0);
}

void Renderer::draw_fill(const LayerMesh& mesh, const LayerStyle& style, const View& view) const {
    if (!style.feature_fill_colors.empty()) {
        const auto& ranges = mesh.fill_ranges();
        const std::size_t count = std::min(ranges.size(), style.feature_fill_colors.size());
        for (std::size_t i = 0; i < count; ++i) {
            if (style.feature_fill_colors[i].a > 0.0F) {
                draw_fill_range(mesh, ranges[i], style.feature_fill_colors[i], view);
            }
        }
        return;
    }
    if (!style.fill_palette) {
        draw_fill_range(mesh, {0, static_cast<std::uint32_t>(mesh.fill_vertex_count())},
                        style.fill_color, view);
        return;
    }
    const auto& ranges = mesh.fill_ranges();
    for (std::size_t i = 0; i < ranges.size(); ++i) {
        draw_fill_range(mesh, ranges[i], palette_color(i, 0.55F), view);
    }
}

void Renderer::draw_segments(const LayerMesh& mesh, FeatureRange range, Color color, float width,
                             const View& view) const {
    if (range.count == 0 || width <= 0.0F) {
        return;
    }
    line_program_.use();
    set_view_uniforms(line_program_, view);
    set_color(line_program_.uniform("u_color"), color);
    glUniform1f(line_program_.uniform("u_half_width"), width / 2.0F);

    const auto stride = static_cast<GLsizei>(LayerMesh::floats_per_segment_vertex * sizeof(float));
    glBindBuffer(GL_ARRAY_BUFFER, mesh.segment_buffer());
    for (GLuint attribute = 0; attribute <= 2; ++attribute) {
        glEnableVertexAttribArray(attribute);
    }
    glVertexAttribPointer(0, 2, GL_FLOAT, GL_FALSE, stride, byte_offset(4 * sizeof(float)));
    glVertexAttribPointer(1, 2, GL_FLOAT, GL_FALSE, stride, byte_offset(0));
    glVertexAttribPointer(2, 2, GL_FLOAT, GL_FALSE, stride, byte_offset(2 * sizeof(float)));

    glDrawArrays(GL_TRIANGLES, static_cast<GLint>(range.first * LayerMesh::vertices_per_segment),
                 static_cast<GLsizei>(range.count * LayerMesh::vertices_per_segment));

    for (GLuint attribute = 0; attribute <= 2; ++attribute) {
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
    // A thinner white ring on small symbols keeps their colour visible.
    glUniform1f(circle_program_.uniform("u_stroke_width"), radius >= 4.0F ? 1.2F : 0.8F);

    const auto stride = static_cast<GLsizei>(LayerMesh::floats_per_point_vertex * sizeof(float));
    glBindBuffer(GL_ARRAY_BUFFER, mesh.point_buffer());
    glEnableVertexAttribArray(0);
    glEnableVertexAttribArray(1);
    glVertexAttribPointer(0, 2, GL_FLOAT, GL_FALSE, stride, byte_offset(2 * sizeof(float)));
    glVertexAttribPointer(1, 2, GL_FLOAT, GL_FALSE, stride, byte_offset(0));

    glDrawArrays(GL_TRIANGLES, static_cast<GLint>(range.first * LayerMesh::vertices_per_point),
                 static_cast<GLsizei>(range.count * LayerMesh::vertices_per_point));

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
                style.circle_radius * (style.scale_symbols ? view.symbol_scale : 1.0F), view);
}

void Renderer::draw_highlight(const LayerMesh& mesh, const LayerStyle& style,
                              std::size_t feature, const View& view) const {
    if (feature >= mesh.fill_ranges().size()) {
        return;
    }
    const Color translucent{highlight_color.r, highlight_color.g, highlight_color.b, 0.25F};
    const float width = std::max(3.0F, style.stroke_width + 2.0F);

    draw_fill_range(mesh, mesh.fill_ranges()[feature], translucent, view);
    draw_segments(mesh, mesh.segment_ranges()[feature], highlight_color, width, view);
    draw_points(mesh, mesh.point_ranges()[feature], highlight_color,
                std::max(6.0F, style.circle_radius + 2.5F), view);
}

Renderer::View Renderer::view_of(const camera::Camera& camera, double pixel_ratio) const {
    const geo::WorldPoint center = camera.center_world();
    return {frame_.x(center),
            frame_.y(center),
            static_cast<float>(std::exp2(camera.zoom())),
            static_cast<float>(camera.width()),
            static_cast<float>(camera.height()),
            static_cast<float>(pixel_ratio),
            symbol_scale(camera.zoom())};
}

void Renderer::draw_selection(const camera::Camera& camera, double pixel_ratio,
                              const LayerMesh& mesh, const LayerStyle& style) {
    glDisable(GL_SCISSOR_TEST);
    glEnable(GL_BLEND);
    glBlendFuncSeparate(GL_SRC_ALPHA, GL_ONE_MINUS_SRC_ALPHA, GL_ONE, GL_ONE_MINUS_SRC_ALPHA);
    glBindVertexArray(vertex_array_);
    draw_highlight(mesh, style, 0, view_of(camera, pixel_ratio));
    glBindVertexArray(0);
    glBindBuffer(GL_ARRAY_BUFFER, 0);
}

void Renderer::draw(const camera::Camera& camera, double pixel_ratio,
                    const std::vector<const map::MapLayer*>& layers,
                    const map::MapLayer* selected_layer, std::size_t selected_feature) {
    const View view = view_of(camera, pixel_ratio);

    glClearColor(background_.r, background_.g, background_.b, 1.0F);
    glClear(GL_COLOR_BUFFER_BIT);
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
        draw_highlight(*selected_layer->mesh, selected_layer->style, selected_feature, view);
    }

    glBindVertexArray(0);
    glBindBuffer(GL_ARRAY_BUFFER, 0);
}

} // namespace badung::web::render

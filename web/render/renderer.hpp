#pragma once

#include "core/camera/camera.hpp"
#include "web/gl/program.hpp"
#include "web/map/map_layer.hpp"
#include "web/render/layer_geometry.hpp"
#include "web/render/style.hpp"

#include <GLES3/gl3.h>

#include <optional>
#include <vector>

namespace badung::web::render {

// Draws map layers with the project's fill, line and circle programs. Needs
// a current WebGL2 context for its whole life.
class Renderer {
public:
    explicit Renderer(const LocalFrame& frame);
    ~Renderer();

    Renderer(const Renderer&) = delete;
    Renderer& operator=(const Renderer&) = delete;

    // Clears to the sea colour and draws the visible, loaded layers in the
    // given order (bottom first), then the selection highlight on top.
    // pixel_ratio is device pixels per CSS pixel.
    void draw(const camera::Camera& camera, double pixel_ratio,
              const std::vector<const map::MapLayer*>& layers,
              const map::MapLayer* selected_layer, std::size_t selected_feature);

    // Draws the highlight of one selected feature over what is drawn, from
    // a mesh of that feature alone (feature index 0).
    void draw_selection(const camera::Camera& camera, double pixel_ratio, const LayerMesh& mesh,
                        const LayerStyle& style);
    // Sets the colour behind all layers (sea_color until set).
    void set_background(Color color) { background_ = color; }
    Color background() const { return background_; }

private:
    struct View {
        float center_x;
        float center_y;
        float scale;
        float width;
        float height;
        float pixel_ratio;
        float symbol_scale; // factor on point radii for the zoom
    };

    void set_view_uniforms(const gl::Program& program, const View& view) const;
    void draw_fill(const LayerMesh& mesh, const LayerStyle& style, const View& view) const;
    void draw_fill_range(const LayerMesh& mesh, FeatureRange range, Color color,
                         const View& view) const;
    void draw_segments(const LayerMesh& mesh, FeatureRange range, Color color, float width,
                       const View& view) const;
    void draw_points(const LayerMesh& mesh, FeatureRange range, Color color, float radius,
                     const View& view) const;
    void draw_layer(const map::MapLayer& layer, const View& view) const;
    void draw_highlight(const LayerMesh& mesh, const LayerStyle& style, std::size_t feature,
                        const View& view) const;
    View view_of(const camera::Camera& camera, double pixel_ratio) const;

    LocalFrame frame_;
    gl::Program fill_program_;
    gl::Program line_program_;
    gl::Program circle_program_;
    GLuint vertex_array_ = 0;
    Color background_ = sea_color;
};

} // namespace badung::web::render

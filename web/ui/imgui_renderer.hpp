#pragma once

#include "web/gl/program.hpp"

#include <GLES3/gl3.h>

#include <cstddef>

struct ImDrawData;
struct ImFontAtlas;

namespace badung::web::ui {

// Draws Dear ImGui's draw lists with WebGL2, in place of the OpenGL3
// backend that ships with ImGui 1.86. It builds the font atlas with ImGui's
// stb_truetype builder and uploads its one 8-bit channel. So the app never
// calls ImFontAtlas::Build or GetTexDataAs*, which add ImGui's built-in
// ProggyClean font to an atlas without fonts, and the linker drops that
// font's 12 KB of data.
class ImGuiRenderer {
public:
    // Creates the program and buffers and sets ImGui's renderer flags.
    // Needs a current WebGL2 context and an ImGui context.
    ImGuiRenderer();
    ~ImGuiRenderer();

    ImGuiRenderer(const ImGuiRenderer&) = delete;
    ImGuiRenderer& operator=(const ImGuiRenderer&) = delete;

    // Rasterises the fonts added to ATLAS and uploads the atlas as the
    // texture of its TexID. Throws std::runtime_error when a font cannot
    // be read (no glyphs of the requested ranges, invalid TrueType data).
    void upload_fonts(ImFontAtlas& atlas);

    // Draws DATA over the framebuffer, clipped to each command's rectangle.
    // Leaves blending on, scissoring off and no vertex array or texture bound.
    void render(const ImDrawData& data);

private:
    void set_render_state(const ImDrawData& data, int framebuffer_width, int framebuffer_height) const;
    void set_vertex_layout(std::size_t first_vertex) const;

    gl::Program program_;
    GLuint vertex_array_ = 0;
    GLuint vertex_buffer_ = 0;
    GLuint index_buffer_ = 0;
    GLuint font_texture_ = 0;
};

} // namespace badung::web::ui

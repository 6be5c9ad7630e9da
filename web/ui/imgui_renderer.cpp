#include "web/ui/imgui_renderer.hpp"

#include "web/gl/shader_sources.hpp"

#include <imgui.h>
#include <imgui_internal.h>

#include <cstdint>
#include <stdexcept>

namespace badung::web::ui {

namespace {

const void* byte_offset(std::size_t bytes) {
    return reinterpret_cast<const void*>(static_cast<std::uintptr_t>(bytes));
}

constexpr GLenum index_type = sizeof(ImDrawIdx) == 2 ? GL_UNSIGNED_SHORT : GL_UNSIGNED_INT;

} // namespace

ImGuiRenderer::ImGuiRenderer() : program_("imgui", shaders::imgui_vert, shaders::imgui_frag) {
    glGenVertexArrays(1, &vertex_array_);
    glGenBuffers(1, &vertex_buffer_);
    glGenBuffers(1, &index_buffer_);

    // The element buffer binding is part of the vertex array's state.
    glBindVertexArray(vertex_array_);
    glBindBuffer(GL_ELEMENT_ARRAY_BUFFER, index_buffer_);
    glEnableVertexAttribArray(0);
    glEnableVertexAttribArray(1);
    glEnableVertexAttribArray(2);
    glBindVertexArray(0);

    // With 16-bit indices, ImGui starts a new vertex offset past 65,535
    // vertices of one draw list, and set_vertex_layout follows it.
    ImGuiIO& io = ImGui::GetIO();
    io.BackendRendererName = "badung_webgl2";
    io.BackendFlags |= ImGuiBackendFlags_RendererHasVtxOffset;
}

ImGuiRenderer::~ImGuiRenderer() {
    if (font_texture_ != 0) {
        glDeleteTextures(1, &font_texture_);
    }
    glDeleteBuffers(1, &index_buffer_);
    glDeleteBuffers(1, &vertex_buffer_);
    glDeleteVertexArrays(1, &vertex_array_);
}

void ImGuiRenderer::upload_fonts(ImFontAtlas& atlas) {
    if (!ImFontAtlasGetBuilderForStbTruetype()->FontBuilder_Build(&atlas)) {
        throw std::runtime_error("the UI font could not be rasterised: it is not valid TrueType data "
                                 "or has no glyph in the requested ranges");
    }

    if (font_texture_ == 0) {
        glGenTextures(1, &font_texture_);
    }
    glBindTexture(GL_TEXTURE_2D, font_texture_);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_LINEAR);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_LINEAR);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);

    // Rows of the 8-bit atlas are packed without padding.
    GLint alignment = 4;
    glGetIntegerv(GL_UNPACK_ALIGNMENT, &alignment);
    glPixelStorei(GL_UNPACK_ALIGNMENT, 1);
    glTexImage2D(GL_TEXTURE_2D, 0, GL_R8, atlas.TexWidth, atlas.TexHeight, 0, GL_RED, GL_UNSIGNED_BYTE,
                 atlas.TexPixelsAlpha8);
    glPixelStorei(GL_UNPACK_ALIGNMENT, alignment);
    glBindTexture(GL_TEXTURE_2D, 0);

    atlas.SetTexID(reinterpret_cast<ImTextureID>(static_cast<std::uintptr_t>(font_texture_)));
}

void ImGuiRenderer::set_render_state(const ImDrawData& data, int framebuffer_width,
                                     int framebuffer_height) const {
    glViewport(0, 0, framebuffer_width, framebuffer_height);
    glEnable(GL_BLEND);
    glBlendEquation(GL_FUNC_ADD);
    glBlendFuncSeparate(GL_SRC_ALPHA, GL_ONE_MINUS_SRC_ALPHA, GL_ONE, GL_ONE_MINUS_SRC_ALPHA);
    glDisable(GL_CULL_FACE);
    glDisable(GL_DEPTH_TEST);
    glDisable(GL_STENCIL_TEST);
    glEnable(GL_SCISSOR_TEST);

    program_.use();
    glUniform1i(program_.uniform("u_atlas"), 0);
    glUniform2f(program_.uniform("u_display_origin"), data.DisplayPos.x, data.DisplayPos.y);
    glUniform2f(program_.uniform("u_display_size"), data.DisplaySize.x, data.DisplaySize.y);
    glActiveTexture(GL_TEXTURE0);
    glBindVertexArray(vertex_array_);
    glBindBuffer(GL_ARRAY_BUFFER, vertex_buffer_);
}

// WebGL2 has no glDrawElementsBaseVertex, so a command's VtxOffset moves
// the attribute pointers instead.
void ImGuiRenderer::set_vertex_layout(std::size_t first_vertex) const {
    const std::size_t base = first_vertex * sizeof(ImDrawVert);
    constexpr auto stride = static_cast<GLsizei>(sizeof(ImDrawVert));
    glVertexAttribPointer(0, 2, GL_FLOAT, GL_FALSE, stride, byte_offset(base + offsetof(ImDrawVert, pos)));
    glVertexAttribPointer(1, 2, GL_FLOAT, GL_FALSE, stride, byte_offset(base + offsetof(ImDrawVert, uv)));
    glVertexAttribPointer(2, 4, GL_UNSIGNED_BYTE, GL_TRUE, stride, byte_offset(base + offsetof(ImDrawVert, col)));
}

void ImGuiRenderer::render(const ImDrawData& data) {
    const int framebuffer_width = static_cast<int>(data.DisplaySize.x * data.FramebufferScale.x);
    const int framebuffer_height = static_cast<int>(data.DisplaySize.y * data.FramebufferScale.y);
    if (framebuffer_width <= 0 || framebuffer_height <= 0) {
        return;
    }
    set_render_state(data, framebuffer_width, framebuffer_height);

    const ImVec2 clip_origin = data.DisplayPos;
    const ImVec2 clip_scale = data.FramebufferScale;
    for (int list_index = 0; list_index < data.CmdListsCount; ++list_index) {
        const ImDrawList& list = *data.CmdLists[list_index];
        glBufferData(GL_ARRAY_BUFFER, static_cast<GLsizeiptr>(list.VtxBuffer.Size * sizeof(ImDrawVert)),
                     list.VtxBuffer.Data, GL_STREAM_DRAW);
        glBufferData(GL_ELEMENT_ARRAY_BUFFER, static_cast<GLsizeiptr>(list.IdxBuffer.Size * sizeof(ImDrawIdx)),
                     list.IdxBuffer.Data, GL_STREAM_DRAW);
        set_vertex_layout(0);
        unsigned int vertex_offset = 0;

        for (const ImDrawCmd& command : list.CmdBuffer) {
            if (command.UserCallback != nullptr) {
                if (command.UserCallback == ImDrawCallback_ResetRenderState) {
                    set_render_state(data, framebuffer_width, framebuffer_height);
                } else {
                    command.UserCallback(&list, &command);
                }
                set_vertex_layout(vertex_offset);
                continue;
            }

            // The clip rectangle in framebuffer pixels, y up for glScissor.
            const float left = (command.ClipRect.x - clip_origin.x) * clip_scale.x;
            const float top = (command.ClipRect.y - clip_origin.y) * clip_scale.y;
            const float right = (command.ClipRect.z - clip_origin.x) * clip_scale.x;
            const float bottom = (command.ClipRect.w - clip_origin.y) * clip_scale.y;
            if (right <= left || bottom <= top) {
                continue;
            }
            glScissor(static_cast<GLint>(left), static_cast<GLint>(framebuffer_height - bottom),
                      static_cast<GLsizei>(right - left), static_cast<GLsizei>(bottom - top));

            if (command.VtxOffset != vertex_offset) {
                vertex_offset = command.VtxOffset;
                set_vertex_layout(vertex_offset);
            }
            glBindTexture(GL_TEXTURE_2D, static_cast<GLuint>(reinterpret_cast<std::uintptr_t>(command.GetTexID())));
            glDrawElements(GL_TRIANGLES, static_cast<GLsizei>(command.ElemCount), index_type,
                           byte_offset(command.IdxOffset * sizeof(ImDrawIdx)));
        }
    }

    glBindTexture(GL_TEXTURE_2D, 0);
    glBindVertexArray(0);
    glDisable(GL_SCISSOR_TEST);
}

} // namespace badung::web::ui

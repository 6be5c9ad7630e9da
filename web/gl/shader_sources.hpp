#pragma once

// GLSL ES 3.00 sources from shaders/, embedded at build time by
// web/embed_shaders.cmake (shaders/fill.vert becomes fill_vert).
namespace badung::web::shaders {

extern const char* const fill_vert;
extern const char* const fill_frag;
extern const char* const line_vert;
extern const char* const line_frag;
extern const char* const circle_vert;
extern const char* const circle_frag;
extern const char* const tile_fill_vert;
extern const char* const tile_line_vert;
extern const char* const tile_circle_vert;
extern const char* const label_vert;
extern const char* const label_frag;
extern const char* const imgui_vert;
extern const char* const imgui_frag;

} // namespace badung::web::shaders

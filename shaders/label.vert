#version 300 es
// A glyph quad of a label: the anchor in CSS pixels from the placement
// origin (scaled while the zoom moves away from the placement's), the
// corner's offset from it in CSS pixels, the texel in the glyph atlas.
precision highp float;

layout(location = 0) in vec2 a_anchor;
layout(location = 1) in vec2 a_offset;
layout(location = 2) in vec2 a_texel;
layout(location = 3) in vec4 a_color;
layout(location = 4) in vec4 a_halo_color;
layout(location = 5) in vec2 a_halo; // halo width (CSS px), font scale (size / 24)

uniform vec2 u_origin;     // the placement origin, CSS pixels from the canvas's top-left
uniform float u_scale;     // world size now / at placement
uniform vec2 u_viewport;   // CSS pixels
uniform vec2 u_atlas_size; // texels

out vec2 v_texel;
out vec4 v_color;
out vec4 v_halo_color;
out vec2 v_halo;

void main() {
    vec2 screen = u_origin + a_anchor * u_scale + a_offset;
    gl_Position = vec4((screen / u_viewport * 2.0 - 1.0) * vec2(1.0, -1.0), 0.0, 1.0);
    v_texel = a_texel / u_atlas_size;
    v_color = a_color;
    v_halo_color = a_halo_color;
    v_halo = a_halo;
}

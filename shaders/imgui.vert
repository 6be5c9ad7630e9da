#version 300 es
// A vertex of Dear ImGui's draw lists: position in CSS pixels, texel of
// the font atlas (0..1), colour as normalised RGBA bytes.
precision highp float;

layout(location = 0) in vec2 a_position;
layout(location = 1) in vec2 a_texel;
layout(location = 2) in vec4 a_color;

uniform vec2 u_display_origin; // CSS pixels of the canvas's top-left corner
uniform vec2 u_display_size;   // CSS pixels

out vec2 v_texel;
out vec4 v_color;

void main() {
    vec2 unit = (a_position - u_display_origin) / u_display_size;
    gl_Position = vec4(unit.x * 2.0 - 1.0, 1.0 - unit.y * 2.0, 0.0, 1.0);
    v_texel = a_texel;
    v_color = a_color;
}

#version 300 es
// Point symbols of a vector tile: a screen-aligned quad around each point.
precision highp float;

layout(location = 0) in vec2 a_corner;   // -1..1
layout(location = 1) in vec2 a_position; // tile units

uniform vec2 u_origin;
uniform float u_unit;
uniform vec2 u_viewport;
uniform float u_radius; // CSS pixels, stroke included

out vec2 v_offset; // CSS pixels from the point

void main() {
    vec2 center = u_origin + a_position * u_unit;
    v_offset = a_corner * (u_radius + 1.0);
    vec2 screen = center + v_offset;
    gl_Position = vec4((screen / u_viewport * 2.0 - 1.0) * vec2(1.0, -1.0), 0.0, 1.0);
}

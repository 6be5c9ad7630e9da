#version 300 es
// Polygon fill of a vector tile: vertices in tile units (4096 a tile).
precision highp float;

layout(location = 0) in vec2 a_position;

uniform vec2 u_origin;   // the tile's top-left corner, CSS pixels from the canvas's
uniform float u_unit;    // CSS pixels per tile unit
uniform vec2 u_viewport; // canvas size in CSS pixels

void main() {
    vec2 screen = u_origin + a_position * u_unit;
    gl_Position = vec4((screen / u_viewport * 2.0 - 1.0) * vec2(1.0, -1.0), 0.0, 1.0);
}

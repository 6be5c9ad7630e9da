#version 300 es
// Polygon fill: triangles in local map units (zoom-0 pixels from the
// renderer's origin).
precision highp float;

layout(location = 0) in vec2 a_position;

uniform vec2 u_center;   // camera centre in local map units
uniform float u_scale;   // CSS pixels per local map unit (2^zoom)
uniform vec2 u_viewport; // canvas size in CSS pixels

void main() {
    vec2 screen = (a_position - u_center) * u_scale;
    gl_Position = vec4(screen / (u_viewport * 0.5) * vec2(1.0, -1.0), 0.0, 1.0);
}

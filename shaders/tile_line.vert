#version 300 es
// Lines of a vector tile at a fixed width in CSS pixels. Each segment is a
// quad whose vertices all carry both ends; its corners are pushed out in
// screen space by half the width plus one pixel for antialiasing, past both
// ends, so joins and caps come out round (line.frag measures the distance
// to the segment).
precision highp float;

layout(location = 0) in vec2 a_corner; // x: 0 at start, 1 at end; y: -1 or +1 side
layout(location = 1) in vec2 a_start;  // tile units
layout(location = 2) in vec2 a_end;

uniform vec2 u_origin;
uniform float u_unit;
uniform vec2 u_viewport;
uniform float u_half_width; // CSS pixels

out vec2 v_screen;
out vec2 v_start;
out vec2 v_end;

void main() {
    vec2 start = u_origin + a_start * u_unit;
    vec2 end = u_origin + a_end * u_unit;

    vec2 along = end - start;
    float length_px = length(along);
    vec2 direction = length_px > 1e-6 ? along / length_px : vec2(1.0, 0.0);
    vec2 normal = vec2(-direction.y, direction.x);

    float reach = u_half_width + 1.0;
    vec2 screen = mix(start, end, a_corner.x)
        + direction * (a_corner.x * 2.0 - 1.0) * reach
        + normal * a_corner.y * reach;

    v_screen = screen;
    v_start = start;
    v_end = end;
    gl_Position = vec4((screen / u_viewport * 2.0 - 1.0) * vec2(1.0, -1.0), 0.0, 1.0);
}

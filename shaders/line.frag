#version 300 es
precision highp float;

uniform vec4 u_color;
uniform float u_half_width; // CSS pixels
uniform float u_pixel_ratio; // device pixels per CSS pixel

in vec2 v_screen;
in vec2 v_start;
in vec2 v_end;

out vec4 frag_color;

void main() {
    // Distance to the segment, so the ends come out as round caps.
    vec2 along = v_end - v_start;
    float t = clamp(dot(v_screen - v_start, along) / max(dot(along, along), 1e-9), 0.0, 1.0);
    float distance_px = length(v_screen - (v_start + along * t));

    // Coverage over one device pixel at the edge.
    float coverage = clamp((u_half_width - distance_px) * u_pixel_ratio + 0.5, 0.0, 1.0);
    if (coverage <= 0.0) {
        discard;
    }
    frag_color = vec4(u_color.rgb, u_color.a * coverage);
}

#version 300 es
precision highp float;

uniform vec4 u_color;
uniform vec4 u_stroke_color;
uniform float u_radius;       // CSS pixels, stroke included
uniform float u_stroke_width; // CSS pixels
uniform float u_pixel_ratio;

in vec2 v_offset;

out vec4 frag_color;

void main() {
    float distance_px = length(v_offset);
    float coverage = clamp((u_radius - distance_px) * u_pixel_ratio + 0.5, 0.0, 1.0);
    if (coverage <= 0.0) {
        discard;
    }

    float inner = clamp((u_radius - u_stroke_width - distance_px) * u_pixel_ratio + 0.5, 0.0, 1.0);
    vec4 color = mix(u_stroke_color, u_color, inner);
    frag_color = vec4(color.rgb, color.a * coverage);
}

#version 300 es
// Text from a signed distance field: 0.75 on the glyph outline, 1/8 of
// the range per pixel at the 24 px the fields were made at.
precision highp float;

uniform sampler2D u_atlas;
uniform float u_pixel_ratio;

in vec2 v_texel;
in vec4 v_color;
in vec4 v_halo_color;
in vec2 v_halo;

out vec4 frag_color;

void main() {
    float dist = texture(u_atlas, v_texel).r;
    float font_scale = v_halo.y;
    // Half a device pixel of antialiasing on each side of an edge.
    float gamma = 0.105 / (font_scale * u_pixel_ratio) * 1.4142;
    float fill = smoothstep(0.75 - gamma, 0.75 + gamma, dist);
    float halo_edge = max(0.75 - v_halo.x / font_scale / 8.0, 0.0);
    float halo = smoothstep(halo_edge - gamma, halo_edge + gamma, dist) * v_halo_color.a;
    vec3 color = mix(v_halo_color.rgb, v_color.rgb, fill);
    float alpha = max(fill * v_color.a, halo);
    frag_color = vec4(color, alpha);
}

#version 300 es
// Dear ImGui's triangles: the vertex colour times the coverage in the
// font atlas's one channel (1 at the atlas's white texel).
precision mediump float;

uniform sampler2D u_atlas;

in vec2 v_texel;
in vec4 v_color;

out vec4 frag_color;

void main() {
    frag_color = vec4(v_color.rgb, v_color.a * texture(u_atlas, v_texel).r);
}

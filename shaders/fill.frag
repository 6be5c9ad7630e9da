#version 300 es
precision highp float;

uniform vec4 u_color; // straight (not premultiplied) RGBA

out vec4 frag_color;

void main() {
    frag_color = u_color;
}

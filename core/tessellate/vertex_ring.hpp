#pragma once

// Internal to the polygon triangulator: a pool of vertices linked into
// circular rings, and the plane predicates the ear clipper and the hole
// bridging share.

#include "core/tessellate/polygon.hpp"

#include <cstdint>
#include <vector>

namespace badung::tessellate::detail {

inline constexpr int none = -1;

struct Vertex {
    std::uint32_t source = 0; // index into the caller's concatenated vertices
    double x = 0.0;
    double y = 0.0;

    int prev = none;
    int next = none;

    // Neighbours in z-order (Morton) sequence, for the hashed ear test.
    std::uint32_t z = 0;
    int prev_z = none;
    int next_z = none;

    bool steiner = false;
};

// Twice the signed area of the triangle a, b, c: positive when a-b-c turns
// counterclockwise (left) in a y-up plane.
inline double cross(const Vertex& a, const Vertex& b, const Vertex& c) noexcept {
    return (b.x - a.x) * (c.y - a.y) - (b.y - a.y) * (c.x - a.x);
}

inline double cross(double ax, double ay, double bx, double by, double px, double py) noexcept {
    return (bx - ax) * (py - ay) - (by - ay) * (px - ax);
}

inline bool same_position(const Vertex& a, const Vertex& b) noexcept {
    return a.x == b.x && a.y == b.y;
}

// True when p lies inside or on the counterclockwise triangle a, b, c.
inline bool in_triangle(double ax, double ay, double bx, double by, double cx, double cy,
                        double px, double py) noexcept {
    return cross(ax, ay, bx, by, px, py) >= 0 && cross(bx, by, cx, cy, px, py) >= 0 &&
           cross(cx, cy, ax, ay, px, py) >= 0;
}

// The vertex pool. Rings are circular doubly linked lists through prev and
// next; a vertex leaves its ring by remove() and is never reused.
class VertexPool {
public:
    std::vector<Vertex> vertices;

    Vertex& operator[](int i) { return vertices[static_cast<std::size_t>(i)]; }
    const Vertex& operator[](int i) const { return vertices[static_cast<std::size_t>(i)]; }

    // Adds a vertex after `after`, or as a one-vertex ring when `after` is
    // `none`, and returns its index.
    int insert_after(int after, std::uint32_t source, double x, double y);

    // Unlinks a vertex from its ring and from the z-order sequence.
    void remove(int i);

    // Joins a and b with a two-way bridge edge, duplicating both. When a and b
    // are in one ring, it splits into a -> b -> ... -> a and the rest, which
    // starts at the returned duplicate of b. When they are in two rings, the
    // rings merge into one.
    int split(int a, int b);

    // True when b, seen from a, lies in the interior angle at a.
    bool locally_inside(int a, int b) const;

    // True when the midpoint of a-b lies inside the ring through a.
    bool middle_inside(int a, int b) const;

    // True when the segment a-b meets an edge of the ring through a that
    // does not touch a or b. With proper_only, touching and collinear
    // overlap do not count, only a crossing inside both segments.
    bool crosses_ring(int a, int b, bool proper_only = false) const;
};

// True when segments p1-q1 and p2-q2 meet, touching and collinear overlap
// included.
bool segments_intersect(const Vertex& p1, const Vertex& q1, const Vertex& p2, const Vertex& q2);

// True when segments p1-q1 and p2-q2 cross at a point inside both, not
// merely touching.
bool segments_cross(const Vertex& p1, const Vertex& q1, const Vertex& p2, const Vertex& q2);

} // namespace badung::tessellate::detail

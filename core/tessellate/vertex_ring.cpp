#include "core/tessellate/vertex_ring.hpp"

#include <algorithm>

namespace badung::tessellate::detail {

namespace {

int sign(double value) noexcept {
    return (value > 0) - (value < 0);
}

// True when q, known to be collinear with p and r, lies within their box.
bool on_segment(const Vertex& p, const Vertex& q, const Vertex& r) noexcept {
    return q.x <= std::max(p.x, r.x) && q.x >= std::min(p.x, r.x) &&
           q.y <= std::max(p.y, r.y) && q.y >= std::min(p.y, r.y);
}

} // namespace

int VertexPool::insert_after(int after, std::uint32_t source, double x, double y) {
    Vertex vertex;
    vertex.source = source;
    vertex.x = x;
    vertex.y = y;
    const int index = static_cast<int>(vertices.size());
    vertices.push_back(vertex);

    Vertex& added = vertices.back();
    if (after == none) {
        added.prev = index;
        added.next = index;
    } else {
        const int following = (*this)[after].next;
        added.prev = after;
        added.next = following;
        (*this)[following].prev = index;
        (*this)[after].next = index;
    }
    return index;
}

void VertexPool::remove(int i) {
    Vertex& vertex = (*this)[i];
    (*this)[vertex.next].prev = vertex.prev;
    (*this)[vertex.prev].next = vertex.next;

    if (vertex.prev_z != none) {
        (*this)[vertex.prev_z].next_z = vertex.next_z;
    }
    if (vertex.next_z != none) {
        (*this)[vertex.next_z].prev_z = vertex.prev_z;
    }
}

int VertexPool::split(int a, int b) {
    const int a_copy = insert_after(none, (*this)[a].source, (*this)[a].x, (*this)[a].y);
    const int b_copy = insert_after(none, (*this)[b].source, (*this)[b].x, (*this)[b].y);
    const int a_next = (*this)[a].next;
    const int b_prev = (*this)[b].prev;

    (*this)[a].next = b;
    (*this)[b].prev = a;

    (*this)[a_copy].next = a_next;
    (*this)[a_next].prev = a_copy;

    (*this)[b_copy].next = a_copy;
    (*this)[a_copy].prev = b_copy;

    (*this)[b_prev].next = b_copy;
    (*this)[b_copy].prev = b_prev;
    return b_copy;
}

bool VertexPool::locally_inside(int a, int b) const {
    const Vertex& va = (*this)[a];
    const Vertex& prev = (*this)[va.prev];
    const Vertex& next = (*this)[va.next];
    const Vertex& vb = (*this)[b];

    if (cross(prev, va, next) > 0) {
        // Convex corner: b must lie between the outgoing and incoming edges.
        return cross(va, next, vb) >= 0 && cross(va, prev, vb) <= 0;
    }
    // Reflex or straight corner: b must lie outside the exterior wedge.
    return cross(va, prev, vb) < 0 || cross(va, next, vb) > 0;
}

bool VertexPool::middle_inside(int a, int b) const {
    const double mx = ((*this)[a].x + (*this)[b].x) / 2;
    const double my = ((*this)[a].y + (*this)[b].y) / 2;

    bool inside = false;
    int p = a;
    do {
        const Vertex& v = (*this)[p];
        const Vertex& w = (*this)[v.next];
        if ((v.y > my) != (w.y > my) && w.y != v.y &&
            mx < (w.x - v.x) * (my - v.y) / (w.y - v.y) + v.x) {
            inside = !inside;
        }
        p = v.next;
    } while (p != a);
    return inside;
}

bool VertexPool::crosses_ring(int a, int b, bool proper_only) const {
    const Vertex& va = (*this)[a];
    const Vertex& vb = (*this)[b];
    int p = a;
    do {
        const Vertex& v = (*this)[p];
        const Vertex& w = (*this)[v.next];
        const bool touches = v.source == va.source || w.source == va.source ||
                             v.source == vb.source || w.source == vb.source;
        const bool meets = proper_only ? segments_cross(v, w, va, vb)
                                       : segments_intersect(v, w, va, vb);
        if (!touches && meets) {
            return true;
        }
        p = v.next;
    } while (p != a);
    return false;
}

bool segments_cross(const Vertex& p1, const Vertex& q1, const Vertex& p2, const Vertex& q2) {
    const int o1 = sign(cross(p1, q1, p2));
    const int o2 = sign(cross(p1, q1, q2));
    const int o3 = sign(cross(p2, q2, p1));
    const int o4 = sign(cross(p2, q2, q1));
    return o1 * o2 < 0 && o3 * o4 < 0;
}

bool segments_intersect(const Vertex& p1, const Vertex& q1, const Vertex& p2, const Vertex& q2) {
    const int o1 = sign(cross(p1, q1, p2));
    const int o2 = sign(cross(p1, q1, q2));
    const int o3 = sign(cross(p2, q2, p1));
    const int o4 = sign(cross(p2, q2, q1));

    if (o1 != o2 && o3 != o4) {
        return true;
    }
    if (o1 == 0 && on_segment(p1, p2, q1)) return true;
    if (o2 == 0 && on_segment(p1, q2, q1)) return true;
    if (o3 == 0 && on_segment(p2, p1, q2)) return true;
    if (o4 == 0 && on_segment(p2, q1, q2)) return true;
    return false;
}

} // namespace badung::tessellate::detail

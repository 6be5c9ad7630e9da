// Joining holes to the exterior ring: each hole's leftmost vertex is linked
// to a visible vertex of the ring on its left by a two-way bridge edge, so
// the polygon becomes one ring that the ear clipper can handle.

#include "core/tessellate/triangulator.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace badung::tessellate::detail {

namespace {

int leftmost(const VertexPool& pool, int start) {
    int best = start;
    int p = start;
    do {
        const Vertex& v = pool[p];
        if (v.x < pool[best].x || (v.x == pool[best].x && v.y < pool[best].y)) {
            best = p;
        }
        p = v.next;
    } while (p != start);
    return best;
}

} // namespace

int Triangulator::join_holes(int exterior, const std::vector<int>& holes) {
    std::vector<int> queue;
    queue.reserve(holes.size());
    for (const int hole : holes) {
        if (pool_[hole].next == hole) {
            pool_[hole].steiner = true;
        }
        queue.push_back(leftmost(pool_, hole));
    }

    // Left to right, so each bridge runs to a part of the ring that earlier
    // bridges cannot hide.
    std::stable_sort(queue.begin(), queue.end(), [this](int a, int b) {
        const Vertex& va = pool_[a];
        const Vertex& vb = pool_[b];
        if (va.x != vb.x) {
            return va.x < vb.x;
        }
        if (va.y != vb.y) {
            return va.y < vb.y;
        }
        // Holes touching at their leftmost vertex: by the slope of the first edge.
        const Vertex& na = pool_[va.next];
        const Vertex& nb = pool_[vb.next];
        return (na.y - va.y) / (na.x - va.x) < (nb.y - vb.y) / (nb.x - vb.x);
    });

    for (const int hole : queue) {
        exterior = join_hole(hole, exterior);
    }

    return exterior;
}

int Triangulator::join_hole(int hole, int exterior) {
    const int bridge = find_bridge(hole, exterior);
    if (bridge == none) {
        return exterior;
    }

    const int bridge_copy = pool_.split(bridge, hole);
    filter(bridge_copy, pool_[bridge_copy].next);
    return filter(bridge, pool_[bridge].next);
}

int Triangulator::find_bridge(int hole, int exterior) const {
    const double hx = pool_[hole].x;
    const double hy = pool_[hole].y;

    // Cast a ray from the hole's leftmost vertex to the west and find the
    // nearest edge it hits that runs southward (a west-facing edge of a
    // counterclockwise ring).
    double nearest_x = -std::numeric_limits<double>::infinity();
    int candidate = none;
    int p = exterior;
    if (same_position(pool_[hole], pool_[p])) {
        return p;
    }
    do {
        const Vertex& v = pool_[p];
        const Vertex& w = pool_[v.next];
        if (same_position(pool_[hole], w)) {
            return v.next;
        }
        if (hy <= v.y && hy >= w.y && w.y != v.y) {
            const double x = v.x + (hy - v.y) * (w.x - v.x) / (w.y - v.y);
            if (x <= hx && x > nearest_x) {
                nearest_x = x;
                candidate = v.x < w.x ? p : v.next;
                if (x == hx) {
                    // The hole's vertex touches the edge.
                    return candidate;
                }
            }
        }
        p = v.next;
    } while (p != exterior);

    if (candidate == none) {
        return none;
    }

    // The candidate end point may be hidden behind reflex vertices inside the
    // triangle (hole vertex, ray hit, candidate). Then the vertex in that
    // triangle at the smallest angle to the ray is visible and taken instead.
    const int stop = candidate;
    const double mx = pool_[candidate].x;
    const double my = pool_[candidate].y;
    double min_tangent = std::numeric_limits<double>::infinity();
    p = candidate;
    do {
        const Vertex& v = pool_[p];
        const bool candidate_north = hy < my;
        if (hx >= v.x && v.x >= mx && hx != v.x &&
            in_triangle(candidate_north ? hx : nearest_x, hy, mx, my,
                        candidate_north ? nearest_x : hx, hy, v.x,
                        v.y)) {
            const double tangent = std::abs(hy - v.y) / (hx - v.x);
            const Vertex& best = pool_[candidate];
            const bool better =
                tangent < min_tangent ||
                (tangent == min_tangent &&
                 (v.x > best.x || (v.x == best.x && sector_contains_sector(candidate, p))));
            // When the hole's vertex lies on a horizontal edge starting at v
            // (a T-junction), the bridge runs along that edge: locally_inside
            // rejects it as collinear, yet it is valid.
            const Vertex& w = pool_[v.next];
            const bool along_edge = v.y == hy && w.y == hy && w.x > hx;
            if ((along_edge || pool_.locally_inside(p, hole)) && better) {
                candidate = p;
                min_tangent = tangent;
            }
        }
        p = v.next;
    } while (p != stop);
    return candidate;
}

bool Triangulator::sector_contains_sector(int m, int p) const {
    const Vertex& vm = pool_[m];
    const Vertex& vp = pool_[p];
    return cross(pool_[vm.prev], vm, pool_[vp.prev]) > 0 &&
           cross(pool_[vp.next], vm, pool_[vm.next]) > 0;
}

} // namespace badung::tessellate::detail

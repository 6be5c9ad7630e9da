// Ear clipping of one ring, with recovery stages for rings that plain
// clipping cannot finish (collinear runs, self-touching or crossing edges).

#include "core/tessellate/triangulator.hpp"

#include <algorithm>

namespace badung::tessellate::detail {

int Triangulator::filter(int start, int end) {
    if (start == none) {
        return start;
    }
    const bool whole_ring = end == none || end == start;
    if (end == none) {
        end = start;
    }

    // A whole-ring pass ends after a full lap without removals; a local pass
    // ends when it reaches end. A removal re-checks the predecessor, which
    // may have become collinear.
    int p = start;
    bool again = false;
    do {
        again = false;
        const Vertex& v = pool_[p];
        const bool redundant = p != v.next && !v.steiner &&
                               (same_position(v, pool_[v.next]) ||
                                cross(pool_[v.prev], v, pool_[v.next]) == 0);
        if (redundant) {
            if (whole_ring || p == end) {
                end = v.prev;
            }
            const int before = v.prev;
            pool_.remove(p);
            filtered_out_ = true;
            p = before;
            again = true;
        } else if (whole_ring || p != end) {
            p = v.next;
            again = !whole_ring;
        }
    } while (again || p != end);
    return end;
}

void Triangulator::clip(int ear) {
    if (ear == none) {
        return;
    }
    if (hashed_) {
        index_curve(ear);
    }

    int stop = ear;
    bool cured = false;
    while (pool_[ear].prev != pool_[ear].next) {
        const int prev = pool_[ear].prev;
        const int next = pool_[ear].next;

        if (cross(pool_[prev], pool_[ear], pool_[next]) > 0 &&
            (hashed_ ? is_ear_hashed(ear) : is_ear(ear))) {
            emit(prev, ear, next);
            pool_.remove(ear);

            // Skipping one vertex avoids long thin fans around one corner.
            ear = pool_[next].next;
            stop = ear;
            continue;
        }

        ear = next;
        if (ear != stop) {
            continue;
        }

        // A whole lap found no ear. Removing collinear and repeated vertices
        // may expose new ears, so repeat that while it removes any.
        filtered_out_ = false;
        ear = filter(ear);
        if (filtered_out_) {
            stop = ear;
            continue;
        }

        // Then cut the small triangles of local self-crossings, once.
        if (!cured) {
            ear = cure_local_intersections(ear);
            stop = ear;
            cured = true;
            continue;
        }

        // Last resort: split the ring in two along a diagonal.
        split_and_clip(ear);
        return;
    }
}

bool Triangulator::blocks_ear(int p, int a, int b, int c) const {
    const Vertex& v = pool_[p];
    const Vertex& va = pool_[a];
    const Vertex& vb = pool_[b];
    const Vertex& vc = pool_[c];
    if (p == a || p == c || same_position(v, va)) {
        return false;
    }
    // Only a reflex (or straight) vertex inside the triangle can block it: a
    // convex one implies a reflex one inside as well.
    return in_triangle(va.x, va.y, vb.x, vb.y, vc.x, vc.y, v.x, v.y) &&
           cross(pool_[v.prev], v, pool_[v.next]) <= 0;
}

bool Triangulator::is_ear(int ear) const {
    const int a = pool_[ear].prev;
    const int c = pool_[ear].next;
    if (cross(pool_[a], pool_[ear], pool_[c]) <= 0) {
        return false;
    }

    for (int p = pool_[c].next; p != a; p = pool_[p].next) {
        if (blocks_ear(p, a, ear, c)) {
            return false;
        }
    }
    return true;
}

bool Triangulator::is_ear_hashed(int ear) const {
    const int a = pool_[ear].prev;
    const int c = pool_[ear].next;
    const Vertex& va = pool_[a];
    const Vertex& vb = pool_[ear];
    const Vertex& vc = pool_[c];
    if (cross(va, vb, vc) <= 0) {
        return false;
    }

    const double min_x = std::min({va.x, vb.x, vc.x});
    const double min_y = std::min({va.y, vb.y, vc.y});
    const double max_x = std::max({va.x, vb.x, vc.x});
    const double max_y = std::max({va.y, vb.y, vc.y});
    const std::uint32_t min_z = z_order(min_x, min_y);
    const std::uint32_t max_z = z_order(max_x, max_y);

    const auto blocks = [&](int p) {
        const Vertex& v = pool_[p];
        return v.x >= min_x && v.x <= max_x && v.y >= min_y && v.y <= max_y &&
               blocks_ear(p, a, ear, c);
    };

    // Every vertex inside the triangle's box has a z between min_z and max_z;
    // walk the z-order sequence both ways from the ear.
    int down = vb.prev_z;
    int up = vb.next_z;
    while (down != none && pool_[down].z >= min_z) {
        if (blocks(down)) {
            return false;
        }
        down = pool_[down].prev_z;
    }
    while (up != none && pool_[up].z <= max_z) {
        if (blocks(up)) {
            return false;
        }
        up = pool_[up].next_z;
    }
    return true;
}

int Triangulator::cure_local_intersections(int start) {
    int p = start;
    bool cured = false;
    do {
        const int a = pool_[p].prev;
        const int p_next = pool_[p].next;
        const int b = pool_[p_next].next;

        // Edges a-p and (p+1)-b cross properly: cut the small triangle they enclose.
        if (segments_cross(pool_[a], pool_[p], pool_[p_next], pool_[b]) &&
            pool_.locally_inside(a, b) && pool_.locally_inside(b, a)) {
            emit(a, p, b);
            pool_.remove(p);
            pool_.remove(p_next);
            p = b;
            start = b;
            cured = true;
        }
        p = pool_[p].next;
    } while (p != start);
    return cured ? filter(p) : p;
}

void Triangulator::split_and_clip(int start) {
    int a = start;
    do {
        for (int b = pool_[pool_[a].next].next; b != pool_[a].prev; b = pool_[b].next) {
            if (pool_[a].source != pool_[b].source && is_valid_diagonal(a, b)) {
                int other = pool_.split(a, b);
                a = filter(a, pool_[a].next);
                other = filter(other, pool_[other].next);
                clip(a);
                clip(other);
                return;
            }
        }
        a = pool_[a].next;
    } while (a != start);
}

bool Triangulator::is_valid_diagonal(int a, int b) const {
    const Vertex& va = pool_[a];
    const Vertex& vb = pool_[b];
    if (pool_[va.next].source == vb.source) {
        return false;
    }

    // Two copies of one position at reflex corners, joined by a zero-length
    // diagonal where a ring touches itself.
    const bool zero_length = same_position(va, vb) &&
                             cross(pool_[va.prev], va, pool_[va.next]) < 0 &&
                             cross(pool_[vb.prev], vb, pool_[vb.next]) < 0;

    // Otherwise the diagonal must leave both corners into the interior and
    // not leave a zero-area piece behind.
    const bool locally_visible = pool_.locally_inside(a, b) && pool_.locally_inside(b, a) &&
                                 (cross(pool_[va.prev], va, pool_[vb.prev]) != 0 ||
                                  cross(va, pool_[vb.prev], vb) != 0);
    if (!zero_length && !locally_visible) {
        return false;
    }
    return !pool_.crosses_ring(a, b) && (zero_length || pool_.middle_inside(a, b));
}

std::uint32_t Triangulator::z_order(double x, double y) const {
    // Spread the 15 bits of each coordinate over the even and odd bits.
    const auto spread = [](std::uint32_t v) {
        v = (v | (v << 8)) & 0x00FF00FFu;
        v = (v | (v << 4)) & 0x0F0F0F0Fu;
        v = (v | (v << 2)) & 0x33333333u;
        v = (v | (v << 1)) & 0x55555555u;
        return v;
    };
    const auto cell = [this](double value, double min) {
        const double scaled = (value - min) * inverse_size_;
        return static_cast<std::uint32_t>(std::clamp(scaled, 0.0, 32767.0));
    };
    return spread(cell(x, min_x_)) | (spread(cell(y, min_y_)) << 1);
}

void Triangulator::index_curve(int start) {
    std::vector<int> ring;
    int p = start;
    do {
        pool_[p].z = z_order(pool_[p].x, pool_[p].y);
        ring.push_back(p);
        p = pool_[p].next;
    } while (p != start);

    std::stable_sort(ring.begin(), ring.end(),
                     [this](int a, int b) { return pool_[a].z < pool_[b].z; });
    for (std::size_t i = 0; i < ring.size(); ++i) {
        pool_[ring[i]].prev_z = i == 0 ? none : ring[i - 1];
        pool_[ring[i]].next_z = i + 1 == ring.size() ? none : ring[i + 1];
    }
}

} // namespace badung::tessellate::detail

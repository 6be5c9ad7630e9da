#include "core/tessellate/polygon.hpp"

#include "core/tessellate/triangulator.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <utility>

namespace badung::tessellate {

namespace detail {

namespace {

// Above this many vertices the ear test looks only at vertices near the ear
// in z-order, instead of at the whole ring.
constexpr std::size_t hashing_threshold = 80;

// The ring's vertices without the closing duplicate of the first.
std::size_t open_size(const std::vector<Point2>& ring) {
    if (ring.size() > 1 && ring.front() == ring.back()) {
        return ring.size() - 1;
    }
    return ring.size();
}

double signed_area(const std::vector<Point2>& ring, std::size_t count) {
    double twice_area = 0.0;
    for (std::size_t i = 0, j = count - 1; i < count; j = i++) {
        twice_area += (ring[j].x - ring[0].x) * (ring[i].y - ring[0].y) -
                      (ring[i].x - ring[0].x) * (ring[j].y - ring[0].y);
    }
    return twice_area;
}

bool finite(const Point2& p) {
    return std::isfinite(p.x) && std::isfinite(p.y);
}

} // namespace

Triangulator::Triangulator(const std::vector<std::vector<Point2>>& rings) : rings_(rings) {}

int Triangulator::build_ring(const std::vector<Point2>& ring, std::uint32_t offset,
                             bool counterclockwise) {
    const std::size_t count = open_size(ring);
    if (count == 0) {
        return none;
    }

    const bool reverse = (signed_area(ring, count) > 0) != counterclockwise;
    int last = none;
    for (std::size_t k = 0; k < count; ++k) {
        const std::size_t i = reverse ? count - 1 - k : k;
        if (!finite(ring[i])) {
            continue;
        }
        last = pool_.insert_after(last, offset + static_cast<std::uint32_t>(i), ring[i].x,
                                  ring[i].y);
    }

    if (last == none) {
        return none;
    }

    // A repeated first vertex at the end closes the ring, so it is dropped.
    // The ring starts at the input's first vertex when closed, else at the
    // last one inserted. The start decides which edge the hole bridging meets
    // first when several qualify.
    const int first = pool_[last].next;
    if (first != last && same_position(pool_[last], pool_[first])) {
        pool_.remove(last);
        return first;
    }
    const bool closed = count < ring.size();
    return closed && !reverse ? first : last;
}

std::vector<std::uint32_t> Triangulator::run() {
    if (rings_.empty()) {
        return {};
    }

    std::size_t total = 0;
    for (const auto& ring : rings_) {
        total += ring.size();
    }
    pool_.vertices.reserve(total + 4 * rings_.size());

    int exterior = build_ring(rings_[0], 0, true);
    if (exterior == none || pool_[exterior].next == pool_[exterior].prev) {
        return {};
    }

    std::vector<int> holes;
    std::uint32_t offset = static_cast<std::uint32_t>(rings_[0].size());
    for (std::size_t r = 1; r < rings_.size(); ++r) {
        const int hole = build_ring(rings_[r], offset, false);
        if (hole != none) {
            holes.push_back(hole);
        }
        offset += static_cast<std::uint32_t>(rings_[r].size());
    }
    if (!holes.empty()) {
        exterior = join_holes(exterior, holes);
    }

    if (total > hashing_threshold) {
        double max_x = -std::numeric_limits<double>::infinity();
        double max_y = max_x;
        min_x_ = std::numeric_limits<double>::infinity();
        min_y_ = min_x_;
        for (const Vertex& v : pool_.vertices) {
            min_x_ = std::min(min_x_, v.x);
            min_y_ = std::min(min_y_, v.y);
            max_x = std::max(max_x, v.x);
            max_y = std::max(max_y, v.y);
        }
        const double size = std::max(max_x - min_x_, max_y - min_y_);
        inverse_size_ = size > 0 ? 32767.0 / size : 0.0;
        hashed_ = inverse_size_ > 0;
    }

    triangles_.reserve(3 * total);
    clip(exterior);
    return std::move(triangles_);
}

void Triangulator::emit(int a, int b, int c) {
    // Ears are counterclockwise already; a triangle cut by the self-crossing
    // cure may not be, and a zero-area one adds nothing to a fill.
    const double twice_area = cross(pool_[a], pool_[b], pool_[c]);
    if (twice_area == 0) {
        return;
    }
    if (twice_area < 0) {
        std::swap(b, c);
    }
    triangles_.push_back(pool_[a].source);
    triangles_.push_back(pool_[b].source);
    triangles_.push_back(pool_[c].source);
}

} // namespace detail

std::vector<std::uint32_t> triangulate(const std::vector<std::vector<Point2>>& rings) {
    return detail::Triangulator(rings).run();
}

} // namespace badung::tessellate

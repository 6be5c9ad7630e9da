#include "core/tessellate/line.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>
#include <utility>

namespace badung::tessellate {

namespace {

struct Vector2 {
    double x = 0.0;
    double y = 0.0;
};

Point2 offset(Point2 p, Vector2 v, double scale) {
    return {p.x + v.x * scale, p.y + v.y * scale};
}

double cross(Vector2 a, Vector2 b) {
    return a.x * b.y - a.y * b.x;
}

// Unit normal to the left of the direction a -> b.
Vector2 left_normal(Point2 a, Point2 b) {
    const double dx = b.x - a.x;
    const double dy = b.y - a.y;
    const double length = std::hypot(dx, dy);
    return {-dy / length, dx / length};
}

class MeshBuilder {
public:
    explicit MeshBuilder(TriangleMesh& mesh) : mesh_(mesh) {}

    // Adds a triangle, turned counterclockwise; a zero-area one is skipped.
    void triangle(Point2 a, Point2 b, Point2 c) {
        const double twice_area = (b.x - a.x) * (c.y - a.y) - (b.y - a.y) * (c.x - a.x);
        if (twice_area == 0) {
            return;
        }
        if (twice_area < 0) {
            std::swap(b, c);
        }
        const auto first = static_cast<std::uint32_t>(mesh_.vertices.size());
        mesh_.vertices.insert(mesh_.vertices.end(), {a, b, c});
        mesh_.indices.insert(mesh_.indices.end(), {first, first + 1, first + 2});
    }

    // Adds the quad of the segment a-b at half width h.
    void segment(Point2 a, Point2 b, double h) {
        const Vector2 n = left_normal(a, b);
        const Point2 a_left = offset(a, n, h);
        const Point2 a_right = offset(a, n, -h);
        const Point2 b_left = offset(b, n, h);
        const Point2 b_right = offset(b, n, -h);

        // Shared vertices keep the quad to 4 vertices and 6 indices.
        const auto first = static_cast<std::uint32_t>(mesh_.vertices.size());
        mesh_.vertices.insert(mesh_.vertices.end(), {a_right, b_right, b_left, a_left});
        mesh_.indices.insert(mesh_.indices.end(),
                             {first, first + 1, first + 2, first, first + 2, first + 3});
    }

    // Adds a fan around centre from direction `from` turning by `angle`
    // (counterclockwise when positive) at radius h.
    void fan(Point2 centre, Vector2 from, double angle, double h, double step) {
        const int count = std::max(1, static_cast<int>(std::ceil(std::abs(angle) / step)));
        const double start = std::atan2(from.y, from.x);
        Point2 previous = offset(centre, from, h);
        for (int i = 1; i <= count; ++i) {
            const double a = start + angle * i / count;
            const Point2 next{centre.x + std::cos(a) * h, centre.y + std::sin(a) * h};
            triangle(centre, previous, next);
            previous = next;
        }
    }

private:
    TriangleMesh& mesh_;
};

std::vector<Point2> distinct_points(const std::vector<Point2>& path) {
    std::vector<Point2> points;
    points.reserve(path.size());
    for (const Point2& p : path) {
        if (!std::isfinite(p.x) || !std::isfinite(p.y)) {
            return {};
        }
        if (points.empty() || !(points.back() == p)) {
            points.push_back(p);
        }
    }
    return points;
}

// Adds the join at b between segments a-b and b-c on the outer side of the turn.
void join(MeshBuilder& builder, Point2 a, Point2 b, Point2 c, const LineStyle& style) {
    const double h = style.width / 2;
    const Vector2 n_in = left_normal(a, b);
    const Vector2 n_out = left_normal(b, c);
    const double turn = cross(n_in, n_out); // > 0: left turn, outer side is right
    if (turn == 0 && n_in.x * n_out.x + n_in.y * n_out.y > 0) {
        return; // straight on
    }

    // The outer side is right of a left turn, left of a right turn.
    const double side = turn > 0 ? -1.0 : 1.0;
    const Vector2 outer_in{n_in.x * side, n_in.y * side};
    const Vector2 outer_out{n_out.x * side, n_out.y * side};
    const Point2 corner_in = offset(b, outer_in, h);
    const Point2 corner_out = offset(b, outer_out, h);

    if (style.join == LineJoin::round) {
        const double angle = std::atan2(cross(outer_in, outer_out),
                                        outer_in.x * outer_out.x + outer_in.y * outer_out.y);
        builder.fan(b, outer_in, angle, h, style.round_step);
        return;
    }

    builder.triangle(b, corner_in, corner_out);
    if (style.join == LineJoin::bevel) {
        return;
    }

    // The miter tip lies along the bisector at h / cos(half the turn angle).
    const Vector2 bisector{outer_in.x + outer_out.x, outer_in.y + outer_out.y};
    const double bisector_length = std::hypot(bisector.x, bisector.y);
    if (bisector_length == 0) {
        return; // a full reversal has no miter
    }
    const double cos_half = bisector_length / 2;
    const double ratio = 1 / cos_half;
    if (ratio > style.miter_limit) {
        return; // too sharp: the bevel stays
    }
    const Vector2 unit{bisector.x / bisector_length, bisector.y / bisector_length};
    builder.triangle(corner_in, offset(b, unit, h * ratio), corner_out);
}

void cap(MeshBuilder& builder, Point2 end, Point2 inner, const LineStyle& style) {
    const double h = style.width / 2;
    const Vector2 n = left_normal(inner, end);
    const Vector2 forward{n.y, -n.x}; // direction inner -> end

    if (style.cap == LineCap::round) {
        builder.fan(end, n, -std::numbers::pi, h, style.round_step);
    } else if (style.cap == LineCap::square) {
        builder.segment(end, offset(end, forward, h), h);
    }
}

} // namespace

TriangleMesh tessellate_line(const std::vector<Point2>& path, const LineStyle& style) {
    TriangleMesh mesh;
    if (!(style.width > 0) || !std::isfinite(style.width)) {
        return mesh;
    }
    std::vector<Point2> points = distinct_points(path);
    const bool closed = points.size() > 2 && points.front() == points.back();
    if (closed) {
        points.pop_back();
    }
    if (points.size() < 2) {
        return mesh;
    }

    MeshBuilder builder(mesh);
    const double h = style.width / 2;
    const std::size_t n = points.size();
    const std::size_t segments = closed ? n : n - 1;
    for (std::size_t i = 0; i < segments; ++i) {
        builder.segment(points[i], points[(i + 1) % n], h);
    }

    for (std::size_t i = 1; i + 1 < n; ++i) {
        join(builder, points[i - 1], points[i], points[i + 1], style);
    }
    if (closed) {
        join(builder, points[n - 2], points[n - 1], points[0], style);
        join(builder, points[n - 1], points[0], points[1], style);
    } else {
        cap(builder, points[0], points[1], style);
        cap(builder, points[n - 1], points[n - 2], style);
    }
    return mesh;
}

} // namespace badung::tessellate

#pragma once

#include "core/tessellate/polygon.hpp"

#include <cstdint>
#include <vector>

namespace badung::tessellate {

// Shape where two segments of a line meet (MapLibre's line-join).
enum class LineJoin : std::uint8_t { miter, bevel, round };

// Shape of a line's ends (MapLibre's line-cap).
enum class LineCap : std::uint8_t { butt, round, square };

struct LineStyle {
    double width = 1.0; // full width, in the path's units
    LineJoin join = LineJoin::miter;
    LineCap cap = LineCap::butt;

    // Largest ratio of a miter's length (from the path point to its tip) to
    // half the width; a sharper turn gets a bevel instead. MapLibre's
    // line-miter-limit, default 2.
    double miter_limit = 2.0;

    // Largest angle in radians that one triangle of a round join or cap spans.
    double round_step = 0.2;
};

// Triangles in their own vertex list, ready for one vertex buffer.
struct TriangleMesh {
    std::vector<Point2> vertices;
    std::vector<std::uint32_t> indices; // three per triangle, counterclockwise
};

// Tessellates a polyline into triangles: one quad per segment, join
// triangles on the outer side of each turn, and caps at both ends. A path
// whose last point equals its first is closed: it gets a join there instead
// of caps. Repeated points are skipped; a path with fewer than 2 distinct
// points, a width that is not positive, or non-finite coordinates give an
// empty mesh.
// NOTE: the segments' quads overlap on the inner side of each turn, so a
// translucent line needs a stencil or depth test to blend once.
TriangleMesh tessellate_line(const std::vector<Point2>& path, const LineStyle& style);

} // namespace badung::tessellate

#pragma once

#include <cstdint>
#include <vector>

namespace badung::tessellate {

// A vertex in any plane coordinates (lon/lat degrees, world units, tile
// pixels): only orientation and ratios matter to the triangulation.
struct Point2 {
    double x = 0.0;
    double y = 0.0;

    friend bool operator==(const Point2&, const Point2&) = default;
};

// Triangulates a polygon with holes by ear clipping, holes joined to the
// exterior by bridge edges first.
//
// rings[0] is the exterior ring and every later ring a hole; either winding
// is accepted for each. A ring may repeat its first vertex at the end
// (closed, as in GeoJSON). A hole of a single vertex is a Steiner point that
// the triangles must use.
//
// Returns three indices per triangle into the rings' vertices concatenated in
// order (closing duplicates included in the count, never referenced). Every
// triangle is counterclockwise in a y-up plane (x east, y north) and has
// positive area. Collinear and repeated vertices are tolerated. Degenerate
// input (fewer than 3 distinct exterior vertices, zero area, non-finite
// coordinates) gives fewer or no triangles and throws nothing.
// Self-intersecting rings are triangulated as well as the ear clipper can,
// so the triangles may then miss or double-cover a little area.
//
// NOTE: the time grows quadratically when a hole has tens of thousands of
// vertices close to the exterior ring: a 70,000-vertex annulus took about
// 20 s on one core (g++ 12, -O2), while a 70,000-vertex ring with a small
// hole takes 0.05 s.
std::vector<std::uint32_t> triangulate(const std::vector<std::vector<Point2>>& rings);

} // namespace badung::tessellate

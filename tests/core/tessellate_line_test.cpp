#include "core/tessellate/line.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <numbers>
#include <vector>

using namespace badung::tessellate;

namespace {

struct MeshSummary {
    double area = 0;
    double min_area = 0;
    std::size_t triangles = 0;
};

double twice_area(Point2 a, Point2 b, Point2 c) {
    return (b.x - a.x) * (c.y - a.y) - (b.y - a.y) * (c.x - a.x);
}

MeshSummary summarize(const TriangleMesh& mesh) {
    MeshSummary summary;
    REQUIRE(mesh.indices.size() % 3 == 0);
    summary.triangles = mesh.indices.size() / 3;
    summary.min_area = INFINITY;
    for (std::size_t i = 0; i < mesh.indices.size(); i += 3) {
        REQUIRE(mesh.indices[i + 2] < mesh.vertices.size());
        const double area = twice_area(mesh.vertices[mesh.indices[i]],
                                       mesh.vertices[mesh.indices[i + 1]],
                                       mesh.vertices[mesh.indices[i + 2]]) / 2;
        summary.area += area;
        summary.min_area = std::min(summary.min_area, area);
    }
    return summary;
}

// True when some triangle of the mesh contains p.
bool covers(const TriangleMesh& mesh, Point2 p) {
    for (std::size_t i = 0; i < mesh.indices.size(); i += 3) {
        const Point2 a = mesh.vertices[mesh.indices[i]];
        const Point2 b = mesh.vertices[mesh.indices[i + 1]];
        const Point2 c = mesh.vertices[mesh.indices[i + 2]];
        if (twice_area(a, b, p) >= 0 && twice_area(b, c, p) >= 0 && twice_area(c, a, p) >= 0) {
            return true;
        }
    }
    return false;
}

LineStyle style_of(LineJoin join, LineCap cap) {
    LineStyle style;
    style.width = 2.0;
    style.join = join;
    style.cap = cap;
    return style;
}

const std::vector<Point2> straight{{0, 0}, {10, 0}};
const std::vector<Point2> right_angle{{0, 0}, {10, 0}, {10, 10}};

} // namespace

TEST_CASE("straight line with each cap", "[tessellate][line]") {
    const MeshSummary butt = summarize(tessellate_line(straight, style_of(LineJoin::miter, LineCap::butt)));
    CHECK(butt.triangles == 2);
    CHECK(butt.area == Approx(20.0));
    CHECK(butt.min_area > 0);

    const MeshSummary square =
        summarize(tessellate_line(straight, style_of(LineJoin::miter, LineCap::square)));
    CHECK(square.area == Approx(24.0));

    // Two half discs of radius 1, drawn as polygons with steps of 0.2 rad.
    const MeshSummary round = summarize(tessellate_line(straight, style_of(LineJoin::miter, LineCap::round)));
    CHECK(round.area == Approx(20.0 + std::numbers::pi).epsilon(0.01));
    CHECK(round.area < 20.0 + std::numbers::pi);
    CHECK(round.min_area > 0);
}

TEST_CASE("right angle with each join", "[tessellate][line]") {
    const TriangleMesh miter = tessellate_line(right_angle, style_of(LineJoin::miter, LineCap::butt));
    const TriangleMesh bevel = tessellate_line(right_angle, style_of(LineJoin::bevel, LineCap::butt));
    const TriangleMesh round = tessellate_line(right_angle, style_of(LineJoin::round, LineCap::butt));

    // Two quads of 20 each; the outer corner adds a half square (bevel), a
    // full square (miter) or a quarter disc (round) of side or radius 1.
    CHECK(summarize(bevel).area == Approx(40.5));
    CHECK(summarize(miter).area == Approx(41.0));
    CHECK(summarize(round).area == Approx(40.0 + std::numbers::pi / 4).epsilon(0.005));

    // The outer corner (11, -1) region is filled only by the miter.
    CHECK(covers(miter, {10.9, -0.9}));
    CHECK_FALSE(covers(bevel, {10.9, -0.9}));
    CHECK_FALSE(covers(round, {10.9, -0.9}));
    CHECK(covers(round, {10.6, -0.6}));

    for (const TriangleMesh* mesh : {&miter, &bevel, &round}) {
        CHECK(summarize(*mesh).min_area > 0);
    }
}

TEST_CASE("sharp turn falls back to bevel", "[tessellate][line]") {
    const std::vector<Point2> hairpin{{0, 0}, {10, 0}, {0, 1}};
    const MeshSummary miter = summarize(tessellate_line(hairpin, style_of(LineJoin::miter, LineCap::butt)));
    const MeshSummary bevel = summarize(tessellate_line(hairpin, style_of(LineJoin::bevel, LineCap::butt)));
    CHECK(miter.area == Approx(bevel.area));
    CHECK(miter.triangles == bevel.triangles);

    LineStyle unlimited = style_of(LineJoin::miter, LineCap::butt);
    unlimited.miter_limit = 100.0;
    CHECK(summarize(tessellate_line(hairpin, unlimited)).area > bevel.area);
}

TEST_CASE("closed path has joins and no caps", "[tessellate][line]") {
    const std::vector<Point2> square{{0, 0}, {10, 0}, {10, 10}, {0, 10}, {0, 0}};
    const TriangleMesh mesh = tessellate_line(square, style_of(LineJoin::miter, LineCap::round));
    const MeshSummary summary = summarize(mesh);

    // Four quads of 20 and four miter corners of 1.
    CHECK(summary.area == Approx(84.0));
    CHECK(covers(mesh, {-0.9, -0.9}));
    CHECK(covers(mesh, {10.9, 10.9}));
    CHECK_FALSE(covers(mesh, {5, 5}));
}

TEST_CASE("line skips repeated points", "[tessellate][line]") {
    const std::vector<Point2> repeated{{0, 0}, {0, 0}, {5, 0}, {5, 0}, {10, 0}};
    const MeshSummary summary = summarize(tessellate_line(repeated, style_of(LineJoin::miter, LineCap::butt)));
    CHECK(summary.area == Approx(20.0));
    CHECK(summary.min_area > 0);
}

TEST_CASE("degenerate lines give empty meshes", "[tessellate][line]") {
    const LineStyle style = style_of(LineJoin::round, LineCap::round);
    CHECK(tessellate_line({}, style).indices.empty());
    CHECK(tessellate_line({{1, 1}}, style).indices.empty());
    CHECK(tessellate_line({{1, 1}, {1, 1}, {1, 1}}, style).indices.empty());
    CHECK(tessellate_line({{0, 0}, {NAN, 1}}, style).indices.empty());

    LineStyle zero_width = style;
    zero_width.width = 0;
    CHECK(tessellate_line(straight, zero_width).indices.empty());
}

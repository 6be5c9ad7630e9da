// ContainmentGrid, the inside/outside/boundary raster of the kNN index, and
// RadixQueue, its search queue: the grid's class off the boundary must match
// geometry::contains, on cell edges, ring borders and hole borders too.

#include "core/geometry/contains.hpp"
#include "core/geometry/indexed_shape.hpp"
#include "core/query/containment_grid.hpp"
#include "core/query/radix_queue.hpp"

#include "test_random.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <limits>
#include <vector>

using badung::geo::LonLat;
using badung::geojson::Geometry;
using badung::geojson::GeometryType;
using badung::geojson::LinearRing;
using badung::geojson::Polygon;
using badung::query::ContainmentGrid;
using badung::query::RadixQueue;
using badung::test::Random;

namespace {

using Cell = ContainmentGrid::Cell;

Geometry polygons(std::vector<Polygon> parts) {
    Geometry geometry;
    geometry.type = parts.size() == 1 ? GeometryType::polygon : GeometryType::multi_polygon;
    geometry.polygons = std::move(parts);
    return geometry;
}

LinearRing rectangle(double west, double south, double east, double north) {
    return {{west, south}, {east, south}, {east, north}, {west, north}, {west, south}};
}

// A ring around centre whose radius varies between roughness * radius and radius.
LinearRing jagged(Random& random, LonLat centre, double radius, int vertices, double roughness = 0.6) {
    LinearRing ring;
    for (int i = 0; i < vertices; ++i) {
        const double angle = 2 * 3.141592653589793 * i / vertices;
        const double r = radius * random.uniform(roughness, 1.0);
        ring.push_back({centre.lon + r * std::cos(angle), centre.lat + r * std::sin(angle)});
    }
    ring.push_back(ring.front());
    return ring;
}

// The shapes under test: a square with a hole, a jagged coast with a
// jagged hole, two squares sharing an edge as one multi-polygon, a thin
// triangle with long diagonal edges, an open ring and a two-position ring.
std::vector<Geometry> shapes(Random& random) {
    std::vector<Geometry> found;
    found.push_back(polygons({Polygon{{rectangle(115.0, -8.8, 115.1, -8.7), rectangle(115.02, -8.78, 115.08, -8.72)}}}));
    found.push_back(polygons({Polygon{{jagged(random, {115.2, -8.6}, 0.05, 500), jagged(random, {115.2, -8.6}, 0.015, 90)}}}));
    found.push_back(polygons({Polygon{{rectangle(115.0, -8.5, 115.05, -8.45)}}, Polygon{{rectangle(115.05, -8.5, 115.1, -8.45)}}}));
    found.push_back(polygons({Polygon{{{{115.0, -8.9}, {115.3, -8.85}, {115.01, -8.8}, {115.0, -8.9}}}}}));
    found.push_back(polygons({Polygon{{{{115.1, -8.4}, {115.2, -8.4}, {115.2, -8.3}, {115.1, -8.3}}}}}));
    found.push_back(polygons({Polygon{{{{115.1, -8.4}, {115.2, -8.3}}}}}));
    return found;
}

struct Counts {
    int inside = 0;
    int outside = 0;
    int boundary = 0;
};

// A cell off the boundary must give geometry::contains; a boundary cell
// leaves the answer to the exact test, so it cannot be wrong.
void check_position(const ContainmentGrid& grid, const Geometry& geometry, LonLat p, Counts& counts) {
    const Cell cell = grid.classify(p);
    if (cell == Cell::boundary) {
        ++counts.boundary;
        return;
    }
    ++(cell == Cell::inside ? counts.inside : counts.outside);
    INFO("position " << p.lon << " " << p.lat);
    CHECK((cell == Cell::inside) == badung::geometry::contains(geometry, p));
}

struct Built {
    Geometry geometry;
    badung::geometry::IndexedShape shape;
    ContainmentGrid grid;

    explicit Built(Geometry source) : geometry(std::move(source)), shape(geometry), grid(geometry, shape) {}
};

} // namespace

TEST_CASE("ContainmentGrid matches contains at random positions", "[containment_grid]") {
    Random random(41);
    for (Geometry& source : shapes(random)) {
        const Built built(std::move(source));
        const badung::geo::BBox box = built.geometry.bbox();
        Counts counts;
        for (int i = 0; i < 20000; ++i) {
            const LonLat p{random.uniform(box.west - 0.01, box.east + 0.01), random.uniform(box.south - 0.01, box.north + 0.01)};
            check_position(built.grid, built.geometry, p, counts);
        }
        CHECK(counts.inside + counts.outside > 2000);
    }
}

TEST_CASE("ContainmentGrid skips most exact tests", "[containment_grid]") {
    Random random(42);
    const Built built(polygons({Polygon{{jagged(random, {115.2, -8.6}, 0.05, 500, 0.97), jagged(random, {115.2, -8.6}, 0.015, 90, 0.97)}}}));
    const badung::geo::BBox box = built.geometry.bbox();
    Counts counts;
    for (int i = 0; i < 20000; ++i) {
        check_position(built.grid, built.geometry, {random.uniform(box.west, box.east), random.uniform(box.south, box.north)},
                       counts);
    }
    CHECK(counts.inside > 5000);
    CHECK(counts.outside > 5000);
    CHECK(counts.boundary < 4000);
}

TEST_CASE("ContainmentGrid on cell edges and corners", "[containment_grid]") {
    Random random(43);
    for (Geometry& source : shapes(random)) {
        const Built built(std::move(source));
        const ContainmentGrid& grid = built.grid;
        Counts counts;
        for (std::uint32_t row = 0; row < grid.rows(); row += 3) {
            for (std::uint32_t column = 0; column < grid.columns(); column += 3) {
                const badung::geo::BBox cell = grid.cell_box(column, row);
                const double mid_lon = (cell.west + cell.east) / 2;
                const double mid_lat = (cell.south + cell.north) / 2;
                for (const LonLat corner : {LonLat{cell.west, cell.south}, LonLat{cell.west, mid_lat}, LonLat{mid_lon, cell.south}}) {
                    check_position(grid, built.geometry, corner, counts);
                    const LonLat below{std::nextafter(corner.lon, -180.0), std::nextafter(corner.lat, -90.0)};
                    check_position(grid, built.geometry, below, counts);
                }
            }
        }
        CHECK(counts.inside + counts.outside + counts.boundary > 0);
    }
}

TEST_CASE("ContainmentGrid on ring and hole borders", "[containment_grid]") {
    Random random(44);
    for (Geometry& source : shapes(random)) {
        const Built built(std::move(source));
        Counts counts;
        for (const Polygon& polygon : built.geometry.polygons) {
            for (const LinearRing& ring : polygon.rings) {
                for (std::size_t i = 0, j = ring.size() - 1; i < ring.size(); j = i++) {
                    const LonLat a = ring[j];
                    const LonLat b = ring[i];
                    const double t = random.uniform(0.0, 1.0);
                    const LonLat on{a.lon + t * (b.lon - a.lon), a.lat + t * (b.lat - a.lat)};

                    // On the edge, at a vertex, and just off the edge on
                    // either side, closer than and beyond the tolerance.
                    for (const double offset : {0.0, 5e-10, -5e-10, 3e-9, -3e-9, 1e-6, -1e-6}) {
                        check_position(built.grid, built.geometry, {on.lon + offset, on.lat - offset}, counts);
                    }
                    check_position(built.grid, built.geometry, a, counts);
                    CHECK(built.grid.classify(on) == Cell::boundary);
                }
            }
        }
    }
}

TEST_CASE("ContainmentGrid NaN and far positions", "[containment_grid]") {
    Random random(45);
    const Built built(shapes(random)[0]);
    const double nan = std::numeric_limits<double>::quiet_NaN();
    CHECK(built.grid.classify({nan, -8.75}) == Cell::boundary);
    CHECK(built.grid.classify({115.05, nan}) == Cell::boundary);
    CHECK(built.grid.classify({120.0, -8.75}) == Cell::boundary);
    CHECK(built.grid.classify({115.05, 10.0}) == Cell::boundary);
}

namespace {

struct Keyed {
    double key;
    int id;
};

} // namespace

TEST_CASE("RadixQueue pops keys in ascending order", "[containment_grid]") {
    Random random(46);
    RadixQueue<Keyed> queue;
    for (int round = 0; round < 3; ++round) {
        queue.clear();
        double last = 0.0;
        int pushed = 0;
        int popped = 0;
        for (int step = 0; step < 5000; ++step) {
            if (queue.empty() || random.integer(0, 2) > 0) {
                // Keys at or above the last one taken out, over many binary exponents.
                const double key = last + std::pow(10.0, random.uniform(-14.0, 0.0)) * random.integer(0, 1);
                queue.push({key, pushed++});
                continue;
            }
            const Keyed entry = queue.pop();
            ++popped;
            INFO("step " << step);
            CHECK(entry.key >= last);
            last = entry.key;
        }
        while (!queue.empty()) {
            const Keyed entry = queue.pop();
            ++popped;
            CHECK(entry.key >= last);
            last = entry.key;
        }
        CHECK(popped == pushed);
    }
}

TEST_CASE("RadixQueue raises keys below the last one", "[containment_grid]") {
    RadixQueue<Keyed> queue;
    queue.push({0.5, 1});
    queue.push({0.25, 2});
    CHECK(queue.pop().id == 2);
    queue.push({0.1, 3});
    queue.push({-0.0, 4});
    queue.push({std::numeric_limits<double>::quiet_NaN(), 5});
    for (int i = 0; i < 3; ++i) {
        const Keyed raised = queue.pop();
        CHECK(raised.id >= 3);
        CHECK(raised.key == 0.25);
    }
    CHECK(queue.pop().id == 1);
    CHECK(queue.empty());
}

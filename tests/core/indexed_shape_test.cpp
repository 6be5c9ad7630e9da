// IndexedShape must answer exactly as geometry::contains and
// geometry::distance_m, which it speeds up by skipping runs of segments.

#include "core/geometry/contains.hpp"
#include "core/geometry/distance.hpp"
#include "core/geometry/indexed_shape.hpp"
#include "test_random.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <numbers>
#include <vector>

using badung::geojson::Geometry;
using badung::geojson::GeometryType;
using badung::geojson::Polygon;
using badung::geojson::Position;
using badung::geometry::IndexedShape;

namespace {

// A closed star-shaped ring of n positions around a centre, with a radius
// that varies so some edges run east-west and some north-south.
std::vector<Position> star_ring(badung::test::Random& random, Position centre, double radius, int n) {
    std::vector<Position> ring;
    for (int i = 0; i < n; ++i) {
        const double angle = 2.0 * std::numbers::pi * i / n;
        const double r = radius * random.uniform(0.3, 1.0);
        ring.push_back({centre.lon + r * std::cos(angle), centre.lat + r * std::sin(angle)});
    }
    ring.push_back(ring.front());
    return ring;
}

Geometry random_geometry(badung::test::Random& random) {
    Geometry geometry;
    const int parts = static_cast<int>(random.integer(1, 3));
    const bool lines = random.chance(0.3);
    geometry.type = lines ? GeometryType::multi_line_string : GeometryType::multi_polygon;
    for (int part = 0; part < parts; ++part) {
        const Position centre{115.2 + random.uniform(-0.05, 0.05), -8.6 + random.uniform(-0.05, 0.05)};
        const double radius = random.uniform(0.002, 0.03);
        const int n = static_cast<int>(random.integer(3, 120));
        if (lines) {
            std::vector<Position> path = star_ring(random, centre, radius, n);
            path.resize(static_cast<std::size_t>(random.integer(2, static_cast<std::int64_t>(path.size()))));
            geometry.lines.push_back(path);
            continue;
        }
        Polygon polygon{{star_ring(random, centre, radius, n)}};
        if (random.chance(0.5)) {
            polygon.rings.push_back(star_ring(random, centre, radius * 0.2, static_cast<int>(random.integer(3, 40))));
        }
        geometry.polygons.push_back(polygon);
    }
    return geometry;
}

// Query positions: random ones, vertices, edge midpoints and the centres.
std::vector<Position> probes(badung::test::Random& random, const Geometry& geometry) {
    std::vector<Position> found;
    for (int i = 0; i < 30; ++i) {
        found.push_back({115.2 + random.uniform(-0.12, 0.12), -8.6 + random.uniform(-0.12, 0.12)});
    }
    const auto add_path = [&](const std::vector<Position>& path) {
        for (std::size_t i = 1; i < path.size(); i += 7) {
            found.push_back(path[i]);
            found.push_back({(path[i - 1].lon + path[i].lon) / 2, (path[i - 1].lat + path[i].lat) / 2});
        }
    };
    for (const auto& line : geometry.lines) {
        add_path(line);
    }
    for (const Polygon& polygon : geometry.polygons) {
        for (const auto& ring : polygon.rings) {
            add_path(ring);
        }
    }
    return found;
}

} // namespace

TEST_CASE("IndexedShape matches unindexed functions", "[geometry][index]") {
    badung::test::Random random(4041);
    int compared = 0;
    int inside = 0;
    for (int g = 0; g < 300; ++g) {
        const Geometry geometry = random_geometry(random);
        const IndexedShape shape(geometry);
        for (const Position p : probes(random, geometry)) {
            const bool expected_inside = badung::geometry::contains(geometry, p);
            REQUIRE(shape.contains(geometry, p) == expected_inside);
            REQUIRE(shape.distance_m(p, geometry) == badung::geometry::distance_m(p, geometry));
            inside += expected_inside ? 1 : 0;
            ++compared;
        }
    }
    CHECK(compared > 10'000);
    CHECK(inside > 500);
}

TEST_CASE("IndexedShape falls back outside its index", "[geometry][index]") {
    Geometry points;
    points.type = GeometryType::multi_point;
    points.points = {{115.1, -8.7}, {115.2, -8.6}};
    const IndexedShape point_shape(points);
    CHECK(point_shape.distance_m({115.2, -8.6}, points) == 0.0);
    CHECK(point_shape.distance_m({115.3, -8.6}, points) == badung::geometry::distance_m({115.3, -8.6}, points));

    badung::test::Random random(7);
    const Geometry shape_geometry = random_geometry(random);
    const IndexedShape shape(shape_geometry);
    for (const Position far : {Position{-70.0, 40.0}, Position{115.2, 85.0}}) {
        CHECK(shape.distance_m(far, shape_geometry) == badung::geometry::distance_m(far, shape_geometry));
    }

    const Geometry empty;
    const IndexedShape empty_shape(empty);
    CHECK_FALSE(empty_shape.contains(empty, {115.2, -8.6}));
}

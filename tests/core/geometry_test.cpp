#include "core/geo/lon_lat.hpp"
#include "core/geojson/reader.hpp"
#include "core/geometry/area.hpp"
#include "core/geometry/contains.hpp"
#include "core/geometry/distance.hpp"
#include "core/geometry/ring.hpp"
#include "test_data.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>
#include <vector>

using namespace badung::geojson;
using namespace badung::geometry;
using badung::geo::haversine_m;
using badung::test::read_test_file;

namespace {

FeatureCollection load_case(const std::string& folder) {
    return read(read_test_file("cases/" + folder + "/input.geojson"));
}

// Ids of the features whose geometry contains p, in layer order.
std::vector<std::string> ids_containing(const FeatureCollection& layer, Position p) {
    std::vector<std::string> ids;
    for (const Feature& feature : layer.features) {
        if (feature.has_location() && contains(*feature.geometry, p)) {
            ids.push_back(feature.id_text());
        }
    }
    return ids;
}

struct Nearest {
    std::string id;
    double distance_m = std::numeric_limits<double>::infinity();
};

// The located feature nearest to p, by brute force over the layer.
Nearest nearest_feature(const FeatureCollection& layer, Position p) {
    Nearest best;
    for (const Feature& feature : layer.features) {
        if (!feature.has_location()) {
            continue;
        }
        const double d = distance_m(p, *feature.geometry);
        if (d < best.distance_m) {
            best = {feature.id_text(), d};
        }
    }
    return best;
}

const Feature& feature_by_id(const FeatureCollection& layer, const std::string& id) {
    for (const Feature& feature : layer.features) {
        if (feature.id_text() == id) {
            return feature;
        }
    }
    FAIL("no feature with id " << id);
    throw std::logic_error("unreachable");
}

using Ids = std::vector<std::string>;

const Polygon unit_square{{{{0, 0}, {1, 0}, {1, 1}, {0, 1}, {0, 0}}}};

} // namespace

TEST_CASE("signed ring area follows winding", "[geometry]") {
    const LinearRing counterclockwise{{0, 0}, {2, 0}, {2, 1}, {0, 1}, {0, 0}};
    const LinearRing clockwise{{0, 0}, {0, 1}, {2, 1}, {2, 0}, {0, 0}};
    CHECK(signed_ring_area(counterclockwise) == Approx(2.0));
    CHECK(signed_ring_area(clockwise) == Approx(-2.0));
    CHECK(signed_ring_area({{0, 0}, {1, 1}}) == 0.0);
    CHECK(signed_ring_area({}) == 0.0);
}

TEST_CASE("polygon area subtracts holes of any winding", "[geometry]") {
    const LinearRing shell{{0, 0}, {4, 0}, {4, 4}, {0, 4}, {0, 0}};
    const LinearRing hole_same{{1, 1}, {2, 1}, {2, 2}, {1, 2}, {1, 1}};
    const LinearRing hole_reversed{{1, 1}, {1, 2}, {2, 2}, {2, 1}, {1, 1}};
    CHECK(polygon_area(Polygon{{shell, hole_same}}) == Approx(15.0));
    CHECK(polygon_area(Polygon{{shell, hole_reversed}}) == Approx(15.0));
    CHECK(polygon_area(Polygon{}) == 0.0);
}

TEST_CASE("point on an edge counts as inside", "[geometry]") {
    CHECK(polygon_contains(unit_square, {0.5, 0.5}));
    CHECK(polygon_contains(unit_square, {0.5, 0.0}));
    CHECK(polygon_contains(unit_square, {1.0, 0.3}));
    CHECK(polygon_contains(unit_square, {0.0, 0.0}));
    CHECK(polygon_contains(unit_square, {1.0, 1.0}));
    CHECK_FALSE(polygon_contains(unit_square, {1.0 + 1e-8, 0.5}));
    CHECK_FALSE(polygon_contains(unit_square, {-0.5, 0.5}));

    const LinearRing diagonal{{0, 0}, {3, 0}, {0, 3}, {0, 0}};
    CHECK(locate_in_ring({1.5, 1.5}, diagonal) == RingLocation::boundary);
    CHECK(locate_in_ring({1.0, 1.0}, diagonal) == RingLocation::inside);
    CHECK(locate_in_ring({1.6, 1.6}, diagonal) == RingLocation::outside);

    // On a hole's edge is on the polygon's boundary, so inside; within the hole is outside.
    const Polygon with_hole{{{{0, 0}, {4, 0}, {4, 4}, {0, 4}, {0, 0}},
                             {{1, 1}, {2, 1}, {2, 2}, {1, 2}, {1, 1}}}};
    CHECK(polygon_contains(with_hole, {1.0, 1.5}));
    CHECK(polygon_contains(with_hole, {1.5, 2.0}));
    CHECK_FALSE(polygon_contains(with_hole, {1.5, 1.5}));
    CHECK(polygon_contains(with_hole, {3.0, 3.0}));
}

TEST_CASE("contains skips points and lines", "[geometry]") {
    const Geometry point{GeometryType::point, {{0.5, 0.5}}, {}, {}, {}};
    const Geometry line{GeometryType::line_string, {}, {{{0, 0}, {1, 1}}}, {}, {}};
    CHECK_FALSE(contains(point, {0.5, 0.5}));
    CHECK_FALSE(contains(line, {0.5, 0.5}));
}

TEST_CASE("case 001 area and point in polygon", "[geometry][cases]") {
    const FeatureCollection layer = load_case("001-hole-same-winding");
    REQUIRE(layer.features.size() == 3);
    for (const Feature& feature : layer.features) {
        CHECK(area(*feature.geometry) == Approx(0.0016).margin(1e-9));
    }

    CHECK(ids_containing(layer, {115.175, -8.725}).empty());
    CHECK(ids_containing(layer, {115.235, -8.725}).empty());
    CHECK(ids_containing(layer, {115.085, -8.725}).empty());
    CHECK(ids_containing(layer, {115.155, -8.745}) == Ids{"1"});
    CHECK(ids_containing(layer, {115.215, -8.745}) == Ids{"2"});
    CHECK(ids_containing(layer, {115.065, -8.745}) == Ids{"3"});
}

TEST_CASE("case 003 stray ring is ignored", "[geometry][cases]") {
    const FeatureCollection layer = load_case("003-hole-outside-shell");
    CHECK(area(*feature_by_id(layer, "1").geometry) == Approx(0.0009).margin(1e-9));
    CHECK(area(*feature_by_id(layer, "2").geometry) == Approx(0.0004).margin(1e-9));

    CHECK(ids_containing(layer, {115.2725, -8.6125}).empty());
    CHECK(ids_containing(layer, {115.235, -8.605}) == Ids{"1"});
    CHECK(ids_containing(layer, {115.27, -8.59}) == Ids{"2"});
    CHECK(ids_containing(layer, {115.255, -8.61}).empty());
}

TEST_CASE("case 006 nearest skips null geometry", "[geometry][cases]") {
    const FeatureCollection layer = load_case("006-null-geometry-feature");
    const Nearest nearest = nearest_feature(layer, {115.17, -8.72});
    CHECK(nearest.id == "pos-01");
    CHECK(nearest.distance_m == Approx(39.95).margin(0.05));

    // pos-03 has null properties and is still found at its location.
    CHECK(distance_m({115.1809, -8.711}, *feature_by_id(layer, "pos-03").geometry) == 0.0);
}

TEST_CASE("case 009 collection members answer queries", "[geometry][cases]") {
    const FeatureCollection layer = load_case("009-geometrycollection");
    CHECK(area(feature_by_id(layer, "tps-01").geometry->members[2]) ==
          Approx(9.0e-6).margin(1e-12));

    CHECK(ids_containing(layer, {115.2015, -8.6615}) == Ids{"tps-01"});
    CHECK(ids_containing(layer, {115.2100, -8.6700}) == Ids{"tps-02"});
    CHECK(ids_containing(layer, {115.1995, -8.6640}).empty());

    const Position query{115.1985, -8.6655};
    const Nearest nearest = nearest_feature(layer, query);
    CHECK(nearest.id == "tps-01");
    CHECK(nearest.distance_m == Approx(78.18).margin(0.05));

    const NearestPoint road_start = nearest_point(query, *feature_by_id(layer, "tps-01").geometry);
    CHECK(road_start.position.lon == Approx(115.1990).margin(1e-12));
    CHECK(road_start.position.lat == Approx(-8.6650).margin(1e-12));

    CHECK(distance_m(query, *feature_by_id(layer, "ctl-01").geometry) ==
          Approx(716.68).margin(0.05));
}

TEST_CASE("case 011 empty geometries are never found", "[geometry][cases]") {
    const FeatureCollection layer = load_case("011-empty-coordinates");
    const Feature& mixed = feature_by_id(layer, "e5");
    CHECK(area(*mixed.geometry) == Approx(2.5e-5).margin(1e-12));
    CHECK(ids_containing(layer, {115.1925, -8.6575}) == Ids{"e5"});

    const Nearest nearest = nearest_feature(layer, {115.17, -8.65});
    CHECK(nearest.id == "ok");
    for (const char* id : {"e1", "e2", "e3", "e4"}) {
        CHECK(std::isinf(distance_m({115.17, -8.65}, *feature_by_id(layer, id).geometry)));
        CHECK(area(*feature_by_id(layer, id).geometry) == 0.0);
    }
}

TEST_CASE("case 012 valid square answers queries", "[geometry][cases]") {
    const FeatureCollection layer = load_case("012-degenerate-ring");
    CHECK(area(*feature_by_id(layer, "d3").geometry) == Approx(2.5e-5).margin(1e-12));
    CHECK(ids_containing(layer, {115.2425, -8.6975}) == Ids{"d3"});
}

TEST_CASE("distance is zero inside and positive in a hole", "[geometry]") {
    const Geometry park{GeometryType::polygon, {}, {},
                        {Polygon{{{{115.15, -8.75}, {115.2, -8.75}, {115.2, -8.7}, {115.15, -8.7},
                                   {115.15, -8.75}},
                                  {{115.16, -8.74}, {115.19, -8.74}, {115.19, -8.71},
                                   {115.16, -8.71}, {115.16, -8.74}}}}},
                        {}};
    CHECK(distance_m({115.155, -8.745}, park) == 0.0);

    // From the hole's centre the nearest edge is 0.015 degrees of latitude or
    // longitude away; the meridian edge is shorter on the ground.
    const double to_hole_edge = distance_m({115.175, -8.725}, park);
    CHECK(to_hole_edge ==
          Approx(haversine_m({115.175, -8.725}, {115.16, -8.725})).margin(0.001));
}

TEST_CASE("segment distance matches dense sampling", "[geometry]") {
    // Long oblique segments across Badung, against a brute-force minimum over
    // 200,001 samples followed by a local fine search.
    const Geometry road{GeometryType::line_string, {},
                        {{{115.05, -8.85}, {115.30, -8.45}}}, {}, {}};
    const Position queries[] = {{115.2, -8.8}, {115.1, -8.5}, {115.25, -8.7}, {115.06, -8.84}};

    for (const Position q : queries) {
        const auto at = [&](double t) {
            return haversine_m(q, {115.05 + t * 0.25, -8.85 + t * 0.4});
        };
        constexpr int samples = 200000;
        double best_t = 0.0;
        for (int i = 0; i <= samples; ++i) {
            if (at(double(i) / samples) < at(best_t)) {
                best_t = double(i) / samples;
            }
        }
        double expected = at(best_t);
        for (int i = -1000; i <= 1000; ++i) {
            const double t = std::clamp(best_t + i * 1e-8, 0.0, 1.0);
            expected = std::min(expected, at(t));
        }
        CHECK(distance_m(q, road) == Approx(expected).margin(0.001));
        CHECK(distance_m(q, road) <= expected + 1e-6);
    }
}

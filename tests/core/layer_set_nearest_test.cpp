// LayerSet::nearest over mixed layers of points, lines and polygons (holes,
// multi-polygons, shared borders, features with a huge bbox), checked against
// geometry::distance_m over every feature.

#include "core/geometry/distance.hpp"
#include "core/query/layer_set.hpp"

#include "test_random.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

using badung::geo::LonLat;
using badung::geojson::Feature;
using badung::geojson::Geometry;
using badung::geojson::GeometryType;
using badung::geojson::Polygon;
using badung::geojson::Value;
using badung::query::LayerHit;
using badung::query::LayerSet;
using badung::test::Random;

namespace {

Feature make_feature(int id, Geometry geometry, const std::string& category = {}) {
    Feature feature;
    feature.id = Value{Value::Kind::number, false, std::to_string(id)};
    if (!category.empty()) {
        feature.properties.push_back({"category", Value{Value::Kind::string, false, category}});
    }
    feature.geometry = std::move(geometry);
    return feature;
}

Geometry point(LonLat p) {
    Geometry geometry;
    geometry.type = GeometryType::point;
    geometry.points = {p};
    return geometry;
}

Geometry line(std::vector<LonLat> positions) {
    Geometry geometry;
    geometry.type = GeometryType::line_string;
    geometry.lines = {std::move(positions)};
    return geometry;
}

std::vector<LonLat> rectangle_ring(double west, double south, double east, double north) {
    return {{west, south}, {east, south}, {east, north}, {west, north}, {west, south}};
}

Geometry multi_polygon(std::vector<Polygon> polygons) {
    Geometry geometry;
    geometry.type = polygons.size() == 1 ? GeometryType::polygon : GeometryType::multi_polygon;
    geometry.polygons = std::move(polygons);
    return geometry;
}

// A ring around (lon, lat) with many short edges, like a coastline.
std::vector<LonLat> jagged_ring(Random& random, LonLat centre, double radius, int vertices) {
    std::vector<LonLat> ring;
    for (int i = 0; i < vertices; ++i) {
        const double angle = 2 * 3.141592653589793 * i / vertices;
        const double r = radius * random.uniform(0.8, 1.0);
        ring.push_back({centre.lon + r * std::cos(angle), centre.lat + r * std::sin(angle)});
    }
    ring.push_back(ring.front());
    return ring;
}

struct Expected {
    std::size_t layer;
    std::size_t feature;
    double distance_m;
};

// Brute force: every feature's geometry::distance_m, ranked by distance with
// groups within 1 mm of their first distance ranked by layer, then position.
std::vector<Expected> brute_force(const LayerSet& set, LonLat p, std::size_t k, const std::string& category = {}) {
    std::vector<Expected> all;
    for (std::size_t l = 0; l < set.layers().size(); ++l) {
        const auto& features = set.layers()[l].features.features();
        for (std::size_t f = 0; f < features.size(); ++f) {
            if (features[f].has_location() && set.in_category(l, f, category)) {
                all.push_back({l, f, badung::geometry::distance_m(p, *features[f].geometry)});
            }
        }
    }
    std::stable_sort(all.begin(), all.end(),
                     [](const Expected& a, const Expected& b) { return a.distance_m < b.distance_m; });
    std::vector<Expected> ranked;
    for (std::size_t start = 0; start < all.size() && ranked.size() < k;) {
        std::size_t end = start;
        while (end < all.size() && all[end].distance_m <= all[start].distance_m + 0.001) {
            ++end;
        }
        std::vector<Expected> group(all.begin() + static_cast<std::ptrdiff_t>(start),
                                    all.begin() + static_cast<std::ptrdiff_t>(end));
        std::sort(group.begin(), group.end(), [](const Expected& a, const Expected& b) {
            return a.layer != b.layer ? a.layer < b.layer : a.feature < b.feature;
        });
        ranked.insert(ranked.end(), group.begin(), group.end());
        start = end;
    }
    ranked.resize(std::min(ranked.size(), k));
    return ranked;
}

void check_against_brute_force(const LayerSet& set, LonLat p, std::size_t k, const std::string& category = {}) {
    const std::vector<LayerHit> hits = set.nearest(p, k, category);
    const std::vector<Expected> expected = brute_force(set, p, k, category);
    INFO("query " << p.lon << " " << p.lat << " k " << k << " category '" << category << "'");
    REQUIRE(hits.size() == expected.size());
    for (std::size_t i = 0; i < hits.size(); ++i) {
        INFO("rank " << i);
        CHECK(hits[i].layer == expected[i].layer);
        CHECK(hits[i].feature == expected[i].feature);
        CHECK(*hits[i].distance_m == Approx(expected[i].distance_m).margin(1e-4));
    }
}

// Layers of every geometry kind over 115.0..115.3 E, 8.8..8.5 S.
LayerSet mixed_layers(Random& random) {
    LayerSet set;

    // Points on a coarse grid (exact ties), a few with their own category.
    std::vector<Feature> points;
    for (int id = 1; id <= 300; ++id) {
        const LonLat p{115.0 + 0.01 * random.integer(0, 30), -8.8 + 0.01 * random.integer(0, 30)};
        points.push_back(make_feature(id, point(p), id % 7 == 0 ? "ibadah" : ""));
    }
    set.add("titik", "kesehatan", points);

    // Lines, some long and crossing the area (huge bbox), some one position.
    std::vector<Feature> lines;
    for (int id = 1; id <= 80; ++id) {
        std::vector<LonLat> positions;
        const int count = id % 10 == 0 ? 1 : random.integer(2, 40);
        LonLat at{random.uniform(115.0, 115.3), random.uniform(-8.8, -8.5)};
        const double step = id % 5 == 0 ? 0.02 : 0.002;
        for (int i = 0; i < count; ++i) {
            positions.push_back(at);
            at = {at.lon + random.uniform(-step, step), at.lat + random.uniform(-step, step)};
        }
        lines.push_back(make_feature(id, line(positions)));
    }
    set.add("jalan", "transportasi", lines);

    // Adjacent squares sharing borders (as desa do), one with a hole, one a
    // multi-polygon of two squares.
    std::vector<Feature> squares;
    int id = 1;
    for (int x = 0; x < 6; ++x) {
        for (int y = 0; y < 6; ++y) {
            const double west = 115.0 + 0.05 * x;
            const double south = -8.8 + 0.05 * y;
            std::vector<Polygon> polygons{Polygon{{rectangle_ring(west, south, west + 0.05, south + 0.05)}}};
            if (id == 8) {
                polygons[0].rings.push_back(rectangle_ring(west + 0.01, south + 0.01, west + 0.04, south + 0.04));
            }
            if (id == 15) {
                polygons.push_back(Polygon{{rectangle_ring(115.35, -8.45, 115.4, -8.4)}});
            }
            squares.push_back(make_feature(id++, multi_polygon(polygons)));
        }
    }
    set.add("desa", "administrasi", squares);

    // Jagged coast-like polygons, and one huge polygon with a hole over most
    // of the area.
    std::vector<Feature> coasts;
    for (int c = 1; c <= 6; ++c) {
        const LonLat centre{random.uniform(115.0, 115.3), random.uniform(-8.8, -8.5)};
        coasts.push_back(make_feature(c, multi_polygon({Polygon{{jagged_ring(random, centre, 0.03, 400)}}})));
    }
    coasts.push_back(make_feature(
        100, multi_polygon({Polygon{{rectangle_ring(114.9, -8.9, 115.4, -8.4), jagged_ring(random, {115.15, -8.65}, 0.1, 300)}}})));
    set.add("pantai", "peta-dasar", coasts);
    return set;
}

} // namespace

TEST_CASE("LayerSet nearest mixed layers match brute force", "[layer_set]") {
    Random random(11);
    const LayerSet set = mixed_layers(random);

    for (int trial = 0; trial < 300; ++trial) {
        const LonLat p{random.uniform(114.85, 115.45), random.uniform(-8.95, -8.35)};
        check_against_brute_force(set, p, static_cast<std::size_t>(random.integer(1, 15)));
    }
}

TEST_CASE("LayerSet nearest on vertices and borders", "[layer_set]") {
    Random random(12);
    const LayerSet set = mixed_layers(random);

    // Corners and edges shared by four or two squares, a hole's corner, and
    // the vertices of a jagged ring and of a line.
    const std::vector<LonLat> queries{
        {115.05, -8.75}, {115.1, -8.725}, {115.06, -8.69}, {115.0, -8.8}, {115.3, -8.5}, {115.325, -8.5}};
    for (const LonLat p : queries) {
        check_against_brute_force(set, p, 8);
    }
    const auto& coast = set.layers()[set.layer_position("pantai")].features.features()[0];
    for (std::size_t i = 0; i < 400; i += 37) {
        check_against_brute_force(set, coast.geometry->polygons[0].rings[0][i], 6);
    }
    const auto& road = set.layers()[set.layer_position("jalan")].features.features()[1];
    for (const LonLat p : road.geometry->lines[0]) {
        check_against_brute_force(set, p, 4);
    }
}

TEST_CASE("LayerSet nearest inside a hole", "[layer_set]") {
    Random random(13);
    const LayerSet set = mixed_layers(random);

    // Square 8 (x = 1, y = 1) has a hole from 115.06, -8.74 to 115.09, -8.71.
    const auto hits = set.nearest({115.075, -8.725}, 40, "administrasi");
    const auto square = std::find_if(hits.begin(), hits.end(), [&](const LayerHit& hit) {
        return set.layers()[hit.layer].features.features()[hit.feature].id_text() == "8";
    });
    REQUIRE(square != hits.end());
    CHECK(*square->distance_m > 1000.0);
    check_against_brute_force(set, {115.075, -8.725}, 40, "administrasi");
}

TEST_CASE("LayerSet nearest by category matches brute force", "[layer_set]") {
    Random random(14);
    const LayerSet set = mixed_layers(random);

    for (int trial = 0; trial < 100; ++trial) {
        const LonLat p{random.uniform(114.9, 115.4), random.uniform(-8.9, -8.4)};
        const std::size_t k = static_cast<std::size_t>(random.integer(1, 12));
        check_against_brute_force(set, p, k, "ibadah");
        check_against_brute_force(set, p, k, "kesehatan");
        check_against_brute_force(set, p, k, "peta-dasar");
    }
    CHECK(set.nearest({115.1, -8.6}, 5, "tidak-ada").empty());
}

TEST_CASE("LayerSet nearest beyond 63 categories", "[layer_set]") {
    // Every feature has its own category, so most share the last mask bit.
    std::vector<Feature> features;
    for (int id = 0; id < 80; ++id) {
        features.push_back(make_feature(id, point({115.0 + 0.001 * id, -8.7}), "kategori-" + std::to_string(id)));
    }
    LayerSet set;
    set.add("titik", "", features);

    for (const int id : {0, 62, 63, 64, 79}) {
        const auto hits = set.nearest({115.0, -8.7}, 3, "kategori-" + std::to_string(id));
        REQUIRE(hits.size() == 1);
        CHECK(set.layers()[0].features.features()[hits[0].feature].id_text() == std::to_string(id));
    }
}

TEST_CASE("LayerSet nearest returns every located feature", "[layer_set]") {
    Feature empty;
    empty.id = Value{Value::Kind::number, false, "1"};
    LayerSet set;
    set.add("titik", "", {empty, make_feature(2, point({115.17, -8.72})), make_feature(3, point({115.18, -8.72}))});

    const auto hits = set.nearest({115.17, -8.72}, 10);
    REQUIRE(hits.size() == 2);
    CHECK(*hits[0].distance_m == 0.0);
    CHECK(set.layers()[0].features.features()[hits[1].feature].id_text() == "3");

    // A replaced layer is indexed again.
    set.add("titik", "", {make_feature(4, point({115.2, -8.72}))});
    const auto replaced = set.nearest({115.17, -8.72}, 10);
    REQUIRE(replaced.size() == 1);
    CHECK(set.layers()[0].features.features()[replaced[0].feature].id_text() == "4");
}

TEST_CASE("LayerSet nearest on lattice borders", "[layer_set]") {
    Random random(15);
    const LayerSet set = mixed_layers(random);

    // Square 8 spans 115.05..115.1 E, 8.75..8.7 S, its hole 115.06..115.09 E,
    // 8.74..8.71 S: the lattice hits both rings' edges and corners.
    for (int x = 0; x <= 20; ++x) {
        for (int y = 0; y <= 20; ++y) {
            const LonLat p{115.05 + 0.0025 * x, -8.75 + 0.0025 * y};
            check_against_brute_force(set, p, static_cast<std::size_t>(1 + (x + y) % 12));
        }
    }
}

TEST_CASE("LayerSet nearest k beyond count", "[layer_set]") {
    Random random(16);
    const LayerSet set = mixed_layers(random);

    for (int trial = 0; trial < 5; ++trial) {
        const LonLat p{random.uniform(114.9, 115.4), random.uniform(-8.9, -8.4)};
        check_against_brute_force(set, p, 1000);
        check_against_brute_force(set, p, 200, "peta-dasar");
    }
}

#include "core/geojson/reader.hpp"
#include "core/geometry/distance.hpp"
#include "core/query/feature_layer.hpp"
#include "core/query/feature_order.hpp"
#include "core/query/locate.hpp"
#include "core/query/within.hpp"

#include "test_data.hpp"
#include "test_random.hpp"

#include <catch2/catch.hpp>
#include <rapidjson/document.h>

#include <algorithm>
#include <optional>
#include <string>
#include <vector>

using badung::geo::BBox;
using badung::geo::LonLat;
using badung::geojson::Feature;
using badung::geojson::Geometry;
using badung::geojson::GeometryType;
using badung::geojson::Polygon;
using badung::geojson::Value;
using badung::query::FeatureLayer;
using badung::query::locate;
using badung::query::NearestFeature;
using badung::query::within;
using badung::query::WithinRule;
using badung::test::Random;
using Positions = std::vector<std::size_t>;

namespace {

FeatureLayer load_layer(const std::string& case_folder) {
    const auto collection =
        badung::geojson::read(badung::test::read_test_file("cases/" + case_folder + "/input.geojson"));
    return FeatureLayer(collection.features);
}

Feature make_feature(std::int64_t id, Geometry geometry) {
    Feature feature;
    feature.id = Value{Value::Kind::number, false, std::to_string(id)};
    feature.geometry = std::move(geometry);
    return feature;
}

Geometry point(double lon, double lat) {
    Geometry geometry;
    geometry.type = GeometryType::point;
    geometry.points = {{lon, lat}};
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

Geometry polygon(std::vector<std::vector<LonLat>> rings) {
    Geometry geometry;
    geometry.type = GeometryType::polygon;
    geometry.polygons = {Polygon{std::move(rings)}};
    return geometry;
}

std::string id_at(const FeatureLayer& layer, std::optional<std::size_t> position) {
    return position ? layer.features()[*position].id_text() : "none";
}

std::vector<std::string> ids_at(const FeatureLayer& layer, const Positions& positions) {
    std::vector<std::string> ids;
    for (std::size_t position : positions) {
        ids.push_back(layer.features()[position].id_text());
    }
    return ids;
}

using Ids = std::vector<std::string>;

} // namespace

TEST_CASE("id_less orders numbers strings none", "[query]") {
    std::vector<Feature> features(6);
    features[0].id = Value{Value::Kind::string, false, "b"};
    features[1].id = Value{Value::Kind::number, false, "10"};
    features[2].id = Value{Value::Kind::number, false, "2"};
    features[3].id = Value{Value::Kind::string, false, "a"};
    features[5].id = Value{Value::Kind::number, false, "2.0"};
    for (std::size_t i = 0; i < features.size(); ++i) {
        features[i].source_index = i;
        features[i].geometry = point(115.0, -8.0);
    }

    const FeatureLayer layer(features);
    CHECK(ids_at(layer, {0, 1, 2, 3, 4, 5}) == Ids{"2", "2.0", "10", "a", "b", ""});
    CHECK(layer.features()[5].source_index == 4);
}

TEST_CASE("in_bbox case 028 queries", "[query]") {
    const FeatureLayer layer = load_layer("028-bbox-wrapped-longitude-antimeridian");
    REQUIRE(layer.size() == 3);

    rapidjson::Document queries;
    queries.Parse(badung::test::read_test_file("cases/028-bbox-wrapped-longitude-antimeridian/queries.json").c_str());
    REQUIRE(queries.IsArray());
    REQUIRE(queries.Size() == 7);
    for (const auto& query : queries.GetArray()) {
        const auto& b = query["bbox"];
        const BBox box{b[0].GetDouble(), b[1].GetDouble(), b[2].GetDouble(), b[3].GetDouble()};
        Ids expected;
        for (const auto& id : query["expect_ids"].GetArray()) {
            expected.push_back(std::to_string(id.GetInt()));
        }
        INFO(query["id"].GetString());
        CHECK(ids_at(layer, layer.in_bbox(box)) == expected);
    }
}

TEST_CASE("locate case 001 holes", "[query]") {
    const FeatureLayer layer = load_layer("001-hole-same-winding");
    REQUIRE(layer.size() == 3);

    CHECK(id_at(layer, locate(layer, {115.175, -8.725})) == "none");
    CHECK(id_at(layer, locate(layer, {115.235, -8.725})) == "none");
    CHECK(id_at(layer, locate(layer, {115.085, -8.725})) == "none");
    CHECK(id_at(layer, locate(layer, {115.155, -8.745})) == "1");
    CHECK(id_at(layer, locate(layer, {115.215, -8.745})) == "2");
    CHECK(id_at(layer, locate(layer, {115.065, -8.745})) == "3");
    // A hole's own edge belongs to the polygon, as any border does.
    CHECK(id_at(layer, locate(layer, {115.16, -8.725})) == "1");
    CHECK(id_at(layer, locate(layer, {475.155, -8.745})) == "1"); // a world copy
}

TEST_CASE("locate shared border smallest id", "[query]") {
    // Four squares meeting at (115.1, -8.6); ids deliberately not in order.
    const FeatureLayer layer({make_feature(7, polygon({rectangle_ring(115.0, -8.7, 115.1, -8.6)})),
                              make_feature(3, polygon({rectangle_ring(115.1, -8.7, 115.2, -8.6)})),
                              make_feature(9, polygon({rectangle_ring(115.0, -8.6, 115.1, -8.5)})),
                              make_feature(5, polygon({rectangle_ring(115.1, -8.6, 115.2, -8.5)}))});

    CHECK(id_at(layer, locate(layer, {115.05, -8.65})) == "7");
    CHECK(id_at(layer, locate(layer, {115.1, -8.65})) == "3");  // border 7 | 3
    CHECK(id_at(layer, locate(layer, {115.05, -8.6})) == "7");  // border 7 | 9
    CHECK(id_at(layer, locate(layer, {115.15, -8.6})) == "3");  // border 3 | 5
    CHECK(id_at(layer, locate(layer, {115.1, -8.6})) == "3");   // corner of all four
    CHECK(id_at(layer, locate(layer, {115.0, -8.55})) == "9");  // outer edge
    CHECK(id_at(layer, locate(layer, {115.25, -8.55})) == "none");
}

TEST_CASE("locate over admin layers", "[query]") {
    const FeatureLayer desa({make_feature(1, polygon({rectangle_ring(115.0, -8.7, 115.1, -8.6)})),
                             make_feature(2, polygon({rectangle_ring(115.1, -8.7, 115.2, -8.6)}))});
    const FeatureLayer kecamatan({make_feature(51, polygon({rectangle_ring(115.0, -8.7, 115.2, -8.6)}))});
    const FeatureLayer kabupaten({make_feature(5103, polygon({rectangle_ring(114.9, -8.9, 115.3, -8.2)}))});
    const std::vector<const FeatureLayer*> layers{&desa, &kecamatan, &kabupaten};

    const auto inside = locate(layers, {115.15, -8.65});
    REQUIRE(inside.size() == 3);
    CHECK(id_at(desa, inside[0]) == "2");
    CHECK(id_at(kecamatan, inside[1]) == "51");
    CHECK(id_at(kabupaten, inside[2]) == "5103");

    const auto outside_desa = locate(layers, {115.25, -8.3});
    CHECK(id_at(desa, outside_desa[0]) == "none");
    CHECK(id_at(kecamatan, outside_desa[1]) == "none");
    CHECK(id_at(kabupaten, outside_desa[2]) == "5103");
}

TEST_CASE("locate matches brute force on a grid", "[query]") {
    // A 12 x 12 grid of cells with shuffled ids. Every fifth cell is a ring
    // with a hole, filled by an enclave feature of its own.
    Random random(51);
    constexpr int side = 12;
    const auto grid = [](int i) { return 115.0 + 0.01 * i; };
    const auto grid_lat = [](int j) { return -8.7 + 0.01 * j; };

    std::vector<std::int64_t> ids(side * side * 2);
    for (std::size_t i = 0; i < ids.size(); ++i) {
        ids[i] = static_cast<std::int64_t>(i) + 1;
    }
    for (std::size_t i = ids.size() - 1; i > 0; --i) {
        std::swap(ids[i], ids[static_cast<std::size_t>(random.integer(0, static_cast<std::int64_t>(i)))]);
    }

    struct Cell {
        std::int64_t id;
        double west, south, east, north;
        bool has_hole;
        double hole_west, hole_south, hole_east, hole_north;
    };
    std::vector<Cell> cells;
    std::vector<Feature> features;
    std::size_t next_id = 0;
    for (int i = 0; i < side; ++i) {
        for (int j = 0; j < side; ++j) {
            Cell cell{ids[next_id++], grid(i), grid_lat(j), grid(i + 1), grid_lat(j + 1), false, 0, 0, 0, 0};
            std::vector<std::vector<LonLat>> rings{rectangle_ring(cell.west, cell.south, cell.east, cell.north)};
            if ((i * side + j) % 5 == 0) {
                // Hole corners on the quarter points of the cell.
                cell.has_hole = true;
                cell.hole_west = 115.0 + 0.0025 * (4 * i + 1);
                cell.hole_east = 115.0 + 0.0025 * (4 * i + 3);
                cell.hole_south = -8.7 + 0.0025 * (4 * j + 1);
                cell.hole_north = -8.7 + 0.0025 * (4 * j + 3);
                rings.push_back(rectangle_ring(cell.hole_west, cell.hole_south, cell.hole_east, cell.hole_north));
                const Cell enclave{ids[next_id++], cell.hole_west, cell.hole_south, cell.hole_east, cell.hole_north,
                                   false, 0, 0, 0, 0};
                cells.push_back(enclave);
                features.push_back(make_feature(enclave.id, polygon({rectangle_ring(enclave.west, enclave.south,
                                                                                    enclave.east, enclave.north)})));
            }
            cells.push_back(cell);
            features.push_back(make_feature(cell.id, polygon(std::move(rings))));
        }
    }
    const FeatureLayer layer(features);

    for (int q = 0; q < 4000; ++q) {
        // Half the points on the quarter-point lattice (borders, corners and
        // hole edges), half anywhere; some outside the grid.
        LonLat p;
        if (q % 2 == 0) {
            p = {115.0 + 0.0025 * static_cast<double>(random.integer(-2, 4 * side + 2)),
                 -8.7 + 0.0025 * static_cast<double>(random.integer(-2, 4 * side + 2))};
        } else {
            p = {random.uniform(114.99, 115.13), random.uniform(-8.71, -8.57)};
        }

        std::optional<std::int64_t> expected;
        for (const Cell& cell : cells) {
            const bool in_box = p.lon >= cell.west && p.lon <= cell.east && p.lat >= cell.south && p.lat <= cell.north;
            const bool in_hole = cell.has_hole && p.lon > cell.hole_west && p.lon < cell.hole_east &&
                                 p.lat > cell.hole_south && p.lat < cell.hole_north;
            if (in_box && !in_hole && (!expected || cell.id < *expected)) {
                expected = cell.id;
            }
        }

        INFO("point " << p.lon << " " << p.lat);
        REQUIRE(id_at(layer, locate(layer, p)) == (expected ? std::to_string(*expected) : "none"));
    }
}

TEST_CASE("within case 001 hole", "[query]") {
    const FeatureLayer areas = load_layer("001-hole-same-winding");
    const Feature& area = areas.features()[0]; // id 1: 115.15..115.20 with hole 115.16..115.19

    const FeatureLayer layer({
        make_feature(1, point(115.155, -8.745)),                               // in the band
        make_feature(2, point(115.175, -8.725)),                               // in the hole
        make_feature(3, point(115.16, -8.725)),                                // on the hole's edge
        make_feature(4, line({{115.17, -8.72}, {115.18, -8.73}})),             // inside the hole only
        make_feature(5, line({{115.155, -8.72}, {115.175, -8.72}})),           // band into hole
        make_feature(6, line({{115.152, -8.745}, {115.198, -8.745}})),         // along the band
        make_feature(7, line({{115.155, -8.705}, {115.195, -8.705}})),         // band, across no hole
        make_feature(8, line({{115.155, -8.72}, {115.195, -8.72}})),           // crosses the hole, ends in band
        make_feature(9, polygon({rectangle_ring(115.10, -8.80, 115.30, -8.60)})), // covers the whole area
        make_feature(10, polygon({rectangle_ring(115.165, -8.735, 115.185, -8.715)})), // inside the hole
        make_feature(11, polygon({rectangle_ring(115.151, -8.749, 115.159, -8.741)})), // in the band
        make_feature(12, point(115.3, -8.9)),                                  // far away
        make_feature(13, line({{115.14, -8.74}, {115.16, -8.76}})),            // touches the south-west corner only
        make_feature(14, line({{115.14, -8.75}, {115.21, -8.75}})),            // along the south edge and past it
        make_feature(15, line({{115.14, -8.76}, {115.21, -8.76}})),            // south of the area
    });

    CHECK(ids_at(layer, within(area, layer)) == Ids{"1", "3", "5", "6", "7", "8", "9", "11", "13", "14"});
    CHECK(ids_at(layer, within(area, layer, WithinRule::inside)) == Ids{"1", "3", "6", "7", "11"});
}

TEST_CASE("within matches brute force on rectangles", "[query]") {
    Random random(3);
    std::vector<Feature> features;
    for (std::int64_t id = 1; id <= 1500; ++id) {
        const LonLat a{random.uniform(115.0, 115.3), random.uniform(-8.9, -8.5)};
        const LonLat b{a.lon + random.uniform(-0.03, 0.03), a.lat + random.uniform(-0.03, 0.03)};
        const LonLat c{a.lon + random.uniform(-0.03, 0.03), a.lat + random.uniform(-0.03, 0.03)};
        switch (id % 3) {
        case 0: features.push_back(make_feature(id, point(a.lon, a.lat))); break;
        case 1: features.push_back(make_feature(id, line({a, b}))); break;
        default: features.push_back(make_feature(id, polygon({{a, b, c, a}}))); break;
        }
    }
    const FeatureLayer layer(features);

    for (int q = 0; q < 200; ++q) {
        const double west = random.uniform(115.0, 115.25);
        const double south = random.uniform(-8.9, -8.55);
        const BBox box{west, south, west + random.uniform(0.001, 0.08), south + random.uniform(0.001, 0.08)};
        const Feature area = make_feature(0, polygon({rectangle_ring(box.west, box.south, box.east, box.north)}));

        Positions expected_intersects;
        Positions expected_inside;
        for (std::size_t i = 0; i < layer.size(); ++i) {
            const auto& g = *layer.features()[i].geometry;
            std::vector<LonLat> vertices = g.points;
            for (const auto& l : g.lines) {
                vertices.insert(vertices.end(), l.begin(), l.end());
            }
            for (const auto& p : g.polygons) {
                vertices.insert(vertices.end(), p.rings[0].begin(), p.rings[0].end());
            }
            const auto in_box = [&](LonLat v) {
                return v.lon >= box.west && v.lon <= box.east && v.lat >= box.south && v.lat <= box.north;
            };
            const bool all_in = std::all_of(vertices.begin(), vertices.end(), in_box);

            // Clip each edge against the box (Liang-Barsky); for a triangle also
            // test whether it covers the box's centre.
            bool any = std::any_of(vertices.begin(), vertices.end(), in_box);
            for (std::size_t k = 1; k < vertices.size() && !any; ++k) {
                const LonLat s = vertices[k - 1];
                const LonLat e = vertices[k];
                double t0 = 0.0;
                double t1 = 1.0;
                const double p[4] = {-(e.lon - s.lon), e.lon - s.lon, -(e.lat - s.lat), e.lat - s.lat};
                const double r[4] = {s.lon - box.west, box.east - s.lon, s.lat - box.south, box.north - s.lat};
                bool clipped_away = false;
                for (int m = 0; m < 4; ++m) {
                    if (p[m] == 0.0) {
                        clipped_away = clipped_away || r[m] < 0.0;
                    } else if (p[m] < 0.0) {
                        t0 = std::max(t0, r[m] / p[m]);
                    } else {
                        t1 = std::min(t1, r[m] / p[m]);
                    }
                }
                any = !clipped_away && t0 <= t1;
            }
            if (!any && !g.polygons.empty()) {
                const LonLat centre{(box.west + box.east) / 2, (box.south + box.north) / 2};
                const auto& ring = g.polygons[0].rings[0];
                const auto side = [&](LonLat u, LonLat v) {
                    return (v.lon - u.lon) * (centre.lat - u.lat) - (v.lat - u.lat) * (centre.lon - u.lon);
                };
                const double s1 = side(ring[0], ring[1]);
                const double s2 = side(ring[1], ring[2]);
                const double s3 = side(ring[2], ring[0]);
                any = (s1 > 0 && s2 > 0 && s3 > 0) || (s1 < 0 && s2 < 0 && s3 < 0);
            }
            if (any) {
                expected_intersects.push_back(i);
            }
            if (all_in) {
                expected_inside.push_back(i);
            }
        }

        INFO("area " << box.west << " " << box.south << " " << box.east << " " << box.north);
        REQUIRE(within(area, layer) == expected_intersects);
        REQUIRE(within(area, layer, WithinRule::inside) == expected_inside);
    }
}

TEST_CASE("nearest features match brute force", "[query]") {
    Random random(8);
    std::vector<Feature> features;
    for (std::int64_t id = 1; id <= 1200; ++id) {
        const LonLat a{random.uniform(115.05, 115.3), random.uniform(-8.85, -8.45)};
        const double size = random.uniform(0.0005, 0.02);
        switch (id % 4) {
        case 0:
            features.push_back(make_feature(id, line({a, {a.lon + size, a.lat - size}, {a.lon + 2 * size, a.lat}})));
            break;
        case 1:
            features.push_back(make_feature(id, polygon({rectangle_ring(a.lon, a.lat, a.lon + size, a.lat + size),
                                                         rectangle_ring(a.lon + size / 4, a.lat + size / 4,
                                                                        a.lon + size / 2, a.lat + size / 2)})));
            break;
        default:
            features.push_back(make_feature(id, point(a.lon, a.lat)));
        }
    }
    // Duplicates of a few features under higher ids: exact distance ties.
    for (std::int64_t id = 5000; id < 5020; ++id) {
        features.push_back(make_feature(id, *features[static_cast<std::size_t>(id - 5000) * 7].geometry));
    }
    const FeatureLayer layer(features);

    for (int q = 0; q < 300; ++q) {
        const LonLat p{random.uniform(115.0, 115.35), random.uniform(-8.9, -8.4)};
        const std::size_t k = static_cast<std::size_t>(random.integer(1, 15));

        std::vector<NearestFeature> all;
        for (std::size_t i = 0; i < layer.size(); ++i) {
            all.push_back({i, badung::geometry::distance_m(p, *layer.features()[i].geometry)});
        }
        std::sort(all.begin(), all.end(), [](const NearestFeature& a, const NearestFeature& b) {
            return a.distance_m != b.distance_m ? a.distance_m < b.distance_m : a.feature < b.feature;
        });
        // Groups within 1 mm of their first distance rank by position (id order).
        std::vector<NearestFeature> expected;
        for (std::size_t start = 0; start < all.size() && expected.size() < k;) {
            std::size_t end = start;
            while (end < all.size() && all[end].distance_m <= all[start].distance_m + 0.001) {
                ++end;
            }
            std::vector<NearestFeature> group(all.begin() + static_cast<std::ptrdiff_t>(start),
                                              all.begin() + static_cast<std::ptrdiff_t>(end));
            std::sort(group.begin(), group.end(),
                      [](const NearestFeature& a, const NearestFeature& b) { return a.feature < b.feature; });
            expected.insert(expected.end(), group.begin(), group.end());
            start = end;
        }
        expected.resize(std::min(expected.size(), k));

        INFO("query " << p.lon << " " << p.lat << " k " << k);
        REQUIRE(layer.nearest(p, k) == expected);
    }
}

TEST_CASE("nearest skips features without location", "[query]") {
    Feature empty;
    empty.id = Value{Value::Kind::number, false, "1"};
    const FeatureLayer layer({empty, make_feature(2, point(115.17, -8.72))});

    const auto found = layer.nearest({115.17, -8.72}, 5);
    REQUIRE(found.size() == 1);
    CHECK(layer.features()[found[0].feature].id_text() == "2");
    CHECK(found[0].distance_m == 0.0);
    CHECK(layer.in_bbox({-180, -90, 180, 90}) == Positions{1});
}

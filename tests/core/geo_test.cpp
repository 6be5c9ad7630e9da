#include "core/geo/bbox.hpp"
#include "core/geo/mercator.hpp"
#include "core/geo/tile.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <stdexcept>

using namespace badung::geo;

TEST_CASE("bbox starts empty and extends", "[geo]") {
    BBox box;
    CHECK(box.empty());
    CHECK_FALSE(box.contains({0, 0}));

    box.extend(LonLat{115.17, -8.72});
    CHECK_FALSE(box.empty());
    CHECK(box.contains({115.17, -8.72}));

    box.extend(LonLat{115.25, -8.60});
    CHECK(box == BBox{115.17, -8.72, 115.25, -8.60});

    BBox other;
    box.extend(other);
    CHECK(box == BBox{115.17, -8.72, 115.25, -8.60});
}

TEST_CASE("bbox edges count as inside", "[geo]") {
    const BBox box{115.0, -9.0, 116.0, -8.0};
    CHECK(box.contains({115.0, -9.0}));
    CHECK(box.contains({116.0, -8.0}));
    CHECK_FALSE(box.contains({116.000001, -8.5}));

    CHECK(box.intersects(BBox{116.0, -8.0, 117.0, -7.0}));
    CHECK_FALSE(box.intersects(BBox{116.1, -8.0, 117.0, -7.0}));
    CHECK_FALSE(box.intersects(BBox{}));
}

TEST_CASE("world units round trip over a grid", "[geo]") {
    for (double lat = -85.0; lat <= 85.0; lat += 2.5) {
        for (double lon = -180.0; lon <= 180.0; lon += 7.5) {
            const LonLat back = from_world(to_world({lon, lat}));
            CHECK(back.lon == Approx(lon).margin(1e-9));
            CHECK(back.lat == Approx(lat).margin(1e-9));
        }
    }
}

TEST_CASE("world units round trip in Badung and near the clamp", "[geo]") {
    const LonLat points[] = {
        {115.17, -8.72}, {115.2425, -8.6975}, {115.1, -8.84}, {115.25, -8.2},
        {0.0, 85.05}, {0.0, -85.05}, {179.999, max_latitude - 1e-7},
        {-180.0, -max_latitude + 1e-7},
    };
    for (const LonLat p : points) {
        const LonLat back = from_world(to_world(p));
        CHECK(back.lon == Approx(p.lon).margin(1e-9));
        CHECK(back.lat == Approx(p.lat).margin(1e-9));

        const LonLat back_m = from_mercator_m(to_mercator_m(p));
        CHECK(back_m.lon == Approx(p.lon).margin(1e-9));
        CHECK(back_m.lat == Approx(p.lat).margin(1e-9));
    }
}

TEST_CASE("world units at the edges", "[geo]") {
    const WorldPoint origin = to_world({0, 0});
    CHECK(origin.x == Approx(0.5).margin(1e-15));
    CHECK(origin.y == Approx(0.5).margin(1e-15));

    const WorldPoint north_west = to_world({-180, max_latitude});
    CHECK(north_west.x == Approx(0.0).margin(1e-15));
    CHECK(north_west.y == Approx(0.0).margin(1e-12));

    const WorldPoint south_east = to_world({180, -max_latitude});
    CHECK(south_east.x == Approx(1.0).margin(1e-15));
    CHECK(south_east.y == Approx(1.0).margin(1e-12));

    // Beyond the clamp latitude the position sticks to the world's edge.
    CHECK(to_world({0, 89.9}).y == Approx(0.0).margin(1e-12));
    CHECK(to_world({0, -90}).y == Approx(1.0).margin(1e-12));
}

TEST_CASE("mercator metres at known positions", "[geo]") {
    // Expected values from x = R * lon, y = R * ln(tan(pi/4 + lat/2)),
    // R = 6378137 m, computed outside this code base.
    const Mercator m = to_mercator_m({115.17, -8.72});
    CHECK(m.x == Approx(12820665.754661318).margin(1e-6));
    CHECK(m.y == Approx(-974475.155473532).margin(1e-6));

    const Mercator corner = to_mercator_m({180, max_latitude});
    CHECK(corner.x == Approx(20037508.342789244).margin(1e-6));
    CHECK(corner.y == Approx(20037508.342789244).margin(1e-3));
}

TEST_CASE("wrap_lon maps into the world range", "[geo]") {
    CHECK(wrap_lon(115.17) == 115.17);
    CHECK(wrap_lon(-180.0) == -180.0);
    CHECK(wrap_lon(180.0) == -180.0);
    CHECK(wrap_lon(190.0) == Approx(-170.0));
    CHECK(wrap_lon(-190.0) == Approx(170.0));
    CHECK(wrap_lon(475.17) == Approx(115.17));
    CHECK(wrap_lon(-604.83) == Approx(115.17));
}

TEST_CASE("tile_at at known tiles", "[geo][tile]") {
    // Expected tiles from the slippy-map formulas, computed outside this code base.
    const LonLat kuta{115.17, -8.72};
    CHECK(tile_at(kuta, 0) == TileId{0, 0, 0});
    CHECK(tile_at(kuta, 1) == TileId{1, 1, 1});
    CHECK(tile_at(kuta, 10) == TileId{10, 839, 536});
    CHECK(tile_at(kuta, 14) == TileId{14, 13433, 8590});
    CHECK(tile_at(kuta, 16) == TileId{16, 53734, 34361});
    CHECK(tile_at(kuta, 22) == TileId{22, 3438979, 2199141});

    CHECK(tile_at({115.2425, -8.6975}, 16) == TileId{16, 53747, 34357});
    CHECK(tile_at({0, 0}, 16) == TileId{16, 32768, 32768});
}

TEST_CASE("tile_at at the world's edges", "[geo][tile]") {
    CHECK(tile_at({-180, max_latitude}, 3) == TileId{3, 0, 0});
    CHECK(tile_at({180, -max_latitude}, 3) == TileId{3, 7, 7});
    CHECK(tile_at({180, -90}, 22) == TileId{22, 4194303, 4194303});
    CHECK(tile_at({-180, 90}, 22) == TileId{22, 0, 0});
    // Longitude 190 wraps to -170.
    CHECK(tile_at({190, 0}, 2) == tile_at({-170, 0}, 2));
}

TEST_CASE("tile_bounds contain their tile", "[geo][tile]") {
    const BBox world = tile_bounds({0, 0, 0});
    CHECK(world.west == -180.0);
    CHECK(world.east == 180.0);
    CHECK(world.north == Approx(max_latitude).margin(1e-12));
    CHECK(world.south == Approx(-max_latitude).margin(1e-12));

    const TileId t{16, 53734, 34361};
    const BBox box = tile_bounds(t);
    CHECK(box.contains({115.17, -8.72}));
    CHECK(box.east - box.west == Approx(360.0 / 65536).margin(1e-12));

    // The tile's own centre maps back to it.
    const LonLat centre{(box.west + box.east) / 2, (box.south + box.north) / 2};
    CHECK(tile_at(centre, 16) == t);
}

TEST_CASE("tile parent flip_y and is_valid", "[geo][tile]") {
    CHECK(parent({16, 53734, 34361}) == TileId{15, 26867, 17180});
    CHECK(parent({1, 1, 1}) == TileId{0, 0, 0});

    CHECK(flip_y({0, 0, 0}) == 0);
    CHECK(flip_y({16, 53734, 34361}) == 65535 - 34361);
    CHECK(flip_y({3, 0, 7}) == 0);

    CHECK(is_valid({0, 0, 0}));
    CHECK_FALSE(is_valid({0, 1, 0}));
    CHECK(is_valid({16, 65535, 65535}));
    CHECK_FALSE(is_valid({16, 65536, 0}));
    CHECK(is_valid({22, 4194303, 0}));
    CHECK_FALSE(is_valid({23, 0, 0}));
}

TEST_CASE("tiles_covering a Badung box", "[geo][tile]") {
    const BBox badung{115.05, -8.85, 115.30, -8.45};
    const auto tiles = tiles_covering(badung, 10);
    const TileId first = tile_at({badung.west, badung.north}, 10);
    const TileId last = tile_at({badung.east, badung.south}, 10);
    REQUIRE(!tiles.empty());
    CHECK(tiles.front() == first);
    CHECK(tiles.back() == last);
    CHECK(tiles.size() == (last.x - first.x + 1) * (last.y - first.y + 1));

    // Row by row: y never decreases and x grows within a row.
    for (std::size_t i = 1; i < tiles.size(); ++i) {
        const bool same_row = tiles[i].y == tiles[i - 1].y;
        CHECK((same_row ? tiles[i].x == tiles[i - 1].x + 1 : tiles[i].y == tiles[i - 1].y + 1));
    }
    for (const TileId& t : tiles) {
        CHECK(tile_bounds(t).intersects(badung));
    }
}

TEST_CASE("tiles_covering edge cases", "[geo][tile]") {
    CHECK(tiles_covering(BBox{}, 5).empty());
    CHECK(tiles_covering(BBox{-180, -90, 180, 90}, 0).size() == 1);
    CHECK(tiles_covering(BBox{-180, -90, 180, 90}, 2).size() == 16);

    const BBox point_box{115.17, -8.72, 115.17, -8.72};
    REQUIRE(tiles_covering(point_box, 16).size() == 1);
    CHECK(tiles_covering(point_box, 16)[0] == TileId{16, 53734, 34361});

    CHECK_THROWS_AS(tiles_covering(point_box, 23), std::invalid_argument);
    CHECK_THROWS_AS(tiles_covering(point_box, -1), std::invalid_argument);
    CHECK_THROWS_AS(tiles_covering(BBox{-180, -90, 180, 90}, 22), std::length_error);
}

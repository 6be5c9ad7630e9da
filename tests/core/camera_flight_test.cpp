// Fly-to paths, zoom range and bounds of the camera, and the tiles a view needs.
#include "core/camera/camera.hpp"
#include "core/camera/flight.hpp"
#include "core/camera/tile_cover.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>

using badung::camera::Camera;
using badung::camera::CameraState;
using badung::camera::CoverOptions;
using badung::camera::Flight;
using badung::geo::BBox;
using badung::geo::LonLat;
using badung::geo::TileId;
using badung::geo::to_world;

namespace {

Camera camera_at(LonLat center, double zoom, double width = 800, double height = 600) {
    Camera camera;
    camera.set_viewport(width, height);
    camera.set_view(center, zoom);
    return camera;
}

} // namespace

TEST_CASE("ease_in_out starts and ends still and passes the middle", "[camera]") {
    CHECK(badung::camera::ease_in_out(0.0) == 0.0);
    CHECK(badung::camera::ease_in_out(1.0) == 1.0);
    CHECK(badung::camera::ease_in_out(0.5) == Approx(0.5));
    CHECK(badung::camera::ease_in_out(-3.0) == 0.0);
    CHECK(badung::camera::ease_in_out(0.1) < 0.1);
}

TEST_CASE("a flight starts at its start and ends at its target", "[camera]") {
    const CameraState from{to_world({115.17, -8.72}), 12.0};
    const CameraState to{to_world({115.22, -8.40}), 14.5};
    const Flight flight(from, to, 800.0);

    REQUIRE(flight.duration_ms() > 1.0);
    REQUIRE(flight.duration_ms() <= Flight::max_duration_ms);
    const CameraState start = flight.at(0.0);
    CHECK(start.center.x == Approx(from.center.x));
    CHECK(start.zoom == Approx(from.zoom));
    const CameraState end = flight.at(flight.duration_ms());
    CHECK(end.center.x == Approx(to.center.x));
    CHECK(end.center.y == Approx(to.center.y));
    CHECK(end.zoom == Approx(to.zoom));
}

TEST_CASE("a long flight zooms out on the way", "[camera]") {
    const CameraState from{to_world({115.10, -8.80}), 15.0};
    const CameraState to{to_world({115.25, -8.30}), 15.0};
    const Flight flight(from, to, 800.0);

    double lowest = from.zoom;
    double previous_progress = 0.0;
    for (int i = 1; i < 20; ++i) {
        const CameraState state = flight.at(flight.duration_ms() * i / 20.0);
        lowest = std::min(lowest, state.zoom);
        const double progress = (state.center.y - from.center.y) / (to.center.y - from.center.y);
        CHECK(progress >= previous_progress - 1e-12); // never travels back
        previous_progress = progress;
    }
    CHECK(lowest < 13.0);
}

TEST_CASE("a flight without travel only zooms", "[camera]") {
    const CameraState from{to_world({115.17, -8.72}), 10.0};
    const CameraState to{from.center, 13.0};
    const Flight flight(from, to, 800.0);
    const CameraState middle = flight.at(flight.duration_ms() / 2.0);
    CHECK(middle.center.x == Approx(from.center.x));
    CHECK(middle.zoom == Approx(11.5));
}

TEST_CASE("camera zoom range clamps every change", "[camera]") {
    Camera camera = camera_at({115.17, -8.72}, 12);
    camera.set_zoom_range(8.0, 18.0);
    camera.set_view({115.17, -8.72}, 3.0);
    CHECK(camera.zoom() == 8.0);
    camera.zoom_around({400, 300}, 30.0);
    CHECK(camera.zoom() == 18.0);
}

TEST_CASE("camera bounds keep the centre inside", "[camera]") {
    Camera camera = camera_at({115.17, -8.72}, 12);
    const BBox box{115.0, -8.9, 115.4, -8.2};
    camera.set_bounds(box);

    camera.set_view({120.0, -20.0}, 12);
    CHECK(camera.center().lon == Approx(115.4));
    CHECK(camera.center().lat == Approx(-8.9));

    camera.pan_by(1e7, 1e7); // far to the west and north
    CHECK(camera.center().lon == Approx(115.0));
    CHECK(camera.center().lat == Approx(-8.2));

    camera.set_bounds(BBox{}); // removed
    camera.set_view({120.0, -20.0}, 12);
    CHECK(camera.center().lon == Approx(120.0));
}

TEST_CASE("cover zoom floors and clamps to the source", "[camera][tiles]") {
    const CoverOptions options{8, 16, 0.0};
    CHECK(badung::camera::cover_zoom(12.99, options) == 12);
    CHECK(badung::camera::cover_zoom(13.0, options) == 13);
    CHECK(badung::camera::cover_zoom(5.0, options) == 8);
    CHECK(badung::camera::cover_zoom(18.4, options) == 16);
}

TEST_CASE("covering tiles span the view plus margin, centre first", "[camera][tiles]") {
    const Camera camera = camera_at({115.17, -8.72}, 14.0, 1024, 768);
    const auto plain = badung::camera::covering_tiles(camera, {8, 16, 0.0});
    const auto wide = badung::camera::covering_tiles(camera, {8, 16, 256.0});

    // 1024 x 768 pixels of 512-pixel tiles touch 3 or 4 columns and 2 or 3 rows.
    CHECK(plain.size() >= 6);
    CHECK(plain.size() <= 12);
    CHECK(wide.size() > plain.size());
    for (const TileId& t : plain) {
        CHECK(t.z == 14);
        CHECK(std::find(wide.begin(), wide.end(), t) != wide.end());
    }
    CHECK(plain.front() == badung::geo::tile_at({115.17, -8.72}, 14));
}

TEST_CASE("overzoomed views use the source's last zoom", "[camera][tiles]") {
    const Camera camera = camera_at({115.17, -8.72}, 18.0, 1024, 768);
    const auto tiles = badung::camera::covering_tiles(camera, {8, 16, 0.0});
    REQUIRE(!tiles.empty());
    CHECK(tiles.size() <= 2); // a z16 tile is 2,048 pixels wide at zoom 18
    CHECK(tiles.front().z == 16);
}

#include "core/camera/camera.hpp"

#include <catch2/catch.hpp>

#include <cmath>

using badung::camera::Camera;
using badung::camera::ScreenPoint;
using badung::geo::BBox;
using badung::geo::LonLat;

namespace {

Camera camera_at(LonLat center, double zoom) {
    Camera camera;
    camera.set_viewport(800, 600);
    camera.set_view(center, zoom);
    return camera;
}

} // namespace

TEST_CASE("camera projects its centre to the viewport centre", "[camera]") {
    const Camera camera = camera_at({115.17, -8.72}, 12);
    const ScreenPoint p = camera.project(LonLat{115.17, -8.72});
    CHECK(p.x == Approx(400.0));
    CHECK(p.y == Approx(300.0));
}

TEST_CASE("camera world is 512 pixels at zoom 0", "[camera]") {
    const Camera camera = camera_at({0, 0}, 0);
    CHECK(camera.world_size() == Approx(512.0));

    // The antimeridian lies half a world (256 pixels) east of lon 0.
    const ScreenPoint east = camera.project(LonLat{180, 0});
    CHECK(east.x - 400.0 == Approx(256.0));
}

TEST_CASE("camera unproject inverts project", "[camera]") {
    const Camera camera = camera_at({115.2, -8.6}, 13.3);
    const LonLat position = camera.unproject(camera.project(LonLat{115.25, -8.55}));
    CHECK(position.lon == Approx(115.25).margin(1e-9));
    CHECK(position.lat == Approx(-8.55).margin(1e-9));
}

TEST_CASE("camera pan moves content with the pointer", "[camera]") {
    Camera camera = camera_at({115.17, -8.72}, 14);
    const LonLat under_pointer = camera.unproject({100, 100});
    camera.pan_by(50, -20);

    const ScreenPoint moved = camera.project(under_pointer);
    CHECK(moved.x == Approx(150.0));
    CHECK(moved.y == Approx(80.0));
}

TEST_CASE("camera zoom keeps the anchor in place", "[camera]") {
    Camera camera = camera_at({115.17, -8.72}, 11);
    const ScreenPoint anchor{620, 130};
    const LonLat under_anchor = camera.unproject(anchor);

    camera.zoom_around(anchor, 1.5);
    CHECK(camera.zoom() == Approx(12.5));
    const ScreenPoint after = camera.project(under_anchor);
    CHECK(after.x == Approx(anchor.x));
    CHECK(after.y == Approx(anchor.y));
}

TEST_CASE("camera clamps zoom to its limits", "[camera]") {
    Camera camera = camera_at({115.17, -8.72}, 99);
    CHECK(camera.zoom() == Camera::max_zoom);

    camera.zoom_around({10, 10}, -200);
    CHECK(camera.zoom() == Camera::min_zoom);
}

TEST_CASE("camera fit shows the whole box", "[camera]") {
    Camera camera;
    camera.set_viewport(1000, 700);
    const BBox badung{115.05, -8.85, 115.30, -8.24};
    camera.fit(badung, 20);

    const ScreenPoint north_west = camera.project(LonLat{badung.west, badung.north});
    const ScreenPoint south_east = camera.project(LonLat{badung.east, badung.south});
    CHECK(north_west.x >= 20.0 - 1e-6);
    CHECK(north_west.y >= 20.0 - 1e-6);
    CHECK(south_east.x <= 980.0 + 1e-6);
    CHECK(south_east.y <= 680.0 + 1e-6);

    // The box is taller than wide, so its height fills the room exactly.
    CHECK(south_east.y - north_west.y == Approx(660.0));
}

TEST_CASE("camera fit ignores an empty box", "[camera]") {
    Camera camera = camera_at({115.17, -8.72}, 9);
    camera.fit(BBox{}, 10);
    CHECK(camera.zoom() == Approx(9.0));
    CHECK(camera.center().lon == Approx(115.17));
}

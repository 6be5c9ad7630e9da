#pragma once

#include "core/geo/mercator.hpp"

namespace badung::camera {

// A camera position: centre in world units and zoom.
struct CameraState {
    geo::WorldPoint center;
    double zoom = 0.0;
};

// Smooth start and stop: cubic ease-in-out of t in 0..1 (clamped).
double ease_in_out(double t) noexcept;

// A fly-to path after van Wijk and Nuij ("Smooth and efficient zooming and
// panning", 2003): the view zooms out while it travels and back in as it
// arrives, so the perceived speed stays even. Zoom follows the 512-pixel
// world of Camera.
class Flight {
public:
    // A path from `from` to `to` for a viewport whose larger side is
    // viewport_px CSS pixels. `curve` is the path's rho (MapLibre's default
    // 1.42); `speed` scales the duration (1.2 screenfuls a second of path).
    Flight(CameraState from, CameraState to, double viewport_px, double curve = 1.42,
           double speed = 1.2) noexcept;

    // Duration in milliseconds: at least 1, at most max_duration_ms.
    double duration_ms() const noexcept { return duration_ms_; }
    static constexpr double max_duration_ms = 3000.0;

    // The camera at time_ms after the start; the start before 0, the end
    // from duration_ms() on. Time is eased, so the flight starts and stops
    // gently.
    CameraState at(double time_ms) const noexcept;

    const CameraState& from() const noexcept { return from_; }
    const CameraState& to() const noexcept { return to_; }

private:
    CameraState from_;
    CameraState to_;
    double rho_ = 1.42;
    double w0_ = 1.0;   // viewport width at the start, in start-zoom pixels
    double u1_ = 0.0;   // distance to travel, in start-zoom pixels
    double r0_ = 0.0;
    double length_ = 0.0; // the path's length S
    bool zoom_only_ = false;
    double duration_ms_ = 1.0;
};

} // namespace badung::camera

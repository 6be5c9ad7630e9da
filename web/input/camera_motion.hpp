#pragma once

#include "core/camera/camera.hpp"
#include "core/camera/flight.hpp"

#include <optional>

namespace badung::web::input {

// Animated camera changes: fly-to, eased zoom around a point, eased pans
// and drag inertia. The app steps it once a frame while active() and
// requests another frame, so an idle motion costs nothing.
class CameraMotion {
public:
    // Flies to a view along a van Wijk-Nuij path.
    void fly_to(const camera::Camera& camera, camera::CameraState target, double now_ms);

    // Zooms by delta levels around anchor over duration_ms.
    void ease_zoom(camera::ScreenPoint anchor, double delta, double now_ms,
                   double duration_ms = 250.0);

    // Pans the content by (dx, dy) CSS pixels over duration_ms.
    void ease_pan(double dx, double dy, double now_ms, double duration_ms = 200.0);

    // Keeps a released drag moving at velocity (CSS pixels per millisecond),
    // slowing down exponentially.
    void coast(double vx, double vy, double now_ms);

    // Stops whatever runs (the user took over).
    void stop() noexcept { kind_ = Kind::none; }
    bool active() const noexcept { return kind_ != Kind::none; }

    // Moves the camera to where the motion is at now_ms; returns true while
    // the motion goes on.
    bool step(camera::Camera& camera, double now_ms);

private:
    enum class Kind { none, flight, zoom, pan, coast };

    Kind kind_ = Kind::none;
    double start_ms_ = 0.0;
    double duration_ms_ = 0.0;
    double done_ = 0.0; // eased progress already applied (zoom and pan)
    std::optional<camera::Flight> flight_;
    camera::ScreenPoint anchor_{};
    double delta_ = 0.0;
    double dx_ = 0.0;
    double dy_ = 0.0;
    double last_ms_ = 0.0;
};

} // namespace badung::web::input

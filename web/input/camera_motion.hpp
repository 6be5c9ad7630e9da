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

    // Zooms by delta levels around anchor over duration_ms. A zoom still
    // running adds the part it has not applied yet, so quick presses add up.
    void ease_zoom(camera::ScreenPoint anchor, double delta, double now_ms,
                   double duration_ms = 250.0);

    // Pans the content by (dx, dy) CSS pixels over duration_ms. A pan still
    // running adds the part it has not applied yet, and a running eased zoom
    // goes on beside it.
    void ease_pan(double dx, double dy, double now_ms, double duration_ms = 200.0);

    // Keeps a released drag moving at velocity (CSS pixels per millisecond),
    // slowing down exponentially.
    void coast(double vx, double vy, double now_ms);

    // Stops whatever runs (the user took over).
    void stop() noexcept;
    bool active() const noexcept { return kind_ != Kind::none; }

    // Moves the camera to where the motion is at now_ms; returns true while
    // the motion goes on.
    bool step(camera::Camera& camera, double now_ms);

private:
    enum class Kind { none, flight, eased, coast };

    // Timing of one eased change (a zoom or a pan).
    struct Ease {
        double start_ms = 0.0;
        double duration_ms = 0.0;
        double done = 0.0; // eased progress already applied, 0 to 1
        bool running = false;

        // Fraction of the change not applied yet (0 when not running).
        double remaining() const noexcept { return running ? 1.0 - done : 0.0; }
        void restart(double now_ms, double duration) noexcept;
        // Advances to now_ms and returns the eased progress added since the
        // last call.
        double advance(double now_ms) noexcept;
    };

    // Leaves a flight or a coast for eased changes, which start idle.
    void begin_eased() noexcept;

    Kind kind_ = Kind::none;
    double start_ms_ = 0.0;
    std::optional<camera::Flight> flight_;
    Ease zoom_ease_;
    Ease pan_ease_;
    camera::ScreenPoint anchor_{};
    double delta_ = 0.0;
    double dx_ = 0.0;
    double dy_ = 0.0;
    double last_ms_ = 0.0;
};

} // namespace badung::web::input

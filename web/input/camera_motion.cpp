#include "web/input/camera_motion.hpp"

#include <algorithm>
#include <cmath>

namespace badung::web::input {

namespace {

// Drag inertia: velocity decays as exp(-t / coast_time_ms); it stops below
// coast_stop_speed (CSS pixels per ms) and starts at most at coast_max_speed.
constexpr double coast_time_ms = 325.0;
constexpr double coast_stop_speed = 0.02;
constexpr double coast_max_speed = 4.0;

} // namespace

void CameraMotion::fly_to(const camera::Camera& camera, camera::CameraState target,
                          double now_ms) {
    const camera::CameraState from{camera.center_world(), camera.zoom()};
    flight_.emplace(from, target, std::max(camera.width(), camera.height()));
    stop();
    kind_ = Kind::flight;
    start_ms_ = now_ms;
}

void CameraMotion::ease_zoom(camera::ScreenPoint anchor, double delta, double now_ms,
                             double duration_ms) {
    begin_eased();
    delta_ = delta + delta_ * zoom_ease_.remaining();
    anchor_ = anchor;
    zoom_ease_.restart(now_ms, duration_ms);
}

void CameraMotion::ease_pan(double dx, double dy, double now_ms, double duration_ms) {
    begin_eased();
    const double remaining = pan_ease_.remaining();
    dx_ = dx + dx_ * remaining;
    dy_ = dy + dy_ * remaining;
    pan_ease_.restart(now_ms, duration_ms);
}

void CameraMotion::begin_eased() noexcept {
    if (kind_ != Kind::eased) {
        stop();
        kind_ = Kind::eased;
    }
}

void CameraMotion::stop() noexcept {
    kind_ = Kind::none;
    zoom_ease_.running = false;
    pan_ease_.running = false;
}

void CameraMotion::Ease::restart(double now_ms, double duration) noexcept {
    start_ms = now_ms;
    duration_ms = duration;
    done = 0.0;
    running = true;
}

double CameraMotion::Ease::advance(double now_ms) noexcept {
    if (!running) {
        return 0.0;
    }
    const double elapsed = now_ms - start_ms;
    const double progress = camera::ease_in_out(elapsed / duration_ms);
    const double part = progress - done;
    done = progress;
    if (elapsed >= duration_ms) {
        running = false;
    }
    return part;
}

void CameraMotion::coast(double vx, double vy, double now_ms) {
    const double speed = std::hypot(vx, vy);
    if (speed < coast_stop_speed) {
        return;
    }
    const double factor = std::min(1.0, coast_max_speed / speed);
    stop();
    kind_ = Kind::coast;
    dx_ = vx * factor;
    dy_ = vy * factor;
    start_ms_ = now_ms;
    last_ms_ = now_ms;
}

bool CameraMotion::step(camera::Camera& camera, double now_ms) {
    const double elapsed = now_ms - start_ms_;
    switch (kind_) {
    case Kind::none:
        return false;
    case Kind::flight: {
        const camera::CameraState state = flight_->at(elapsed);
        camera.set_world_view(state.center, state.zoom);
        if (elapsed >= flight_->duration_ms()) {
            kind_ = Kind::none;
        }
        break;
    }
    case Kind::eased: {
        const double zoom_part = zoom_ease_.advance(now_ms);
        if (zoom_part != 0.0) {
            camera.zoom_around(anchor_, delta_ * zoom_part);
        }
        const double pan_part = pan_ease_.advance(now_ms);
        if (pan_part != 0.0) {
            camera.pan_by(dx_ * pan_part, dy_ * pan_part);
        }
        if (!zoom_ease_.running && !pan_ease_.running) {
            kind_ = Kind::none;
        }
        break;
    }
    case Kind::coast: {
        // Distance covered between the last step and now under exponential decay.
        const double a = std::exp(-(last_ms_ - start_ms_) / coast_time_ms);
        const double b = std::exp(-elapsed / coast_time_ms);
        camera.pan_by(dx_ * coast_time_ms * (a - b), dy_ * coast_time_ms * (a - b));
        last_ms_ = now_ms;
        if (std::hypot(dx_, dy_) * b < coast_stop_speed) {
            kind_ = Kind::none;
        }
        break;
    }
    }
    return active();
}

} // namespace badung::web::input

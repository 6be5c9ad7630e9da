#include "core/camera/flight.hpp"

#include <algorithm>
#include <cmath>

namespace badung::camera {

namespace {

constexpr double world_pixels_at_zoom0 = 512.0;

// Travels shorter than this many start-zoom pixels count as zoom only.
constexpr double min_travel_px = 1e-6;

double r_of(double w_i, double w0, double w1, double u1, double rho, double sign) {
    const double rho2 = rho * rho;
    const double b = (w1 * w1 - w0 * w0 + sign * rho2 * rho2 * u1 * u1) / (2.0 * w_i * rho2 * u1);
    return std::log(std::sqrt(b * b + 1.0) - b);
}

} // namespace

double ease_in_out(double t) noexcept {
    t = std::clamp(t, 0.0, 1.0);
    return t < 0.5 ? 4.0 * t * t * t : 1.0 - std::pow(-2.0 * t + 2.0, 3.0) / 2.0;
}

Flight::Flight(CameraState from, CameraState to, double viewport_px, double curve,
               double speed) noexcept
    : from_(from), to_(to), rho_(std::max(curve, 0.01)) {
    const double scale = world_pixels_at_zoom0 * std::exp2(from.zoom);
    w0_ = std::max(viewport_px, 1.0);
    const double w1 = w0_ * std::exp2(from.zoom - to.zoom);
    u1_ = std::hypot(to.center.x - from.center.x, to.center.y - from.center.y) * scale;

    if (u1_ < min_travel_px) {
        zoom_only_ = true;
        length_ = std::abs(std::log(w1 / w0_)) / rho_;
    } else {
        r0_ = r_of(w0_, w0_, w1, u1_, rho_, 1.0);
        const double r1 = r_of(w1, w0_, w1, u1_, rho_, -1.0);
        length_ = (r1 - r0_) / rho_;
    }
    if (!std::isfinite(length_) || length_ < 0.0) {
        length_ = 0.0;
    }
    duration_ms_ = std::clamp(1000.0 * length_ / std::max(speed, 0.01), 1.0, max_duration_ms);
}

CameraState Flight::at(double time_ms) const noexcept {
    const double t = ease_in_out(time_ms / duration_ms_);
    if (t >= 1.0) {
        return to_;
    }
    if (length_ <= 0.0) {
        return {{from_.center.x + (to_.center.x - from_.center.x) * t,
                 from_.center.y + (to_.center.y - from_.center.y) * t},
                from_.zoom + (to_.zoom - from_.zoom) * t};
    }

    const double s = t * length_;
    if (zoom_only_) {
        return {{from_.center.x + (to_.center.x - from_.center.x) * t,
                 from_.center.y + (to_.center.y - from_.center.y) * t},
                from_.zoom + (to_.zoom - from_.zoom) * t};
    }

    // Width of the view (w) and distance travelled (u), both in start-zoom pixels.
    const double w = std::cosh(r0_) / std::cosh(rho_ * s + r0_);
    const double u = w0_ * (std::cosh(r0_) * std::tanh(rho_ * s + r0_) - std::sinh(r0_)) /
                     (rho_ * rho_);
    const double fraction = std::clamp(u / u1_, 0.0, 1.0);
    return {{from_.center.x + (to_.center.x - from_.center.x) * fraction,
             from_.center.y + (to_.center.y - from_.center.y) * fraction},
            from_.zoom - std::log2(w)};
}

} // namespace badung::camera

#pragma once

#include <cmath>
#include <numbers>

namespace badung::geo {

// Below this angle in radians (half angles of positions up to about 12 km
// apart), three terms of the sine and four of the cosine and arcsine suffice.
// The first term left out lies below 1e-19 of the result. A short series is
// also a short chain of dependent operations, which each refined kNN
// candidate waits for.
inline constexpr double tiny_angle = 1e-3;

// sin x: for |x| <= 0.25 by its Taylor series through x^13, whose first
// omitted term, x^15 / 15!, lies below 1e-21 of sin x there, far under
// the rounding of a double; else by the library. The half angles of
// nearby positions, what kNN queries measure most, thus cost no library
// call.
inline double small_angle_sin(double x) noexcept {
    const double x2 = x * x;
    if (std::abs(x) <= tiny_angle) {
        return x * (1.0 + x2 * (-1.0 / 6 + x2 * (1.0 / 120)));
    }
    if (!(std::abs(x) <= 0.25)) {
        return std::sin(x);
    }
    return x * (1.0 + x2 * (-1.0 / 6 + x2 * (1.0 / 120 + x2 * (-1.0 / 5040 + x2 * (1.0 / 362880 +
           x2 * (-1.0 / 39916800 + x2 * (1.0 / 6227020800.0)))))));
}

// cos x: for |x| <= 0.25 by its Taylor series through x^14, whose first
// omitted term, x^16 / 16!, lies below 1e-22; else by the library.
inline double small_angle_cos(double x) noexcept {
    const double x2 = x * x;
    if (std::abs(x) <= tiny_angle) {
        return 1.0 + x2 * (-1.0 / 2 + x2 * (1.0 / 24 + x2 * (-1.0 / 720)));
    }
    if (!(std::abs(x) <= 0.25)) {
        return std::cos(x);
    }
    return 1.0 + x2 * (-1.0 / 2 + x2 * (1.0 / 24 + x2 * (-1.0 / 720 + x2 * (1.0 / 40320 +
           x2 * (-1.0 / 3628800 + x2 * (1.0 / 479001600.0 + x2 * (-1.0 / 87178291200.0)))))));
}

// The sine and cosine of a latitude in degrees, remembered for the
// latitude asked for last on this thread: a kNN query measures many
// positions from one, and each measure then costs no library call.
struct LatitudeTrig {
    double lat_deg;
    double sin;
    double cos;
};

inline const LatitudeTrig& latitude_trig(double lat_deg) noexcept {
    thread_local LatitudeTrig last{0.0, 0.0, 1.0};
    if (!(lat_deg == last.lat_deg)) {
        const double lat = lat_deg * (std::numbers::pi / 180.0);
        last = {lat_deg, std::sin(lat), std::cos(lat)};
    }
    return last;
}

// asin x for 0 <= x <= 1. For x <= 0.1 (great-circle distances up to
// about 1,270 km) it sums the Taylor series through x^15, whose first
// omitted term lies below 2e-18 of asin x there. Else it calls the library.
inline double small_angle_asin(double x) noexcept {
    const double x2 = x * x;
    if (x <= tiny_angle) {
        return x * (1.0 + x2 * (1.0 / 6 + x2 * (3.0 / 40 + x2 * (5.0 / 112))));
    }
    if (!(x <= 0.1)) {
        return std::asin(x);
    }
    return x * (1.0 + x2 * (1.0 / 6 + x2 * (3.0 / 40 + x2 * (5.0 / 112 + x2 * (35.0 / 1152 +
           x2 * (63.0 / 2816 + x2 * (231.0 / 13312 + x2 * (143.0 / 10240))))))));
}

} // namespace badung::geo

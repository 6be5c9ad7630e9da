#include "core/geo/small_angle.hpp"

#include "test_random.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <limits>

using badung::test::Random;

namespace {

// Relative gap of value to the library's, in units of double epsilon.
double epsilons_off(double value, double reference) {
    if (reference == 0.0) {
        return value == 0.0 ? 0.0 : std::numeric_limits<double>::infinity();
    }
    return std::abs(value - reference) / std::abs(reference) / std::numeric_limits<double>::epsilon();
}

// A random angle of each range the series treat apart: below tiny_angle,
// up to the end of the long series, and beyond it.
double angle_of_range(Random& random, int range, double series_end) {
    const double tiny = badung::geo::tiny_angle;
    if (range == 0) {
        return random.uniform(0.0, tiny);
    }
    if (range == 1) {
        return random.uniform(tiny, series_end);
    }
    return random.uniform(series_end, 1.0);
}

} // namespace

TEST_CASE("small-angle sine and cosine match libm", "[geo]") {
    // Each range within a few rounding steps of the library, both signs,
    // with the boundaries themselves.
    Random random(7);
    for (int i = 0; i < 30000; ++i) {
        const double sign = i % 2 == 0 ? 1.0 : -1.0;
        const double x = sign * angle_of_range(random, i % 3, 0.25);
        INFO("x " << x);
        REQUIRE(epsilons_off(badung::geo::small_angle_sin(x), std::sin(x)) <= 2.0);
        REQUIRE(epsilons_off(badung::geo::small_angle_cos(x), std::cos(x)) <= 2.0);
    }
    for (const double x : {badung::geo::tiny_angle, std::nextafter(badung::geo::tiny_angle, 1.0), 0.25, 0.0}) {
        CHECK(epsilons_off(badung::geo::small_angle_sin(x), std::sin(x)) <= 2.0);
        CHECK(epsilons_off(badung::geo::small_angle_cos(x), std::cos(x)) <= 2.0);
    }
}

TEST_CASE("small-angle arcsine matches libm", "[geo]") {
    Random random(11);
    for (int i = 0; i < 30000; ++i) {
        const double x = angle_of_range(random, i % 3, 0.1);
        INFO("x " << x);
        REQUIRE(epsilons_off(badung::geo::small_angle_asin(x), std::asin(x)) <= 2.0);
    }
    for (const double x : {badung::geo::tiny_angle, std::nextafter(badung::geo::tiny_angle, 1.0), 0.1, 0.0, 1.0}) {
        CHECK(epsilons_off(badung::geo::small_angle_asin(x), std::asin(x)) <= 2.0);
    }
}

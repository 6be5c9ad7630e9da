#include "core/index/float_lanes.hpp"

#include "test_random.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <limits>
#include <vector>

using badung::index::float_above;
using badung::index::float_below;
using badung::test::Random;

namespace {

// The largest float not above value, by the library's nextafter.
float library_float_below(double value) {
    const float rounded = static_cast<float>(value);
    return static_cast<double>(rounded) > value ? std::nextafter(rounded, -std::numeric_limits<float>::infinity())
                                                : rounded;
}

float library_float_above(double value) {
    const float rounded = static_cast<float>(value);
    return static_cast<double>(rounded) < value ? std::nextafter(rounded, std::numeric_limits<float>::infinity())
                                                : rounded;
}

// Whether two floats are the same value, -0 apart from +0 (NaN equals NaN).
bool same_float(float a, float b) {
    if (std::isnan(a) || std::isnan(b)) {
        return std::isnan(a) && std::isnan(b);
    }
    return a == b && std::signbit(a) == std::signbit(b);
}

} // namespace

TEST_CASE("float_below and float_above match nextafter", "[index]") {
    // Random doubles of every sign and scale, and the cases the bit step
    // must get right: zeros, values next to zero, the largest floats,
    // infinities and NaN.
    std::vector<double> values{0.0, -0.0, 1e-300, -1e-300, 1e-45, -1e-45, 3.4e38, -3.4e38, 3.5e38, -3.5e38,
                               std::numeric_limits<double>::infinity(), -std::numeric_limits<double>::infinity(),
                               std::numeric_limits<double>::quiet_NaN(), 115.17, -8.65, 180.0, -180.0};
    Random random(3);
    for (int i = 0; i < 20000; ++i) {
        const double magnitude = std::pow(10.0, random.uniform(-40.0, 38.0));
        values.push_back((i % 2 == 0 ? 1.0 : -1.0) * magnitude * random.uniform(1.0, 10.0));
    }
    for (const double value : values) {
        INFO("value " << value);
        REQUIRE(same_float(float_below(value), library_float_below(value)));
        REQUIRE(same_float(float_above(value), library_float_above(value)));
        if (!std::isnan(value)) {
            REQUIRE(static_cast<double>(float_below(value)) <= value);
            REQUIRE(static_cast<double>(float_above(value)) >= value);
        }
    }
}

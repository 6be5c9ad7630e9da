#pragma once

// Seeded random numbers that are the same on every standard library:
// std::mt19937 is fully specified by the standard, but the std::*_distribution
// classes are not, so the tests draw their values through these helpers.

#include <cstdint>
#include <random>

namespace badung::test {

class Random {
public:
    explicit Random(std::uint32_t seed) : engine_(seed) {}

    // A double in [0, 1) built from 53 random bits.
    double unit() {
        const std::uint64_t high = engine_() >> 5; // 27 bits
        const std::uint64_t low = engine_() >> 6;  // 26 bits
        return static_cast<double>((high << 26) | low) * (1.0 / 9007199254740992.0);
    }

    // A double in [low, high).
    double uniform(double low, double high) { return low + (high - low) * unit(); }

    // An integer in [low, high], by rejection so every value is equally likely.
    std::int64_t integer(std::int64_t low, std::int64_t high) {
        const std::uint64_t span = static_cast<std::uint64_t>(high - low) + 1;
        const std::uint64_t limit = (std::uint64_t{1} << 32) - ((std::uint64_t{1} << 32) % span);
        std::uint64_t draw = engine_();
        while (draw >= limit) {
            draw = engine_();
        }
        return low + static_cast<std::int64_t>(draw % span);
    }

    // True with the given probability.
    bool chance(double probability) { return unit() < probability; }

private:
    std::mt19937 engine_;
};

} // namespace badung::test

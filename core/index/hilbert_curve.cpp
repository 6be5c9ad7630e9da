#include "core/index/hilbert_curve.hpp"

#include <array>

namespace badung::index {

namespace {

// The curve is walked from the largest quadrant down. At each level the
// quadrant's place along the curve is (3 * right) ^ upper, and the frame of
// the lower bits turns: a lower quadrant swaps x and y, and the lower right
// one also mirrors both. Swap and mirror commute, so every frame is one of
// four states: bit 0 = swapped, bit 1 = mirrored.
constexpr unsigned swapped = 1;
constexpr unsigned mirrored = 2;

// One table entry: the 8 curve bits of 4 levels and the frame after them.
struct Step {
    std::uint8_t bits = 0;
    std::uint8_t next_state = 0;
};

// Steps for every frame state and every 4 bits of x and of y
// (index state << 8 | x << 4 | y), so 4 lookups cover 16 levels.
constexpr std::array<Step, 4 * 256> make_steps() {
    std::array<Step, 4 * 256> steps{};
    for (unsigned entry = 0; entry < steps.size(); ++entry) {
        unsigned state = entry >> 8;
        unsigned bits = 0;
        for (int level = 3; level >= 0; --level) {
            unsigned x = (entry >> (4 + level)) & 1;
            unsigned y = (entry >> level) & 1;
            if (state & swapped) {
                const unsigned t = x;
                x = y;
                y = t;
            }
            if (state & mirrored) {
                x ^= 1;
                y ^= 1;
            }
            bits = (bits << 2) | ((3 * x) ^ y);
            if (y == 0) {
                state ^= x == 1 ? (swapped | mirrored) : swapped;
            }
        }
        steps[entry] = {static_cast<std::uint8_t>(bits), static_cast<std::uint8_t>(state)};
    }
    return steps;
}

constexpr std::array<Step, 4 * 256> steps = make_steps();

} // namespace

std::uint32_t hilbert_index(std::uint32_t x, std::uint32_t y) noexcept {
    std::uint32_t index = 0;
    unsigned state = 0;
    for (int shift = 12; shift >= 0; shift -= 4) {
        const unsigned nibbles = (((x >> shift) & 15u) << 4) | ((y >> shift) & 15u);
        const Step step = steps[(state << 8) | nibbles];
        index = (index << 8) | step.bits;
        state = step.next_state;
    }
    return index;
}

} // namespace badung::index

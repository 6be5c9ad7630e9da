#include "core/index/hilbert_curve.hpp"

#include <utility>

namespace badung::index {

std::uint32_t hilbert_index(std::uint32_t x, std::uint32_t y) noexcept {
    // Walk from the largest quadrant down: each level adds the quadrant's
    // place along the curve (0..3) and turns the frame so the sub-curve of
    // that quadrant runs in the standard direction.
    std::uint32_t index = 0;
    for (std::uint32_t half = 1u << 15; half > 0; half >>= 1) {
        const std::uint32_t right = (x & half) ? 1 : 0;
        const std::uint32_t upper = (y & half) ? 1 : 0;
        index += half * half * ((3 * right) ^ upper);

        if (upper == 0) {
            if (right == 1) {
                x = half - 1 - (x & (half - 1));
                y = half - 1 - (y & (half - 1));
            }
            std::swap(x, y);
        }
    }
    return index;
}

} // namespace badung::index

#pragma once

#include <cstdint>

namespace badung::index {

// Position of the cell (x, y) along the Hilbert curve that fills a
// 65536 x 65536 grid; cells close on the curve are close on the grid.
// Precondition: x and y are below 65536.
std::uint32_t hilbert_index(std::uint32_t x, std::uint32_t y) noexcept;

} // namespace badung::index

#pragma once

#include "core/geo/lon_lat.hpp"

#include <limits>
#include <vector>

namespace badung::geo {

// An axis-aligned box in lon/lat degrees. A default-constructed box is empty:
// it contains nothing, and extending it by a position makes it that position.
struct BBox {
    double west = std::numeric_limits<double>::infinity();
    double south = std::numeric_limits<double>::infinity();
    double east = -std::numeric_limits<double>::infinity();
    double north = -std::numeric_limits<double>::infinity();

    bool empty() const noexcept { return west > east || south > north; }

    void extend(LonLat p) noexcept;
    void extend(const BBox& other) noexcept;

    // Closed-box tests: a position on an edge is inside.
    bool contains(LonLat p) const noexcept;
    bool intersects(const BBox& other) const noexcept;

    friend bool operator==(const BBox&, const BBox&) = default;
};

} // namespace badung::geo

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

// Normalises a query box in RFC 7946 order [west, south, east, north] into
// one or two boxes with longitudes within -180..180.
// - Longitudes in a world copy (beyond +-180, as a panned map reports them)
//   are wrapped.
// - West > east means the box crosses the antimeridian (RFC 7946 section
//   5.2), so it is split at 180 into two boxes.
// - A box 360 degrees wide or wider covers all longitudes.
// Latitudes are clamped to -90..90. Returns no box when south > north or a
// value is not finite.
std::vector<BBox> normalize_query_box(double west, double south, double east, double north);

} // namespace badung::geo

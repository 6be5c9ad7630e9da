#pragma once

namespace badung::cityd {

// A closed box in CRS84 degrees with west <= east: a position on an edge is
// inside. Boxes across the antimeridian are split into two of these before
// they get here (see bbox_parameter.hpp).
struct LonLatBox {
    double west = 0;
    double south = 0;
    double east = 0;
    double north = 0;

    bool contains(double lon, double lat) const noexcept {
        return lon >= west && lon <= east && lat >= south && lat <= north;
    }

    // Closed-box overlap. The meridians -180 and 180 count as the same line,
    // so a query box ending at 180 meets a feature starting at -180.
    bool intersects(const LonLatBox& other) const noexcept {
        if (south > other.north || other.south > north) {
            return false;
        }
        if (west <= other.east && other.west <= east) {
            return true;
        }
        return (east >= 180 && other.west <= -180) || (west <= -180 && other.east >= 180);
    }

    friend bool operator==(const LonLatBox&, const LonLatBox&) = default;
};

} // namespace badung::cityd

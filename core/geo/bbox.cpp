#include "core/geo/bbox.hpp"

#include "core/geo/mercator.hpp"

#include <algorithm>
#include <cmath>

namespace badung::geo {

void BBox::extend(LonLat p) noexcept {
    west = std::min(west, p.lon);
    south = std::min(south, p.lat);
    east = std::max(east, p.lon);
    north = std::max(north, p.lat);
}

void BBox::extend(const BBox& other) noexcept {
    if (other.empty()) {
        return;
    }
    extend(LonLat{other.west, other.south});
    extend(LonLat{other.east, other.north});
}

bool BBox::contains(LonLat p) const noexcept {
    return p.lon >= west && p.lon <= east && p.lat >= south && p.lat <= north;
}

bool BBox::intersects(const BBox& other) const noexcept {
    if (empty() || other.empty()) {
        return false;
    }
    return other.west <= east && other.east >= west && other.south <= north &&
           other.north >= south;
}

std::vector<BBox> normalize_query_box(double west, double south, double east, double north) {
    const bool finite = std::isfinite(west) && std::isfinite(south) && std::isfinite(east) &&
                        std::isfinite(north);
    if (!finite || south > north) {
        return {};
    }
    south = std::clamp(south, -90.0, 90.0);
    north = std::clamp(north, -90.0, 90.0);

    const double width = west <= east ? east - west : east - west + 360.0;
    if (width >= 360.0) {
        return {BBox{-180.0, south, 180.0, north}};
    }

    // Longitudes already in range stay exact, so a box edge through a point
    // still contains it.
    const double start = west >= -180.0 && west <= 180.0 ? west : wrap_lon(west);
    const double end = start + width;
    if (end <= 180.0) {
        return {BBox{start, south, end, north}};
    }
    return {BBox{start, south, 180.0, north}, BBox{-180.0, south, end - 360.0, north}};
}

} // namespace badung::geo

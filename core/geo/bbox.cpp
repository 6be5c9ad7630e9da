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

} // namespace badung::geo

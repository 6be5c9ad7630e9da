#include "core/geo/lon_lat.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace badung::geo {

double haversine_m(LonLat a, LonLat b) noexcept {
    constexpr double rad = std::numbers::pi / 180.0;
    const double dlat = (b.lat - a.lat) * rad;
    const double dlon = (b.lon - a.lon) * rad;

    const double h = std::sin(dlat / 2) * std::sin(dlat / 2) +
                     std::cos(a.lat * rad) * std::cos(b.lat * rad) *
                         std::sin(dlon / 2) * std::sin(dlon / 2);

    return 2.0 * earth_radius_m * std::asin(std::min(1.0, std::sqrt(h)));
}

} // namespace badung::geo

#include "core/geometry/area.hpp"

#include "core/geometry/ring.hpp"

#include <algorithm>
#include <cmath>

namespace badung::geometry {

double polygon_area(const geojson::Polygon& polygon) noexcept {
    if (polygon.rings.empty()) {
        return 0.0;
    }

    double total = std::abs(signed_ring_area(polygon.rings.front()));
    for (std::size_t i = 1; i < polygon.rings.size(); ++i) {
        total -= std::abs(signed_ring_area(polygon.rings[i]));
    }
    return std::max(total, 0.0);
}

double area(const geojson::Geometry& geometry) noexcept {
    double total = 0.0;
    for (const geojson::Polygon& polygon : geometry.polygons) {
        total += polygon_area(polygon);
    }
    for (const geojson::Geometry& member : geometry.members) {
        total += area(member);
    }
    return total;
}

} // namespace badung::geometry

#include "core/geometry/contains.hpp"

#include "core/geometry/ring.hpp"

namespace badung::geometry {

bool polygon_contains(const geojson::Polygon& polygon, geojson::Position p) noexcept {
    if (polygon.rings.empty()) {
        return false;
    }

    const RingLocation exterior = locate_in_ring(p, polygon.rings.front());
    if (exterior != RingLocation::inside) {
        return exterior == RingLocation::boundary;
    }

    for (std::size_t i = 1; i < polygon.rings.size(); ++i) {
        if (locate_in_ring(p, polygon.rings[i]) == RingLocation::inside) {
            return false;
        }
    }
    return true;
}

bool contains(const geojson::Geometry& geometry, geojson::Position p) noexcept {
    for (const geojson::Polygon& polygon : geometry.polygons) {
        if (polygon_contains(polygon, p)) {
            return true;
        }
    }
    for (const geojson::Geometry& member : geometry.members) {
        if (contains(member, p)) {
            return true;
        }
    }
    return false;
}

} // namespace badung::geometry

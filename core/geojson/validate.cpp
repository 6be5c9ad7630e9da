#include "core/geojson/validate.hpp"

#include "core/geometry/ring.hpp"

namespace badung::geojson {

namespace {

bool lies_outside(const LinearRing& hole, const LinearRing& shell) {
    bool any_outside = false;
    for (const Position& p : hole) {
        const geometry::RingLocation location = geometry::locate_in_ring(p, shell);
        if (location == geometry::RingLocation::inside) {
            return false;
        }
        if (location == geometry::RingLocation::outside) {
            any_outside = true;
        }
    }
    return any_outside;
}

void remove_from_polygon(Polygon& polygon, int polygon_index,
                         std::vector<HoleRemoval>& removals) {
    if (polygon.rings.size() < 2) {
        return;
    }

    std::vector<LinearRing> kept;
    kept.push_back(std::move(polygon.rings[0]));
    for (std::size_t i = 1; i < polygon.rings.size(); ++i) {
        if (lies_outside(polygon.rings[i], kept[0])) {
            removals.push_back({polygon_index, static_cast<int>(i)});
        } else {
            kept.push_back(std::move(polygon.rings[i]));
        }
    }
    polygon.rings = std::move(kept);
}

} // namespace

std::vector<HoleRemoval> remove_holes_outside_shell(Geometry& geometry) {
    std::vector<HoleRemoval> removals;

    const bool multi = geometry.type == GeometryType::multi_polygon;
    for (std::size_t i = 0; i < geometry.polygons.size(); ++i) {
        remove_from_polygon(geometry.polygons[i], multi ? static_cast<int>(i) : -1, removals);
    }

    for (Geometry& member : geometry.members) {
        const std::vector<HoleRemoval> inner = remove_holes_outside_shell(member);
        removals.insert(removals.end(), inner.begin(), inner.end());
    }
    return removals;
}

} // namespace badung::geojson

#include "core/geometry/ring.hpp"

#include <algorithm>
#include <cmath>
#include <cstddef>

namespace badung::geometry {

namespace {

// Squared plane distance in degrees from p to the segment a-b.
double squared_distance_to_segment(geojson::Position p, geojson::Position a,
                                   geojson::Position b) noexcept {
    const double dx = b.lon - a.lon;
    const double dy = b.lat - a.lat;
    const double length_squared = dx * dx + dy * dy;

    double t = 0.0;
    if (length_squared > 0.0) {
        t = ((p.lon - a.lon) * dx + (p.lat - a.lat) * dy) / length_squared;
        t = std::clamp(t, 0.0, 1.0);
    }

    const double ex = a.lon + t * dx - p.lon;
    const double ey = a.lat + t * dy - p.lat;
    return ex * ex + ey * ey;
}

} // namespace

RingLocation locate_in_ring(geojson::Position p, const geojson::LinearRing& ring) noexcept {
    const std::size_t n = ring.size();
    if (n == 0) {
        return RingLocation::outside;
    }

    constexpr double tolerance_squared = boundary_tolerance_deg * boundary_tolerance_deg;
    bool inside = false;

    // Each edge runs from ring[j] to ring[i]; j starts at the last position,
    // so an open ring is closed implicitly.
    for (std::size_t i = 0, j = n - 1; i < n; j = i++) {
        const geojson::Position a = ring[j];
        const geojson::Position b = ring[i];

        if (squared_distance_to_segment(p, a, b) <= tolerance_squared) {
            return RingLocation::boundary;
        }

        const bool straddles = (a.lat > p.lat) != (b.lat > p.lat);
        if (straddles) {
            const double crossing_lon =
                a.lon + (p.lat - a.lat) * (b.lon - a.lon) / (b.lat - a.lat);
            if (p.lon < crossing_lon) {
                inside = !inside;
            }
        }
    }

    if (n < 3) {
        return RingLocation::outside;
    }
    return inside ? RingLocation::inside : RingLocation::outside;
}

double signed_ring_area(const geojson::LinearRing& ring) noexcept {
    const std::size_t n = ring.size();
    if (n < 3) {
        return 0.0;
    }

    // Coordinates relative to the first position keep the products small, so
    // rounding stays far below the area of a Badung parcel.
    const geojson::Position origin = ring[0];
    double twice_area = 0.0;
    for (std::size_t i = 0, j = n - 1; i < n; j = i++) {
        const double x_j = ring[j].lon - origin.lon;
        const double y_j = ring[j].lat - origin.lat;
        const double x_i = ring[i].lon - origin.lon;
        const double y_i = ring[i].lat - origin.lat;
        twice_area += x_j * y_i - x_i * y_j;
    }
    return twice_area / 2.0;
}

} // namespace badung::geometry

#include "core/query/segments.hpp"

#include "core/geometry/ring.hpp"

#include <algorithm>
#include <cmath>

namespace badung::query {

namespace {

// Sign of the turn a -> b -> c: positive counter-clockwise, 0 collinear.
int orientation(geojson::Position a, geojson::Position b, geojson::Position c) noexcept {
    const double cross = (b.lon - a.lon) * (c.lat - a.lat) - (b.lat - a.lat) * (c.lon - a.lon);
    return cross > 0.0 ? 1 : (cross < 0.0 ? -1 : 0);
}

// Plane distance in degrees from c to the segment a-b.
double point_segment_distance_deg(geojson::Position c, geojson::Position a, geojson::Position b) noexcept {
    const double dx = b.lon - a.lon;
    const double dy = b.lat - a.lat;
    const double length_squared = dx * dx + dy * dy;
    double t = 0.0;
    if (length_squared > 0.0) {
        t = std::clamp(((c.lon - a.lon) * dx + (c.lat - a.lat) * dy) / length_squared, 0.0, 1.0);
    }
    return std::hypot(c.lon - (a.lon + t * dx), c.lat - (a.lat + t * dy));
}

// Smallest distance from an end of one segment to the other segment.
double end_distance_deg(const Segment& s, const Segment& t) noexcept {
    return std::min({point_segment_distance_deg(t.a, s.a, s.b), point_segment_distance_deg(t.b, s.a, s.b),
                     point_segment_distance_deg(s.a, t.a, t.b), point_segment_distance_deg(s.b, t.a, t.b)});
}

void add_ring_segments(const std::vector<geojson::Position>& ring, std::vector<Segment>& out) {
    for (std::size_t i = 1; i < ring.size(); ++i) {
        out.push_back({ring[i - 1], ring[i]});
    }
}

} // namespace

bool segments_intersect(const Segment& s, const Segment& t) noexcept {
    const int o1 = orientation(s.a, s.b, t.a);
    const int o2 = orientation(s.a, s.b, t.b);
    const int o3 = orientation(t.a, t.b, s.a);
    const int o4 = orientation(t.a, t.b, s.b);
    if (o1 * o2 < 0 && o3 * o4 < 0) {
        return true;
    }

    // Touching: two segments that do not cross are nearest at an end of one.
    return end_distance_deg(s, t) <= geometry::boundary_tolerance_deg;
}

bool segments_cross(const Segment& s, const Segment& t) noexcept {
    const int o1 = orientation(s.a, s.b, t.a);
    const int o2 = orientation(s.a, s.b, t.b);
    const int o3 = orientation(t.a, t.b, s.a);
    const int o4 = orientation(t.a, t.b, s.b);
    return o1 * o2 < 0 && o3 * o4 < 0 && end_distance_deg(s, t) > geometry::boundary_tolerance_deg;
}

std::vector<const geojson::Polygon*> polygons_of(const geojson::Geometry& geometry) {
    std::vector<const geojson::Polygon*> found;
    for (const geojson::Polygon& polygon : geometry.polygons) {
        found.push_back(&polygon);
    }
    for (const geojson::Geometry& member : geometry.members) {
        const auto nested = polygons_of(member);
        found.insert(found.end(), nested.begin(), nested.end());
    }
    return found;
}

std::vector<geojson::Position> positions_of(const geojson::Geometry& geometry) {
    std::vector<geojson::Position> found(geometry.points.begin(), geometry.points.end());
    for (const geojson::LineString& line : geometry.lines) {
        found.insert(found.end(), line.begin(), line.end());
    }
    for (const geojson::Polygon& polygon : geometry.polygons) {
        for (const geojson::LinearRing& ring : polygon.rings) {
            found.insert(found.end(), ring.begin(), ring.end());
        }
    }
    for (const geojson::Geometry& member : geometry.members) {
        const auto nested = positions_of(member);
        found.insert(found.end(), nested.begin(), nested.end());
    }
    return found;
}

std::vector<Segment> segments_of(const geojson::Geometry& geometry) {
    std::vector<Segment> found;
    for (const geojson::LineString& line : geometry.lines) {
        add_ring_segments(line, found);
    }
    for (const geojson::Polygon& polygon : geometry.polygons) {
        for (const geojson::LinearRing& ring : polygon.rings) {
            add_ring_segments(ring, found);
        }
    }
    for (const geojson::Geometry& member : geometry.members) {
        const auto nested = segments_of(member);
        found.insert(found.end(), nested.begin(), nested.end());
    }
    return found;
}

} // namespace badung::query

#include "core/geometry/distance.hpp"

#include "core/geo/lon_lat.hpp"
#include "core/geometry/contains.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numbers>
#include <vector>

namespace badung::geometry {

namespace {

using geojson::Position;

struct Segment {
    Position a;
    Position b;
};

Position interpolate(const Segment& s, double t) noexcept {
    return {s.a.lon + t * (s.b.lon - s.a.lon), s.a.lat + t * (s.b.lat - s.a.lat)};
}

// Nearest point of a segment to p in the equirectangular plane centred on p.
Position nearest_in_plane(Position p, const Segment& s, double x_scale) noexcept {
    const double ax = (s.a.lon - p.lon) * x_scale;
    const double ay = s.a.lat - p.lat;
    const double dx = (s.b.lon - s.a.lon) * x_scale;
    const double dy = s.b.lat - s.a.lat;

    const double length_squared = dx * dx + dy * dy;
    if (length_squared == 0.0) {
        return s.a;
    }
    const double t = std::clamp(-(ax * dx + ay * dy) / length_squared, 0.0, 1.0);
    return interpolate(s, t);
}

// Minimises the haversine distance along the segment; the distance is
// unimodal in t for segments far shorter than the Earth's radius.
NearestPoint refine(Position p, const Segment& s) noexcept {
    constexpr double inverse_phi = 0.6180339887498949;
    constexpr int iterations = 64; // bracket shrinks to 0.618^64 ~ 4e-14 of the segment

    double low = 0.0;
    double high = 1.0;
    double left = high - inverse_phi * (high - low);
    double right = low + inverse_phi * (high - low);
    double left_distance = geo::haversine_m(p, interpolate(s, left));
    double right_distance = geo::haversine_m(p, interpolate(s, right));

    for (int i = 0; i < iterations; ++i) {
        if (left_distance < right_distance) {
            high = right;
            right = left;
            right_distance = left_distance;
            left = high - inverse_phi * (high - low);
            left_distance = geo::haversine_m(p, interpolate(s, left));
        } else {
            low = left;
            left = right;
            left_distance = right_distance;
            right = low + inverse_phi * (high - low);
            right_distance = geo::haversine_m(p, interpolate(s, right));
        }
    }

    NearestPoint best{interpolate(s, (low + high) / 2), 0.0};
    best.distance_m = geo::haversine_m(p, best.position);
    for (const Position end : {s.a, s.b}) {
        const double d = geo::haversine_m(p, end);
        if (d < best.distance_m) {
            best = {end, d};
        }
    }
    return best;
}

void collect_segments(const std::vector<Position>& path, std::vector<Segment>& segments) {
    for (std::size_t i = 1; i < path.size(); ++i) {
        segments.push_back({path[i - 1], path[i]});
    }
}

// Gathers lone points and every segment of lines and rings.
void collect(const geojson::Geometry& geometry, std::vector<Position>& points,
             std::vector<Segment>& segments) {
    points.insert(points.end(), geometry.points.begin(), geometry.points.end());
    for (const geojson::LineString& line : geometry.lines) {
        if (line.size() == 1) {
            points.push_back(line.front());
        }
        collect_segments(line, segments);
    }
    for (const geojson::Polygon& polygon : geometry.polygons) {
        for (const geojson::LinearRing& ring : polygon.rings) {
            collect_segments(ring, segments);
        }
    }
    for (const geojson::Geometry& member : geometry.members) {
        collect(member, points, segments);
    }
}

} // namespace

NearestPoint nearest_point(Position p, const geojson::Geometry& geometry) {
    if (contains(geometry, p)) {
        return {p, 0.0};
    }

    std::vector<Position> points;
    std::vector<Segment> segments;
    collect(geometry, points, segments);

    NearestPoint best{p, std::numeric_limits<double>::infinity()};
    for (const Position q : points) {
        const double d = geo::haversine_m(p, q);
        if (d < best.distance_m) {
            best = {q, d};
        }
    }

    // First pass in the local plane, then refinement of the close candidates.
    const double x_scale = std::cos(p.lat * std::numbers::pi / 180.0);
    std::vector<double> coarse(segments.size());
    double best_coarse = best.distance_m;
    for (std::size_t i = 0; i < segments.size(); ++i) {
        coarse[i] = geo::haversine_m(p, nearest_in_plane(p, segments[i], x_scale));
        best_coarse = std::min(best_coarse, coarse[i]);
    }

    const double threshold = best_coarse * 1.01 + 1.0;
    for (std::size_t i = 0; i < segments.size(); ++i) {
        if (coarse[i] > threshold) {
            continue;
        }
        const NearestPoint candidate = refine(p, segments[i]);
        if (candidate.distance_m < best.distance_m) {
            best = candidate;
        }
    }
    return best;
}

double distance_m(Position p, const geojson::Geometry& geometry) {
    return nearest_point(p, geometry).distance_m;
}

} // namespace badung::geometry

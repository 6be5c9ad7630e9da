#include "web/map/picking.hpp"

#include "core/geometry/contains.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace badung::web::map {

namespace {

using camera::ScreenPoint;

double distance_to_segment(ScreenPoint p, ScreenPoint a, ScreenPoint b) {
    const double dx = b.x - a.x;
    const double dy = b.y - a.y;
    const double length_squared = dx * dx + dy * dy;
    double t = 0.0;
    if (length_squared > 0.0) {
        t = std::clamp(((p.x - a.x) * dx + (p.y - a.y) * dy) / length_squared, 0.0, 1.0);
    }
    return std::hypot(p.x - (a.x + t * dx), p.y - (a.y + t * dy));
}

// Distance in CSS pixels from the click to what the feature draws, minus the
// drawn half-size; 0 inside a polygon, infinity when it draws nothing there.
struct Measure {
    const camera::Camera& camera;
    ScreenPoint click;
    geo::LonLat click_position;
    double line_reach;
    double point_reach;

    double line(const geojson::LineString& line) const {
        double best = std::numeric_limits<double>::infinity();
        for (std::size_t i = 0; i + 1 < line.size(); ++i) {
            const double d = distance_to_segment(click, camera.project(line[i]),
                                                 camera.project(line[i + 1]));
            best = std::min(best, d - line_reach);
        }
        return best;
    }

    double geometry(const geojson::Geometry& geometry) const {
        double best = std::numeric_limits<double>::infinity();
        for (const geojson::Position& p : geometry.points) {
            const ScreenPoint s = camera.project(p);
            best = std::min(best, std::hypot(s.x - click.x, s.y - click.y) - point_reach);
        }
        for (const geojson::LineString& l : geometry.lines) {
            best = std::min(best, line(l));
        }
        for (const geojson::Polygon& polygon : geometry.polygons) {
            if (!polygon.rings.empty() && geometry::polygon_contains(polygon, click_position)) {
                return 0.0;
            }
            for (const geojson::LinearRing& ring : polygon.rings) {
                best = std::min(best, line(ring));
            }
        }
        for (const geojson::Geometry& member : geometry.members) {
            best = std::min(best, this->geometry(member));
        }
        return best;
    }
};

} // namespace

std::optional<PickHit> pick(const std::vector<const MapLayer*>& layers,
                            const camera::Camera& camera, camera::ScreenPoint point) {
    const geo::LonLat click_position = camera.unproject(point);

    for (auto it = layers.rbegin(); it != layers.rend(); ++it) {
        const MapLayer& layer = **it;
        if (!layer.visible || layer.state != MapLayer::State::loaded) {
            continue;
        }

        const double line_width = std::max(layer.style.stroke_width, layer.style.casing_width);
        const Measure measure{camera, point, click_position,
                              line_width / 2.0 + pick_tolerance_px,
                              layer.style.circle_radius + pick_tolerance_px};

        std::optional<PickHit> best_hit;
        double best_distance = std::numeric_limits<double>::infinity();
        for (std::size_t i = 0; i < layer.data.features.size(); ++i) {
            const geojson::Feature& feature = layer.data.features[i];
            if (!feature.has_location()) {
                continue;
            }
            const double distance = measure.geometry(*feature.geometry);
            if (distance <= 0.0 && distance <= best_distance) {
                best_distance = distance;
                best_hit = PickHit{&layer, i};
            }
        }
        if (best_hit) {
            return best_hit;
        }
    }
    return std::nullopt;
}

} // namespace badung::web::map

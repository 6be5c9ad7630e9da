#include "server/report_area.hpp"

#include "server/log.hpp"

#include <rapidjson/document.h>

#include <algorithm>
#include <charconv>
#include <cmath>

namespace badung::cityd {

namespace {

using rapidjson::Value;
using Ring = std::vector<std::pair<double, double>>;

constexpr double metres_per_degree = 111320.0;

std::string format_number(double value) {
    char text[32];
    const auto [end, ec] = std::to_chars(text, text + sizeof text, value);
    return ec == std::errc{} ? std::string(text, end) : "?";
}

Ring read_ring(const Value& coordinates) {
    Ring ring;
    for (const auto& position : coordinates.GetArray()) {
        if (position.IsArray() && position.Size() >= 2 && position[0].IsNumber() && position[1].IsNumber()) {
            ring.emplace_back(position[0].GetDouble(), position[1].GetDouble());
        }
    }
    return ring;
}

AreaPolygon read_polygon(const Value& rings) {
    AreaPolygon polygon;
    for (const auto& ring : rings.GetArray()) {
        if (ring.IsArray()) {
            polygon.rings.push_back(read_ring(ring));
        }
    }
    return polygon;
}

// Appends the polygons of a stored Polygon or MultiPolygon feature.
void add_feature_polygons(const std::string& feature_json, std::vector<AreaPolygon>& polygons) {
    rapidjson::Document feature;
    feature.Parse(feature_json.c_str(), feature_json.size());
    const auto geometry = feature.FindMember("geometry");
    if (geometry == feature.MemberEnd() || !geometry->value.IsObject()) {
        return;
    }
    const auto type = geometry->value.FindMember("type");
    const auto coordinates = geometry->value.FindMember("coordinates");
    if (type == geometry->value.MemberEnd() || coordinates == geometry->value.MemberEnd() || !type->value.IsString() ||
        !coordinates->value.IsArray()) {
        return;
    }

    const std::string type_name = type->value.GetString();
    if (type_name == "Polygon") {
        polygons.push_back(read_polygon(coordinates->value));
    } else if (type_name == "MultiPolygon") {
        for (const auto& rings : coordinates->value.GetArray()) {
            if (rings.IsArray()) {
                polygons.push_back(read_polygon(rings));
            }
        }
    }
}

// Even-odd rule over all rings, so holes count as outside.
bool polygon_contains(const AreaPolygon& polygon, double lon, double lat) {
    bool inside = false;
    for (const auto& ring : polygon.rings) {
        for (std::size_t i = 0, j = ring.size() - 1; i < ring.size(); j = i++) {
            const auto [xi, yi] = ring[i];
            const auto [xj, yj] = ring[j];
            if ((yi > lat) != (yj > lat) && lon < (xj - xi) * (lat - yi) / (yj - yi) + xi) {
                inside = !inside;
            }
        }
    }
    return inside;
}

// Returns the distance in metres from a position to a ring's edges on a
// local equirectangular projection, whose error is negligible over a margin
// of a few hundred metres.
double distance_to_ring_m(const Ring& ring, double lon, double lat) {
    const double x_scale = metres_per_degree * std::cos(lat * M_PI / 180.0);
    double best = INFINITY;
    for (std::size_t i = 1; i < ring.size(); ++i) {
        const double ax = (ring[i - 1].first - lon) * x_scale;
        const double ay = (ring[i - 1].second - lat) * metres_per_degree;
        const double bx = (ring[i].first - lon) * x_scale;
        const double by = (ring[i].second - lat) * metres_per_degree;
        const double dx = bx - ax;
        const double dy = by - ay;
        const double length_squared = dx * dx + dy * dy;
        const double t = length_squared > 0 ? std::clamp(-(ax * dx + ay * dy) / length_squared, 0.0, 1.0) : 0.0;
        best = std::min(best, std::hypot(ax + t * dx, ay + t * dy));
    }
    return best;
}

} // namespace

ReportArea::ReportArea(LonLatBox bbox, std::vector<AreaPolygon> polygons, double margin_m, std::string layer_id)
    : bbox_(bbox), polygons_(std::move(polygons)), margin_m_(margin_m), layer_id_(std::move(layer_id)) {}

ReportArea ReportArea::from_config(const Config& config, const LayerStore& layers) {
    if (config.report_area_layer.empty()) {
        return ReportArea(config.report_area, {}, 0, "");
    }

    const Collection* layer = layers.find(config.report_area_layer);
    std::vector<AreaPolygon> polygons;
    if (layer != nullptr) {
        for (const auto& feature : layer->features) {
            add_feature_polygons(feature.json, polygons);
        }
    }
    if (polygons.empty()) {
        log_event("report_area_fallback", {{"collection", config.report_area_layer},
                                           {"reason", "boundary layer missing or without polygons; "
                                                      "accepting reports inside report_area_bbox only"}});
        return ReportArea(config.report_area, {}, 0, "");
    }
    log_event("report_area_loaded", {{"collection", config.report_area_layer},
                                     {"polygons", std::to_string(polygons.size())}});
    return ReportArea(config.report_area, std::move(polygons), config.report_area_margin_m, config.report_area_layer);
}

bool ReportArea::contains(double lon, double lat) const {
    if (!bbox_.contains(lon, lat)) {
        return false;
    }
    if (polygons_.empty()) {
        return true;
    }
    for (const auto& polygon : polygons_) {
        if (polygon_contains(polygon, lon, lat)) {
            return true;
        }
    }
    for (const auto& polygon : polygons_) {
        for (const auto& ring : polygon.rings) {
            if (distance_to_ring_m(ring, lon, lat) <= margin_m_) {
                return true;
            }
        }
    }
    return false;
}

std::string ReportArea::describe() const {
    const std::string box = "long " + format_number(bbox_.west) + ".." + format_number(bbox_.east) + ", lat " +
                            format_number(bbox_.south) + ".." + format_number(bbox_.north);
    if (polygons_.empty()) {
        return "Kabupaten Badung (" + box + ")";
    }
    return "the Kabupaten Badung boundary (layer '" + layer_id_ + "', within " + format_number(margin_m_) +
           " m, and " + box + ")";
}

} // namespace badung::cityd

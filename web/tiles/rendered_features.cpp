#include "web/tiles/rendered_features.hpp"

#include "core/mvt/to_geojson.hpp"
#include "web/json_writer.hpp"
#include "web/tiles/tile_renderer.hpp"

#include <algorithm>
#include <cmath>

namespace badung::web::tiles {

namespace {

constexpr double hit_slack_px = 0.5;

struct Probe {
    double x = 0.0; // the point in the layer's tile coordinates
    double y = 0.0;
    double px_per_unit = 1.0;
};

double segment_distance(double px, double py, mvt::TilePoint a, mvt::TilePoint b) {
    const double ax = static_cast<double>(a.x);
    const double ay = static_cast<double>(a.y);
    const double dx = static_cast<double>(b.x) - ax;
    const double dy = static_cast<double>(b.y) - ay;
    const double length2 = dx * dx + dy * dy;
    const double t = length2 > 0.0 ? std::clamp(((px - ax) * dx + (py - ay) * dy) / length2, 0.0, 1.0) : 0.0;
    return std::hypot(px - (ax + t * dx), py - (ay + t * dy));
}

bool near_line(const std::vector<mvt::TilePoint>& line, const Probe& probe, double reach_px) {
    const double reach = reach_px / probe.px_per_unit;
    for (std::size_t i = 0; i + 1 < line.size(); ++i) {
        if (segment_distance(probe.x, probe.y, line[i], line[i + 1]) <= reach) {
            return true;
        }
    }
    return false;
}

bool inside(const mvt::TilePolygon& polygon, const Probe& probe) {
    bool in = false;
    for (const mvt::TileRing& ring : polygon.rings) {
        for (std::size_t i = 0, j = ring.size() - 1; i < ring.size(); j = i++) {
            const double xi = static_cast<double>(ring[i].x);
            const double yi = static_cast<double>(ring[i].y);
            const double xj = static_cast<double>(ring[j].x);
            const double yj = static_cast<double>(ring[j].y);
            if ((yi > probe.y) != (yj > probe.y) &&
                probe.x < (xj - xi) * (probe.y - yi) / (yj - yi) + xi) {
                in = !in;
            }
        }
    }
    return in;
}

bool hits(const mvt::Feature& feature, const render::LayerStyle& style, const Probe& probe) {
    const double line_reach = std::max(style.stroke_width, style.casing_width) / 2.0 + hit_slack_px;
    const double radius = style.circle_radius + hit_slack_px;
    if (style.circle_radius > 0.0F) {
        for (const mvt::TilePoint& p : feature.geometry.points) {
            if (std::hypot(probe.x - static_cast<double>(p.x), probe.y - static_cast<double>(p.y)) *
                    probe.px_per_unit <= radius) {
                return true;
            }
        }
    }
    for (const mvt::TileLine& line : feature.geometry.lines) {
        if (line_reach > hit_slack_px && near_line(line, probe, line_reach)) {
            return true;
        }
    }
    for (const mvt::TilePolygon& polygon : feature.geometry.polygons) {
        if (style.fill && inside(polygon, probe)) {
            return true;
        }
        for (const mvt::TileRing& ring : polygon.rings) {
            if (line_reach > hit_slack_px && near_line(ring, probe, line_reach)) {
                return true;
            }
        }
    }
    return false;
}

void write_feature(JsonWriter& writer, const std::string& layer, const mvt::Feature& feature,
                   geo::TileId tile) {
    writer.StartObject();
    writer.Key("layer");
    writer.String(layer.c_str());
    writer.Key("id");
    if (feature.id) {
        writer.Uint64(*feature.id);
    } else {
        writer.Null();
    }
    writer.Key("properties");
    writer.StartObject();
    for (const auto& [key, value] : feature.properties) {
        writer.Key(key.c_str(), static_cast<rapidjson::SizeType>(key.size()));
        write_value(writer, mvt::to_geojson(value));
    }
    writer.EndObject();
    writer.Key("tile");
    const std::string address =
        std::to_string(tile.z) + "/" + std::to_string(tile.x) + "/" + std::to_string(tile.y);
    writer.String(address.c_str());
    writer.EndObject();
}

// The draw item whose clip area holds the point, if any.
const DrawItem* item_at(const std::vector<DrawItem>& items, const camera::Camera& camera,
                        camera::ScreenPoint point) {
    for (const DrawItem& item : items) {
        const TileTransform clip = TileTransform::of(item.clip, camera);
        if (point.x >= clip.origin_x && point.x < clip.origin_x + clip.size() &&
            point.y >= clip.origin_y && point.y < clip.origin_y + clip.size()) {
            return &item;
        }
    }
    return nullptr;
}

} // namespace

std::string rendered_features_json(const std::vector<DrawItem>& items,
                                   const std::vector<const map::MapLayer*>& layers,
                                   const camera::Camera& camera, camera::ScreenPoint point) {
    rapidjson::StringBuffer buffer;
    JsonWriter writer(buffer);
    writer.StartArray();

    const DrawItem* item = item_at(items, camera, point);
    if (item != nullptr && item->tile->data) {
        const TileTransform t = TileTransform::of(item->tile->id, camera);
        for (auto it = layers.rbegin(); it != layers.rend(); ++it) {
            const map::MapLayer& layer = **it;
            if (!layer.visible) {
                continue;
            }
            for (const mvt::Layer& tile_layer : item->tile->data->layers) {
                if (tile_layer.name != layer.id) {
                    continue;
                }
                const double per_unit = static_cast<double>(tile_layer.extent) / tile_units;
                const Probe probe{(point.x - t.origin_x) / t.unit * per_unit,
                                  (point.y - t.origin_y) / t.unit * per_unit, t.unit / per_unit};
                for (const mvt::Feature& feature : tile_layer.features) {
                    if (hits(feature, layer.style, probe)) {
                        write_feature(writer, layer.id, feature, item->tile->id);
                    }
                }
            }
        }
    }
    writer.EndArray();
    return buffer.GetString();
}

} // namespace badung::web::tiles

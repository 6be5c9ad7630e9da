#include "core/query/hit_json.hpp"

#include "core/geometry/area.hpp"
#include "core/labels/label_geometry.hpp"
#include "core/query/place_kinds.hpp"

#include <cmath>
#include <optional>
#include <vector>

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

namespace badung::query {

namespace {

using Writer = rapidjson::Writer<rapidjson::StringBuffer>;

void write_text(Writer& writer, std::string_view text) {
    writer.String(text.data(), static_cast<rapidjson::SizeType>(text.size()));
}

void write_value(Writer& writer, const geojson::Value& value) {
    using Kind = geojson::Value::Kind;
    switch (value.kind) {
    case Kind::null:
        writer.Null();
        break;
    case Kind::boolean:
        writer.Bool(value.boolean);
        break;
    case Kind::string:
        write_text(writer, value.text);
        break;
    case Kind::number:
    case Kind::array:
    case Kind::object:
        writer.RawValue(value.text.data(), value.text.size(), rapidjson::kObjectType);
        break;
    }
}

// A point inside the largest polygon of a Polygon or MultiPolygon, where a
// desa or kecamatan can be shown and located: the centre of its bbox may
// lie outside it, even in another area.
std::optional<geo::LonLat> point_inside(const geojson::Geometry& geometry) {
    const geojson::Polygon* largest = nullptr;
    double largest_area = 0.0;
    for (const geojson::Polygon& polygon : geometry.polygons) {
        const double area = geometry::polygon_area(polygon);
        if (largest == nullptr || area > largest_area) {
            largest = &polygon;
            largest_area = area;
        }
    }
    if (largest == nullptr) {
        return std::nullopt;
    }
    // The label code works in screen space, y down, so latitude is negated.
    std::vector<std::vector<labels::Point>> rings;
    for (const geojson::LinearRing& ring : largest->rings) {
        auto& points = rings.emplace_back();
        for (const geojson::Position& position : ring) {
            points.push_back({position.lon, -position.lat});
        }
    }
    const std::optional<labels::Point> inside = labels::polygon_label_point(rings);
    if (!inside) {
        return std::nullopt;
    }
    return geo::LonLat{inside->x, -inside->y};
}

void write_location(Writer& writer, const geojson::Feature& feature) {
    if (!feature.has_location()) {
        writer.Null();
        return;
    }
    const geojson::Geometry& geometry = *feature.geometry;
    geo::LonLat at;
    const bool areal =
        geometry.type == geojson::GeometryType::polygon || geometry.type == geojson::GeometryType::multi_polygon;
    if (geometry.type == geojson::GeometryType::point) {
        at = geometry.points.front();
    } else if (const std::optional<geo::LonLat> inside = areal ? point_inside(geometry) : std::nullopt) {
        at = *inside;
    } else {
        const geo::BBox box = feature.bbox();
        at = {(box.west + box.east) / 2, (box.south + box.north) / 2};
    }
    writer.StartArray();
    writer.Double(at.lon);
    writer.Double(at.lat);
    writer.EndArray();
}

void write_hit(Writer& writer, const LayerSet& set, const LayerHit& hit) {
    const NamedLayer& layer = set.layers()[hit.layer];
    const geojson::Feature& feature = layer.features.features()[hit.feature];

    writer.StartObject();
    writer.Key("layer");
    write_text(writer, layer.id);
    writer.Key("id");
    write_value(writer, feature.id);
    if (hit.distance_m) {
        // A search hit without a location has an infinite distance, which
        // JSON cannot hold.
        writer.Key("distance_m");
        if (std::isfinite(*hit.distance_m)) {
            writer.Double(*hit.distance_m);
        } else {
            writer.Null();
        }
    }
    if (hit.quality) {
        writer.Key("match");
        writer.String(quality_name(*hit.quality));
    }
    writer.Key("location");
    write_location(writer, feature);
    if (const PlaceKind* kind = feature_kind(set, hit.layer, hit.feature)) {
        writer.Key("kind");
        write_text(writer, kind->slug);
    }
    writer.Key("properties");
    writer.StartObject();
    for (const auto& [key, value] : feature.properties) {
        write_text(writer, key);
        write_value(writer, value);
    }
    writer.EndObject();
    writer.EndObject();
}

} // namespace

const char* quality_name(search::MatchQuality quality) noexcept {
    switch (quality) {
    case search::MatchQuality::exact:
        return "exact";
    case search::MatchQuality::abbreviation:
        return "abbreviation";
    case search::MatchQuality::prefix:
        return "prefix";
    case search::MatchQuality::typo:
        return "typo";
    }
    return "exact";
}

std::string hit_json(const LayerSet& set, const LayerHit& hit) {
    rapidjson::StringBuffer buffer;
    Writer writer(buffer);
    write_hit(writer, set, hit);
    return buffer.GetString();
}

std::string results_json(const LayerSet& set, const std::vector<LayerHit>& hits) {
    rapidjson::StringBuffer buffer;
    Writer writer(buffer);
    writer.StartObject();
    writer.Key("results");
    writer.StartArray();
    for (const LayerHit& hit : hits) {
        write_hit(writer, set, hit);
    }
    writer.EndArray();
    writer.EndObject();
    return buffer.GetString();
}

} // namespace badung::query

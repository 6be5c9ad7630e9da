#include "core/style/feature_view.hpp"

#include "core/geojson/feature.hpp"
#include "core/mvt/tile.hpp"

namespace badung::style {

namespace {

Value from_geojson(const geojson::Value& value) {
    switch (value.kind) {
    case geojson::Value::Kind::null:
        return {};
    case geojson::Value::Kind::boolean:
        return value.boolean;
    case geojson::Value::Kind::number:
        return value.number();
    default:
        return value.text;
    }
}

Value from_mvt(const mvt::Value& value) {
    switch (value.type) {
    case mvt::Value::Type::string:
        return value.string;
    case mvt::Value::Type::float_:
    case mvt::Value::Type::double_:
        return value.number;
    case mvt::Value::Type::int_:
    case mvt::Value::Type::sint:
        return static_cast<double>(value.integer);
    case mvt::Value::Type::uint:
        return static_cast<double>(value.unsigned_integer);
    case mvt::Value::Type::boolean:
        return value.boolean;
    }
    return {};
}

} // namespace

std::optional<Value> GeojsonFeatureView::property(std::string_view key) const {
    const geojson::Value* value = feature_.property(key);
    if (value == nullptr) {
        return std::nullopt;
    }
    return from_geojson(*value);
}

Value GeojsonFeatureView::id() const {
    return from_geojson(feature_.id);
}

std::string_view GeojsonFeatureView::geometry_type() const {
    if (!feature_.geometry) {
        return "Unknown";
    }
    switch (feature_.geometry->type) {
    case geojson::GeometryType::point:
    case geojson::GeometryType::multi_point:
        return "Point";
    case geojson::GeometryType::line_string:
    case geojson::GeometryType::multi_line_string:
        return "LineString";
    case geojson::GeometryType::polygon:
    case geojson::GeometryType::multi_polygon:
        return "Polygon";
    default:
        return "Unknown";
    }
}

std::optional<Value> MvtFeatureView::property(std::string_view key) const {
    for (const auto& [name, value] : feature_.properties) {
        if (name == key) {
            return from_mvt(value);
        }
    }
    return std::nullopt;
}

Value MvtFeatureView::id() const {
    if (!feature_.id) {
        return {};
    }
    return static_cast<double>(*feature_.id);
}

std::string_view MvtFeatureView::geometry_type() const {
    switch (feature_.type) {
    case mvt::GeomType::point:
        return "Point";
    case mvt::GeomType::linestring:
        return "LineString";
    case mvt::GeomType::polygon:
        return "Polygon";
    default:
        return "Unknown";
    }
}

} // namespace badung::style

#pragma once

#include "core/style/value.hpp"

#include <optional>
#include <string_view>

namespace badung::geojson {
struct Feature;
}
namespace badung::mvt {
struct Feature;
}

namespace badung::style {

// What expressions may read of a feature: its properties, its id and its
// geometry type.
class FeatureView {
public:
    virtual ~FeatureView() = default;

    // The property named key, or nothing when the feature has no such property.
    virtual std::optional<Value> property(std::string_view key) const = 0;

    // The feature id, or null.
    virtual Value id() const = 0;

    // "Point", "LineString", "Polygon" (Multi* types count as their single
    // form, as in the style specification), or "Unknown".
    virtual std::string_view geometry_type() const = 0;
};

// A GeoJSON feature seen by expressions. Numbers, strings, booleans and null
// keep their type; arrays and objects are read as their JSON text.
class GeojsonFeatureView final : public FeatureView {
public:
    explicit GeojsonFeatureView(const geojson::Feature& feature) : feature_(feature) {}

    std::optional<Value> property(std::string_view key) const override;
    Value id() const override;
    std::string_view geometry_type() const override;

private:
    const geojson::Feature& feature_;
};

// A vector tile feature seen by expressions. Every integer type becomes a
// number.
class MvtFeatureView final : public FeatureView {
public:
    explicit MvtFeatureView(const mvt::Feature& feature) : feature_(feature) {}

    std::optional<Value> property(std::string_view key) const override;
    Value id() const override;
    std::string_view geometry_type() const override;

private:
    const mvt::Feature& feature_;
};

} // namespace badung::style

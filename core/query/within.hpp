#pragma once

#include "core/geojson/feature.hpp"
#include "core/query/feature_layer.hpp"

#include <cstddef>
#include <stdexcept>
#include <vector>

namespace badung::query {

// The meaning of "within an area" for a feature that is not a single point.
// Points and MultiPoints follow the rule too: intersects needs one position
// in the area, inside needs all.
enum class WithinRule {
    // The feature shares at least one point with the closed area: a position
    // inside it or on its border, a segment touching or crossing a border, or
    // an area lying inside a polygon of the feature.
    intersects,
    // Every position of the feature and every segment midpoint lies in the
    // closed area, no segment of the feature crosses a border, and no hole of
    // the area lies inside a polygon of the feature.
    inside,
};

// The error within() raises for an area feature that has no geometry, or a
// geometry that cannot contain anything (a point, a line, or a GeometryCollection of
// those). The message names the feature and its geometry type.
class NotAnArea : public std::invalid_argument {
public:
    using std::invalid_argument::invalid_argument;
};

// The features of layer within the polygons of an area feature (a desa, a
// kecamatan or any Polygon/MultiPolygon), as positions in layer.features()
// in id order. Containment is geometry::contains: plane lon/lat, holes are
// outside, borders (within about 0.1 mm) are inside. An empty Polygon or
// MultiPolygon contains nothing, and features without a location never
// match. Throws NotAnArea for an area feature without polygons.
// NOTE: a hole of the area that touches a feature polygon's outline from
// inside counts as inside that polygon, so WithinRule::inside rejects it.
std::vector<std::size_t> within(const geojson::Feature& area, const FeatureLayer& layer,
                                WithinRule rule = WithinRule::intersects);

} // namespace badung::query

#include "core/query/feature_layer.hpp"

#include "core/geo/mercator.hpp"
#include "core/geometry/distance.hpp"
#include "core/index/bbox_query.hpp"
#include "core/query/feature_order.hpp"

#include <algorithm>
#include <limits>

namespace badung::query {

namespace {

std::vector<geojson::Feature> sorted_by_id(std::vector<geojson::Feature> features) {
    std::stable_sort(features.begin(), features.end(), id_less);
    return features;
}

std::vector<geo::BBox> boxes_of(const std::vector<geojson::Feature>& features) {
    std::vector<geo::BBox> boxes;
    boxes.reserve(features.size());
    for (const geojson::Feature& feature : features) {
        boxes.push_back(feature.has_location() ? feature.bbox() : geo::BBox{});
    }
    return boxes;
}

std::vector<geometry::IndexedShape> shapes_of(const std::vector<geojson::Feature>& features) {
    std::vector<geometry::IndexedShape> shapes;
    shapes.reserve(features.size());
    for (const geojson::Feature& feature : features) {
        shapes.emplace_back(feature.geometry ? *feature.geometry : geojson::Geometry{});
    }
    return shapes;
}

} // namespace

FeatureLayer::FeatureLayer(std::vector<geojson::Feature> features)
    : features_(sorted_by_id(std::move(features))), tree_(boxes_of(features_)), shapes_(shapes_of(features_)) {}

std::vector<std::size_t> FeatureLayer::in_bbox(const geo::BBox& box) const {
    const std::vector<std::uint32_t> items = index::query_bbox(tree_, box);
    return {items.begin(), items.end()};
}

std::vector<NearestFeature> FeatureLayer::nearest(geo::LonLat p, std::size_t k, double max_distance_m) const {
    return nearest(p, k, FeatureFilter{}, max_distance_m);
}

std::vector<NearestFeature> FeatureLayer::nearest(geo::LonLat p, std::size_t k, const FeatureFilter& keep,
                                                  double max_distance_m) const {
    const geo::LonLat wrapped{geo::wrap_lon(p.lon), p.lat};

    // A feature left out gets an infinite distance, and the search stops
    // before any such distance because the bound is kept finite.
    const auto distance = [&](std::uint32_t item) {
        if (keep && !keep(item)) {
            return std::numeric_limits<double>::infinity();
        }
        return shapes_[item].distance_m(wrapped, *features_[item].geometry);
    };
    const double bound = std::min(max_distance_m, std::numeric_limits<double>::max());

    std::vector<NearestFeature> found;
    for (const index::Neighbour& neighbour : tree_.nearest(wrapped, k, distance, bound)) {
        found.push_back({neighbour.item, neighbour.distance_m});
    }
    return found;
}

} // namespace badung::query

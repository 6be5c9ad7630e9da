#pragma once

#include "core/geo/bbox.hpp"
#include "core/geo/lon_lat.hpp"
#include "core/geojson/feature.hpp"
#include "core/geometry/indexed_shape.hpp"
#include "core/index/hilbert_rtree.hpp"

#include <cstddef>
#include <functional>
#include <limits>
#include <vector>

namespace badung::query {

// One kNN result: a feature's position in FeatureLayer::features() and the
// great-circle distance in metres from the query position to its nearest
// point (0 inside a polygon).
struct NearestFeature {
    std::size_t feature = 0;
    double distance_m = 0.0;

    friend bool operator==(const NearestFeature&, const NearestFeature&) = default;
};

// A layer of features with a spatial index, ready for bbox, kNN, locate and
// within queries. Features are kept in id order (see id_less), and every
// query returns positions in that order's list, so a position also ranks ties.
// Features without a location (null or empty geometry) are kept but never
// returned by a spatial query.
class FeatureLayer {
public:
    // Orders the features by id and indexes their boxes. Throws
    // std::invalid_argument when a feature's box has a NaN edge.
    explicit FeatureLayer(std::vector<geojson::Feature> features);

    const std::vector<geojson::Feature>& features() const noexcept { return features_; }
    std::size_t size() const noexcept { return features_.size(); }
    const index::HilbertRTree& tree() const noexcept { return tree_; }
    // The indexed geometry of the feature at a position, for exact distances and containment.
    const geometry::IndexedShape& shape(std::size_t feature) const noexcept { return shapes_[feature]; }

    // The features whose bbox intersects the query box, edges included, each
    // once and in id order. The box may use world-copy longitudes or cross the
    // antimeridian (see index::normalise_bbox). Throws index::InvalidBBox.
    // NOTE: the test is on feature boxes, so a polygon whose box touches the
    // query box is returned even when its outline does not.
    std::vector<std::size_t> in_bbox(const geo::BBox& box) const;

    // The k features nearest to p (haversine to each feature's nearest point),
    // within max_distance_m; distances within 1 mm rank by id. The longitude
    // of p is wrapped into -180..180 first.
    std::vector<NearestFeature> nearest(geo::LonLat p, std::size_t k,
                                        double max_distance_m = std::numeric_limits<double>::infinity()) const;

    // nearest() over the features for which keep(position) is true only,
    // e.g. one category of a mixed layer.
    using FeatureFilter = std::function<bool(std::size_t feature)>;
    std::vector<NearestFeature> nearest(geo::LonLat p, std::size_t k, const FeatureFilter& keep,
                                        double max_distance_m = std::numeric_limits<double>::infinity()) const;

private:
    std::vector<geojson::Feature> features_;
    index::HilbertRTree tree_;
    std::vector<geometry::IndexedShape> shapes_; // one per feature, for exact distances
};

} // namespace badung::query

#include "core/query/locate.hpp"

#include "core/geo/mercator.hpp"
#include "core/geometry/contains.hpp"

namespace badung::query {

std::optional<std::size_t> locate(const FeatureLayer& areas, geo::LonLat p) {
    const geo::LonLat wrapped{geo::wrap_lon(p.lon), p.lat};

    // contains() counts a position up to about 0.1 mm outside an edge as on
    // it, so the box search is widened by 1e-8 degrees (about 1 mm) to let
    // such positions reach it.
    constexpr double pad = 1e-8;
    const geo::BBox near_point{wrapped.lon - pad, wrapped.lat - pad, wrapped.lon + pad, wrapped.lat + pad};

    // Candidates come in id order, so the first that contains p has the
    // smallest id.
    for (const std::uint32_t item : areas.tree().search(near_point)) {
        if (geometry::contains(*areas.features()[item].geometry, wrapped)) {
            return item;
        }
    }
    return std::nullopt;
}

std::vector<std::optional<std::size_t>> locate(std::span<const FeatureLayer* const> layers, geo::LonLat p) {
    std::vector<std::optional<std::size_t>> found;
    found.reserve(layers.size());
    for (const FeatureLayer* layer : layers) {
        found.push_back(locate(*layer, p));
    }
    return found;
}

} // namespace badung::query

#pragma once

#include "core/geo/lon_lat.hpp"
#include "core/query/feature_layer.hpp"

#include <cstddef>
#include <optional>
#include <span>
#include <vector>

namespace badung::query {

// The feature of an area layer containing p, as a position in
// areas.features(), or std::nullopt when none does. Containment is
// geometry::contains: holes are outside, and a position on an edge (within
// about 0.1 mm) is inside. Border rule: a position on the border shared by
// several features belongs to the one with the smallest id (first in
// id_less order), so every position gets at most one feature. The longitude
// of p is wrapped into -180..180 first.
std::optional<std::size_t> locate(const FeatureLayer& areas, geo::LonLat p);

// locate() over several area layers at once, e.g. desa/kelurahan, kecamatan
// and kabupaten: one result per layer, in the order given.
std::vector<std::optional<std::size_t>> locate(std::span<const FeatureLayer* const> layers, geo::LonLat p);

} // namespace badung::query

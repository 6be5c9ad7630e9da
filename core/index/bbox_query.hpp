#pragma once

#include "core/geo/bbox.hpp"
#include "core/index/hilbert_rtree.hpp"

#include <cstdint>
#include <vector>

namespace badung::index {

// The items whose box intersects a query box given in any form that
// normalise_bbox accepts (world copies, west > east across the antimeridian,
// wider than the world), edges included. Each item comes once, in ascending
// item order. Throws InvalidBBox as normalise_bbox does.
std::vector<std::uint32_t> query_bbox(const HilbertRTree& tree, const geo::BBox& box);

} // namespace badung::index

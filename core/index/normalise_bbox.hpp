#pragma once

#include "core/geo/bbox.hpp"

#include <stdexcept>
#include <string>
#include <vector>

namespace badung::index {

// A query box that cannot be normalised (a NaN edge, or south > north).
class InvalidBBox : public std::invalid_argument {
public:
    using std::invalid_argument::invalid_argument;
};

// Normalises a query box [west, south, east, north] into one or two boxes whose
// longitudes lie within -180..180 and whose west <= east:
// - longitudes of a world copy (beyond +-180, e.g. after panning round the
//   world) are wrapped back by whole turns of 360 degrees;
// - west > east means the box crosses the antimeridian (RFC 7946 section 5.2):
//   it runs east from west across 180 to east;
// - a box 360 degrees wide or wider becomes -180..180;
// - a box that crosses 180 after wrapping is split at 180 into two boxes.
// Latitudes are clamped to -90..90. Wrapping subtracts whole turns, which
// leaves a rounding residue (475.05 - 360 is 115.05000000000001); a wrapped
// edge within 1e-10 degrees of a multiple of 1e-9 degrees is snapped to it.
// Throws InvalidBBox naming the box when an edge is NaN or infinite or south > north.
std::vector<geo::BBox> normalise_bbox(const geo::BBox& box);

// The box as "[west, south, east, north]" text, for error messages.
std::string to_text(const geo::BBox& box);

} // namespace badung::index

#pragma once

#include "server/lon_lat_box.hpp"

#include <stdexcept>
#include <string_view>
#include <vector>

namespace badung::cityd {

// Raised for a bbox that cannot be read. The message names the bad value
// and shows how to write a valid one.
class BBoxError : public std::invalid_argument {
public:
    using std::invalid_argument::invalid_argument;
};

// Parses the OGC API `bbox` parameter (CRS84: west,south,east,north, or the
// 6-number form with heights, whose heights are ignored) into one or two
// closed boxes with longitudes in [-180, 180]:
// - longitudes of a world copy (e.g. 475.05 = 115.05 + 360) are wrapped;
// - west > east means the box crosses the antimeridian (RFC 7946, 5.2) and
//   becomes two boxes, [west, 180] and [-180, east];
// - a box 360 degrees wide or wider covers all longitudes.
// Throws BBoxError for a wrong count of numbers, a non-number, a latitude
// outside [-90, 90] or south > north.
std::vector<LonLatBox> parse_bbox_parameter(std::string_view text);

} // namespace badung::cityd

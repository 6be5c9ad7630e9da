#include "core/index/normalise_bbox.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace badung::index {

namespace {

// Removes the rounding residue left by subtracting whole turns.
double snap_wrapped(double lon) {
    const double snapped = std::round(lon * 1e9) / 1e9;
    return std::abs(snapped - lon) < 1e-10 ? snapped : lon;
}

// Whole turns of 360 degrees to subtract so that lon lands in [-180, 180).
double turns_of(double lon) {
    return std::floor((lon + 180.0) / 360.0);
}

} // namespace

std::string to_text(const geo::BBox& box) {
    char text[128];
    std::snprintf(text, sizeof text, "[%.10g, %.10g, %.10g, %.10g]", box.west, box.south,
                  box.east, box.north);
    return text;
}

std::vector<geo::BBox> normalise_bbox(const geo::BBox& box) {
    const bool finite = std::isfinite(box.west) && std::isfinite(box.south) &&
                        std::isfinite(box.east) && std::isfinite(box.north);
    if (!finite) {
        throw InvalidBBox("invalid bbox " + to_text(box) +
                          ": every edge must be a finite number of degrees");
    }
    if (box.south > box.north) {
        throw InvalidBBox("invalid bbox " + to_text(box) +
                          ": south is greater than north; give [west, south, east, north]");
    }

    const double south = std::clamp(box.south, -90.0, 90.0);
    const double north = std::clamp(box.north, -90.0, 90.0);

    // West > east crosses the antimeridian: the box runs on east through 180.
    const double width = box.west <= box.east ? box.east - box.west : box.east + 360.0 - box.west;
    if (width >= 360.0) {
        return {geo::BBox{-180.0, south, 180.0, north}};
    }

    // Shift both edges by the same whole turns, so the width stays as given.
    const double turns = turns_of(box.west);
    const double unwrapped_east = box.west <= box.east ? box.east : box.east + 360.0;
    const double west = turns == 0.0 ? box.west : snap_wrapped(box.west - turns * 360.0);
    const double shifted_east = unwrapped_east - turns * 360.0;
    const double east = shifted_east == unwrapped_east ? shifted_east : snap_wrapped(shifted_east);

    if (east <= 180.0) {
        return {geo::BBox{west, south, east, north}};
    }
    return {geo::BBox{west, south, 180.0, north},
            geo::BBox{-180.0, south, snap_wrapped(east - 360.0), north}};
}

} // namespace badung::index

#pragma once

#include "core/geometry/distance.hpp"

// Segment steps shared by geometry::nearest_point and IndexedShape, so both
// compute the same distances bit for bit.
namespace badung::geometry::segment_distance {

struct Segment {
    geojson::Position a;
    geojson::Position b;
};

geojson::Position interpolate(const Segment& s, double t) noexcept;

// Nearest point of a segment to p in the equirectangular plane centred on p.
geojson::Position nearest_in_plane(geojson::Position p, const Segment& s, double x_scale) noexcept;

// Minimises the haversine distance along the segment; the distance is
// unimodal in t for segments far shorter than the Earth's radius.
NearestPoint refine(geojson::Position p, const Segment& s) noexcept;

// The plane pass is trusted within this distance and latitude (see
// plane_slack in segment_distance.cpp).
inline constexpr double plane_trusted_m = 200'000.0;
inline constexpr double plane_trusted_lat = 70.0;

// The factor by which the plane distance of the segment holding the nearest
// point may exceed the best plane distance best_m at latitude lat.
double plane_slack(double lat, double best_m) noexcept;

} // namespace badung::geometry::segment_distance

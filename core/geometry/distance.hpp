#pragma once

#include "core/geojson/geometry.hpp"

namespace badung::geometry {

// The point of a geometry nearest to a query position, and the great-circle
// distance to it in metres (haversine, geo::earth_radius_m).
struct NearestPoint {
    geojson::Position position;
    double distance_m = 0.0;
};

// Finds the point of a geometry nearest to p. Segments are straight lines in
// lon/lat, as drawn. A position inside a polygon (boundary rule of contains())
// is its own nearest point, at 0 m. An empty geometry gives distance_m =
// +infinity.
//
// Method: each segment is first solved in a local equirectangular plane
// centred on p, with x scaled by cos(lat of p). The segments whose distance
// comes within 1 m + 1 % of the best are then refined by Newton's method
// on the haversine distance along the segment (golden-section search where
// that does not settle). A test against dense
// sampling of a 52 km segment across Badung agrees within 1 mm.
// NOTE: segments crossing the antimeridian are not split, so distances across
// it are wrong; Badung data never crosses it.
NearestPoint nearest_point(geojson::Position p, const geojson::Geometry& geometry);

// The distance in metres from p to the nearest point of geometry (see
// nearest_point): 0 inside a polygon, +infinity for an empty geometry.
double distance_m(geojson::Position p, const geojson::Geometry& geometry);

} // namespace badung::geometry

#pragma once

#include "core/geo/tile.hpp"
#include "core/geojson/feature.hpp"
#include "core/mvt/tile.hpp"

namespace badung::mvt {

// The lon/lat position of a point in tile coordinates of a tile with the
// given extent. Points outside 0..extent (buffer) fall outside the tile.
// Precondition: geo::is_valid(tile) and extent > 0.
geo::LonLat to_lon_lat(TilePoint p, std::uint32_t extent, geo::TileId tile) noexcept;

// A decoded feature as GeoJSON in lon/lat: Point/MultiPoint,
// LineString/MultiLineString or Polygon/MultiPolygon by part count; a
// feature of UNKNOWN type gets no geometry. Properties keep their order;
// numbers become JSON numbers, the id a number.
geojson::Feature to_geojson(const Feature& feature, std::uint32_t extent, geo::TileId tile);

// A value as a GeoJSON property value.
geojson::Value to_geojson(const Value& value);

} // namespace badung::mvt

#pragma once
// Spatial reference helpers. Every spatial reference the tool builds uses the
// traditional GIS axis order (x = lon / easting, y = lat / northing), because
// GDAL 3 otherwise uses the authority order, which is lat, lon for EPSG:4326.

#include <optional>
#include <string>

#include <ogr_spatialref.h>

namespace badung::geodata {

/// Parses a CRS given as "EPSG:32750", a PROJ string, WKT or an OGC URN.
/// Throws InputError naming `text` and `what` (e.g. "--s-srs") if it is not a CRS.
OGRSpatialReference parse_srs(const std::string& text, const std::string& what);

/// Returns a copy of `srs` with the traditional GIS axis order.
OGRSpatialReference with_gis_order(const OGRSpatialReference& srs);

/// Reads the CRS side file `<path>.crs` if it exists (its whole text, trimmed,
/// e.g. "EPSG:32750"); GDAL 3.6's CSV driver does not read such files itself.
std::optional<std::string> read_crs_side_file(const std::string& path);

/// A short name for messages: "EPSG:32750", else the CRS name.
std::string describe_srs(const OGRSpatialReference& srs);

/// Whether `srs` is WGS 84 geographic (EPSG:4326 or an equivalent), the CRS of RFC 7946 GeoJSON.
bool is_wgs84_lon_lat(const OGRSpatialReference& srs);

}  // namespace badung::geodata

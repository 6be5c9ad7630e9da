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

/// The EPSG code of the WGS 84 UTM zone for a lon/lat position: 326zz north
/// of the equator, 327zz south of it (Badung is zone 50S, EPSG:32750).
/// Throws InputError outside lat -80..84, where UTM is not defined.
int utm_epsg_for(double lon, double lat);

/// Returns whether `text` requests a UTM zone picked from the data ("UTM").
bool is_automatic_utm(const std::string& text);

/// A short name for messages: "EPSG:32750", else the CRS name.
std::string describe_srs(const OGRSpatialReference& srs);

/// Whether `srs` is WGS 84 geographic (EPSG:4326 or an equivalent), the CRS of RFC 7946 GeoJSON.
bool is_wgs84_lon_lat(const OGRSpatialReference& srs);

}  // namespace badung::geodata

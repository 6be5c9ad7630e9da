#pragma once
// GeoJSON output of `convert`, written with the tool's own writer rather
// than GDAL's: GDAL 3.6's GeoJSON writer with RFC7946=YES drops
// GeometryCollection members and unwraps nested collections. Features keep
// their source properties and their ids as the source typed them.

#include <optional>
#include <string>
#include <vector>

#include <ogrsf_frmts.h>

#include "json_id.hpp"

namespace badung::geodata {

/// One feature of the output.
struct ConvertedFeature {
  std::optional<JsonId> id;      ///< no "id" member when empty
  const OGRFeature* source = nullptr;
  int id_field = -1;             ///< the field written as `id`, left out of the properties; -1 for none
};

/// Layout of the output file.
struct ConvertedLayout {
  std::string layer_name;        ///< the FeatureCollection's "name", which OGR reads as the layer name
  std::string crs_urn;           ///< GeoJSON 2008 "crs" name for a CRS other than WGS 84 lon/lat; "" for none
  bool sequence = false;         ///< GeoJSON text sequence: one feature per line, no FeatureCollection
  bool record_separator = false; ///< start each line of a sequence with RS (0x1E), as RFC 8142 does
  int decimals = 9;
};

/// Writes `features` to `path`. Dates and times are written in ISO 8601,
/// lists as arrays and JSON fields (nested objects in a GeoJSON source) as
/// JSON. Throws InputError if the file cannot be written.
/// NOTE: a geometry that crosses the antimeridian is written as it is, not
/// split at lon 180 as RFC 7946 (section 3.1.9) recommends.
void write_converted_geojson(const std::string& path, const std::vector<ConvertedFeature>& features,
                             const ConvertedLayout& layout);

/// Returns the "crs" name of `srs` for GeoJSON 2008 ("urn:ogc:def:crs:EPSG::32750"), or "" when
/// it has no authority code.
std::string crs_urn(const OGRSpatialReference& srs);

}  // namespace badung::geodata

#pragma once
// RFC 7946 GeoJSON output of a built layer, written with RapidJSON:
// lon/lat coordinates rounded to a fixed number of decimals, exterior rings
// counter-clockwise and holes clockwise, a top-level "id" on every feature
// and the normalised "name" first among the properties.

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <ogrsf_frmts.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

namespace badung::geodata {

/// The compact RapidJSON writer that the GeoJSON output uses.
using CompactJsonWriter = rapidjson::Writer<rapidjson::StringBuffer>;

/// One feature to write; `source` supplies the geometry and the source properties.
struct OutputFeature {
  std::string id;
  std::optional<std::string> name;
  const OGRFeature* source = nullptr;
  std::vector<std::pair<std::string, std::string>> extra_properties;
  long long source_number = 0;  ///< 1-based position in the source, for messages
};

/// Writes `text` as a JSON string, with each invalid UTF-8 sequence
/// replaced by U+FFFD, so the output stays valid JSON text (RFC 8259).
void write_string(CompactJsonWriter& json, std::string_view text);

/// Writes `text` as an object key, repaired as write_string repairs a value.
void write_key(CompactJsonWriter& json, std::string_view text);

/// Rounds a coordinate to `decimals` decimal places.
double round_coordinate(double value, int decimals);

/// Writes `geometry` as a GeoJSON geometry object, or null for none:
/// coordinates with at most `decimals` decimals, exterior rings
/// counter-clockwise and holes clockwise, collection members in order.
void write_geometry(CompactJsonWriter& json, const OGRGeometry* geometry, int decimals);

/// Writes field `index` of `feature` as a JSON value: integers, reals and
/// booleans as numbers and booleans, string lists as arrays, unset or null
/// fields as null, and every other type as OGR's text of the value.
void write_field(CompactJsonWriter& json, const OGRFeature& feature, int index);

/// Serialises `features` as a FeatureCollection with a "bbox" member.
/// `bbox` is [min lon, min lat, max lon, max lat].
std::string to_geojson(const std::vector<OutputFeature>& features, const double (&bbox)[4], int decimals);

/// Writes `text` to `path`. Throws InputError if the file cannot be written.
void write_text_file(const std::string& path, const std::string& text);

}  // namespace badung::geodata

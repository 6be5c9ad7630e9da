#pragma once
// The "id" member of a GeoJSON feature as the source typed it. GDAL 3.6
// reads a layer whose first id is a number with every id as the FID, so a
// later string id ("ln") becomes FID 0. The tool therefore reads ids from
// the feature's JSON.

#include <optional>
#include <string>

#include <ogrsf_frmts.h>

namespace badung::geodata {

/// A feature id: a string, or a number given as its JSON text.
struct JsonId {
  std::string text;
  bool is_number = false;

  /// Returns whether the id is a number without fraction or exponent, which OGR can store as a FID.
  bool is_integer() const;
};

/// Returns the "id" member of the feature's GeoJSON text, which GDAL keeps
/// as the feature's native data when a GeoJSON source is opened with
/// NATIVE_DATA=YES. Returns nothing without native data or an "id".
std::optional<JsonId> read_json_id(const OGRFeature& feature);

/// Returns the text of an id read by read_json_id, or nothing without one.
inline std::optional<std::string> id_text(const std::optional<JsonId>& id) {
  return id ? std::optional<std::string>(id->text) : std::nullopt;
}

}  // namespace badung::geodata

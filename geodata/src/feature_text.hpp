#pragma once
// Repair of invalid UTF-8 in the text that OGR reads from a source: string
// fields, string lists and a GeoJSON feature's string "id" member.

#include <optional>
#include <string>
#include <vector>

#include <ogrsf_frmts.h>

#include "json_id.hpp"
#include "core/text/utf8.hpp"

namespace badung::geodata {

/// One value of a feature whose invalid UTF-8 was replaced.
struct TextRepair {
  std::string property;  ///< the field name, or "id" for the GeoJSON "id" member
  text::Utf8Repair repair;     ///< `replaced` sums every item of a string list
};

/// Replaces each invalid UTF-8 sequence in the string and string list
/// fields of `feature`, and in a string `json_id`, with U+FFFD, and
/// returns one entry for each value changed. The "id" member is listed only
/// when no "id" field was repaired, because GDAL reads a string id into
/// that field too.
std::vector<TextRepair> repair_feature_text(OGRFeature& feature, std::optional<JsonId>& json_id);

/// Returns the names of the fields of `definition` that are not valid UTF-8.
std::vector<std::string> invalid_field_names(const OGRFeatureDefn& definition);

}  // namespace badung::geodata

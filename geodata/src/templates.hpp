#pragma once
// Feature ids and names built from source fields: templates such as
// "way/{osm_id}" or "Puskesmas {nama_faskes}", and name normalisation.

#include <optional>
#include <string>
#include <vector>

#include <ogrsf_frmts.h>

namespace badung::geodata {

/// Expands every "{field}" in `pattern` with that field of `feature`.
/// "{id}" falls back to `id_member`, the feature's GeoJSON "id", when the
/// source has no "id" field (GDAL reads numeric GeoJSON ids as FIDs).
/// Returns nothing if a named field is missing, null or blank.
std::optional<std::string> expand_template(const std::string& pattern, const OGRFeature& feature,
                                           const std::optional<std::string>& id_member = std::nullopt);

/// Names the fields a template refers to, in order.
std::vector<std::string> template_fields(const std::string& pattern);

/// Trims, collapses runs of white space to one space and, with `title_case`,
/// turns each word written wholly in capitals into title case ("SD NEGERI 1
/// KUTA" -> "SD Negeri 1 Kuta"), keeping known acronyms and roman numerals.
std::string normalise_name(const std::string& text, bool title_case);

}  // namespace badung::geodata

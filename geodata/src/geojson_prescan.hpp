#pragma once
// Strict reading of a GeoJSON source with the core GeoJSON reader, beside
// GDAL. GDAL's GeoJSON driver (checked with GDAL 3.6) reads a position such
// as ["abc", 1], NaN or 1e400 as a null or empty geometry without an error.
// It also rejects broken JSON without saying where. The core reader names both.

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace badung::geodata {

/// A feature whose coordinates cannot be read: its position in the
/// "features" array (0-based), the core reader's code and the reason.
struct BrokenFeature {
  std::size_t position = 0;
  std::string code;
  std::string reason;
};

/// Returns whether `path` names a local GeoJSON file, by GDAL's driver
/// identification or by a .geojson or .json extension.
bool is_geojson_file(const std::string& path);

/// Returns why the GeoJSON file `path` cannot be read: empty, or invalid JSON
/// with its line and column. Returns nothing when the core reader reads it.
std::optional<std::string> explain_unreadable_geojson(const std::string& path);

/// Returns the features of the GeoJSON file `path` whose coordinates cannot
/// be read. NaN, Infinity and numbers beyond the double range, which GDAL
/// accepts and JSON does not, count as non-numbers. Returns nothing when the
/// document has another JSON fault, which open_source reports.
std::vector<BrokenFeature> find_broken_features(const std::string& path);

/// Returns whether a feature of the GeoJSON file `path` has an "id" member.
/// GDAL 3.6 reads numeric ids as feature ids (FIDs), not as an "id" field.
bool has_feature_ids(const std::string& path);

}  // namespace badung::geodata

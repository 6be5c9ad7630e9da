#pragma once

#include <string>
#include <string_view>

namespace badung::geodata {

/// Kind of file that its SQLite header (the first 100 bytes) shows.
enum class SqliteKind {
  not_sqlite,
  geopackage,  ///< application_id "GPKG" (GeoPackage 1.2+), "GP10" or "GP11" (older)
  other,       ///< any other SQLite 3 database, such as MBTiles
};

/// Classifies `head`, the file's first bytes. A GeoPackage is recognised by
/// its application_id at byte offset 68, or by a ".gpkg" name when the
/// header has another application_id or was read only in part.
SqliteKind sqlite_kind(std::string_view head, const std::string& path);

/// Reads the first 100 bytes of `path` and classifies them.
SqliteKind sqlite_kind_of_file(const std::string& path);

/// Returns the file name of `path` with ".geojson" in place of its
/// extension, the example output of a `convert` hint.
std::string geojson_name_for(const std::string& path);

}  // namespace badung::geodata

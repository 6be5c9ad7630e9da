#include "sqlite_header.hpp"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>

namespace badung::geodata {

namespace {

/// The first bytes of every SQLite 3 database.
constexpr std::string_view kSqliteMagic{"SQLite format 3\0", 16};

/// Offset of the big-endian application_id in the SQLite header.
constexpr std::size_t kApplicationIdOffset = 68;

bool named_gpkg(std::string path) {
  std::transform(path.begin(), path.end(), path.begin(), [](unsigned char c) { return std::tolower(c); });
  return path.size() > 5 && path.compare(path.size() - 5, 5, ".gpkg") == 0;
}

}  // namespace

SqliteKind sqlite_kind(std::string_view head, const std::string& path) {
  if (head.substr(0, kSqliteMagic.size()) != kSqliteMagic) {
    return SqliteKind::not_sqlite;
  }
  if (head.size() >= kApplicationIdOffset + 4) {
    const std::string_view id = head.substr(kApplicationIdOffset, 4);
    if (id == "GPKG" || id == "GP10" || id == "GP11") {
      return SqliteKind::geopackage;
    }
  }
  return named_gpkg(path) ? SqliteKind::geopackage : SqliteKind::other;
}

SqliteKind sqlite_kind_of_file(const std::string& path) {
  std::ifstream file(path, std::ios::binary);
  std::string head(100, '\0');
  file.read(head.data(), static_cast<std::streamsize>(head.size()));
  head.resize(static_cast<std::size_t>(std::max<std::streamsize>(file.gcount(), 0)));
  return sqlite_kind(head, path);
}

std::string geojson_name_for(const std::string& path) {
  return std::filesystem::path(path).filename().replace_extension(".geojson").string();
}

}  // namespace badung::geodata

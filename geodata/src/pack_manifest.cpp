#include "pack_manifest.hpp"

#include <openssl/evp.h>
#include <sqlite3.h>

#include <algorithm>
#include <fstream>
#include <iterator>
#include <sstream>
#include <vector>

#include "errors.hpp"
#include "geojson_writer.hpp"
#include "gunzip.hpp"

namespace badung::geodata {

namespace {

namespace fs = std::filesystem;

struct PackFile {
  std::string path;
  std::size_t size = 0;
  std::string sha256;
};

struct PackTile {
  int z = 0;
  std::uint32_t x = 0;
  std::uint32_t y = 0;
  std::size_t size = 0;
  std::string sha256;
};

std::string sha256_hex(std::string_view bytes) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  if (EVP_Digest(bytes.data(), bytes.size(), digest, &length, EVP_sha256(), nullptr) != 1) {
    throw InputError("SHA-256 failed in OpenSSL");
  }
  static const char* hex = "0123456789abcdef";
  std::string text;
  for (unsigned int i = 0; i < length; ++i) {
    text += hex[digest[i] >> 4];
    text += hex[digest[i] & 15];
  }
  return text;
}

std::string read_binary(const fs::path& file) {
  std::ifstream stream(file, std::ios::binary);
  std::string bytes((std::istreambuf_iterator<char>(stream)), std::istreambuf_iterator<char>());
  if (!stream.good() && !stream.eof()) {
    throw InputError("cannot read '" + file.string() + "' for pack.json");
  }
  return bytes;
}

PackFile describe_file(const fs::path& file, const std::string& url_path) {
  const std::string bytes = read_binary(file);
  return {url_path, bytes.size(), sha256_hex(bytes)};
}

// Adds every regular file below `out`/`folder` (sorted) whose name ends in
// `suffix`, under the URL prefix `url_prefix`.
void add_folder(const fs::path& out, const std::string& folder, const std::string& suffix,
                const std::string& url_prefix, std::vector<PackFile>& files) {
  std::error_code error;
  if (!fs::is_directory(out / folder, error)) {
    return;
  }
  std::vector<fs::path> found;
  for (const auto& entry : fs::recursive_directory_iterator(out / folder)) {
    const std::string name = entry.path().filename().string();
    if (entry.is_regular_file() && name.size() >= suffix.size() &&
        name.compare(name.size() - suffix.size(), suffix.size(), suffix) == 0) {
      found.push_back(entry.path());
    }
  }
  std::sort(found.begin(), found.end());
  for (const auto& file : found) {
    files.push_back(describe_file(file, url_prefix + fs::relative(file, out / folder).generic_string()));
  }
}

// Reads every tile of the MBTiles file, in XYZ rows, ordered by z, x, y.
std::vector<PackTile> describe_tiles(const fs::path& mbtiles) {
  sqlite3* db = nullptr;
  if (sqlite3_open_v2(mbtiles.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
    const std::string reason = db ? sqlite3_errmsg(db) : "out of memory";
    sqlite3_close(db);
    throw InputError("cannot open '" + mbtiles.string() + "' for pack.json: " + reason);
  }
  sqlite3_stmt* statement = nullptr;
  const char* sql = "SELECT zoom_level, tile_column, tile_row, tile_data FROM tiles "
                    "ORDER BY zoom_level, tile_column, tile_row DESC";
  if (sqlite3_prepare_v2(db, sql, -1, &statement, nullptr) != SQLITE_OK) {
    const std::string reason = sqlite3_errmsg(db);
    sqlite3_close(db);
    throw InputError("'" + mbtiles.string() + "' has no readable tiles table: " + reason);
  }

  std::vector<PackTile> tiles;
  while (sqlite3_step(statement) == SQLITE_ROW) {
    PackTile tile;
    tile.z = sqlite3_column_int(statement, 0);
    tile.x = static_cast<std::uint32_t>(sqlite3_column_int64(statement, 1));
    // MBTiles stores TMS rows; browsers ask for XYZ rows.
    const auto tms_row = static_cast<std::uint32_t>(sqlite3_column_int64(statement, 2));
    tile.y = ((std::uint32_t{1} << tile.z) - 1) - tms_row;
    const auto* data = static_cast<const char*>(sqlite3_column_blob(statement, 3));
    std::string_view bytes(data ? data : "", static_cast<std::size_t>(sqlite3_column_bytes(statement, 3)));
    const std::string where = mbtiles.string() + " tile " + std::to_string(tile.z) + "/" +
                              std::to_string(tile.x) + "/" + std::to_string(tile.y);
    const std::string inflated = is_gzip(bytes) ? gunzip(bytes, where) : std::string(bytes);
    tile.size = inflated.size();
    tile.sha256 = sha256_hex(inflated).substr(0, kTileDigestHexDigits);
    tiles.push_back(std::move(tile));
  }
  sqlite3_finalize(statement);
  sqlite3_close(db);
  return tiles;
}

std::string manifest_json(const std::string& version, const std::vector<PackFile>& files,
                          const std::vector<PackTile>& tiles) {
  std::size_t file_bytes = 0;
  std::size_t tile_bytes = 0;
  for (const auto& file : files) file_bytes += file.size;
  for (const auto& tile : tiles) tile_bytes += tile.size;

  std::ostringstream json;
  json << "{\n  \"format\": 1,\n  \"data_version\": \"" << version << "\",\n"
       << "  \"total_bytes\": " << file_bytes + tile_bytes << ",\n"
       << "  \"files\": [\n";
  for (std::size_t i = 0; i < files.size(); ++i) {
    json << "    {\"path\": \"" << files[i].path << "\", \"size\": " << files[i].size << ", \"sha256\": \""
         << files[i].sha256 << "\"}" << (i + 1 < files.size() ? ",\n" : "\n");
  }
  json << "  ],\n  \"tiles\": {\n    \"url\": \"tiles/badung/{z}/{x}/{y}.mvt\",\n"
       << "    \"count\": " << tiles.size() << ",\n    \"bytes\": " << tile_bytes << ",\n"
       << "    \"sha256_hex_digits\": " << kTileDigestHexDigits << ",\n"
       << "    \"columns\": [\"z\", \"x\", \"y\", \"size\", \"sha256\"],\n    \"entries\": [\n";
  for (std::size_t i = 0; i < tiles.size(); ++i) {
    const auto& tile = tiles[i];
    json << "[" << tile.z << "," << tile.x << "," << tile.y << "," << tile.size << ",\"" << tile.sha256 << "\"]"
         << (i + 1 < tiles.size() ? ",\n" : "\n");
  }
  json << "    ]\n  }\n}\n";
  return json.str();
}

// A digest of every entry: equal content gives an equal version.
std::string content_version(const std::vector<PackFile>& files, const std::vector<PackTile>& tiles) {
  std::string listing;
  for (const auto& file : files) {
    listing += file.path + ' ' + std::to_string(file.size) + ' ' + file.sha256 + '\n';
  }
  for (const auto& tile : tiles) {
    listing += std::to_string(tile.z) + '/' + std::to_string(tile.x) + '/' + std::to_string(tile.y) + ' ' +
               tile.sha256 + '\n';
  }
  return sha256_hex(listing).substr(0, 16);
}

}  // namespace

std::string write_pack_manifest(const fs::path& out) {
  std::vector<PackFile> files;
  files.push_back(describe_file(out / "catalog.json", "data/catalog.json"));
  add_folder(out, "layers", ".geojson", "data/layers/", files);
  add_folder(out, "styles", ".json", "styles/", files);
  add_folder(out, "fonts", ".pbf", "fonts/", files);

  std::vector<PackTile> tiles;
  std::error_code error;
  if (fs::exists(out / "badung.mbtiles", error)) {
    tiles = describe_tiles(out / "badung.mbtiles");
  }

  const std::string version = content_version(files, tiles);
  write_text_file((out / "pack.json").string(), manifest_json(version, files, tiles));
  return version;
}

}  // namespace badung::geodata

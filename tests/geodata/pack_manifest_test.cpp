// pack.json, the offline pack manifest written by `badung-geodata build`:
// every layer, the catalog and every tile of the MBTiles file, with sizes and
// SHA-256 digests that match the built files.

#include <filesystem>
#include <fstream>
#include <iterator>
#include <set>

#include <catch2/catch.hpp>
#include <openssl/evp.h>
#include <sqlite3.h>

#include "gunzip.hpp"
#include "tool_runner.hpp"

using namespace badung::geodata::test;

namespace {

std::string sha256_hex(const std::string& bytes) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  EVP_Digest(bytes.data(), bytes.size(), digest, &length, EVP_sha256(), nullptr);
  std::string text;
  static const char* hex = "0123456789abcdef";
  for (unsigned int i = 0; i < length; ++i) {
    text += hex[digest[i] >> 4];
    text += hex[digest[i] & 15];
  }
  return text;
}

std::string read_binary(const std::filesystem::path& file) {
  std::ifstream stream(file, std::ios::binary);
  return std::string((std::istreambuf_iterator<char>(stream)), std::istreambuf_iterator<char>());
}

long long count_tiles(const std::string& mbtiles) {
  sqlite3* db = nullptr;
  REQUIRE(sqlite3_open_v2(mbtiles.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK);
  sqlite3_stmt* statement = nullptr;
  REQUIRE(sqlite3_prepare_v2(db, "SELECT count(*) FROM tiles", -1, &statement, nullptr) == SQLITE_OK);
  REQUIRE(sqlite3_step(statement) == SQLITE_ROW);
  const long long count = sqlite3_column_int64(statement, 0);
  sqlite3_finalize(statement);
  sqlite3_close(db);
  return count;
}

// The stored tile z/x/y (XYZ row), inflated.
std::string stored_tile(const std::string& mbtiles, int z, int x, int y) {
  sqlite3* db = nullptr;
  REQUIRE(sqlite3_open_v2(mbtiles.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK);
  sqlite3_stmt* statement = nullptr;
  REQUIRE(sqlite3_prepare_v2(db,
                             "SELECT tile_data FROM tiles WHERE zoom_level = ? AND tile_column = ? AND tile_row = ?",
                             -1, &statement, nullptr) == SQLITE_OK);
  sqlite3_bind_int(statement, 1, z);
  sqlite3_bind_int(statement, 2, x);
  sqlite3_bind_int(statement, 3, (1 << z) - 1 - y);
  REQUIRE(sqlite3_step(statement) == SQLITE_ROW);
  std::string bytes(static_cast<const char*>(sqlite3_column_blob(statement, 0)),
                    static_cast<std::size_t>(sqlite3_column_bytes(statement, 0)));
  sqlite3_finalize(statement);
  sqlite3_close(db);
  return badung::geodata::is_gzip(bytes) ? badung::geodata::gunzip(bytes, "test tile") : bytes;
}

}  // namespace

TEST_CASE("pack manifest lists every layer with digests", "[pack]") {
  const std::filesystem::path dist = built_data_folder();
  const auto pack = read_json((dist / "pack.json").string());
  REQUIRE(pack["format"].GetInt() == 1);
  REQUIRE(std::string(pack["data_version"].GetString()).size() == 16);

  std::set<std::string> paths;
  std::size_t file_bytes = 0;
  for (const auto& file : pack["files"].GetArray()) {
    const std::string path = file["path"].GetString();
    INFO("pack file " << path);
    paths.insert(path);
    // Paths are URL paths: data/ maps to the data folder itself, while the
    // style and glyphs keep their folder (the server serves them at
    // /styles/ and /fonts/).
    const bool in_data = path.rfind("data/", 0) == 0;
    const bool styled = path.rfind("styles/", 0) == 0 || path.rfind("fonts/", 0) == 0;
    REQUIRE((in_data || styled));
    const std::string bytes = read_binary(in_data ? dist / path.substr(5) : dist / path);
    CHECK(file["size"].GetUint64() == bytes.size());
    CHECK(file["sha256"].GetString() == sha256_hex(bytes));
    file_bytes += bytes.size();
  }
  CHECK(paths.count("data/catalog.json") == 1);
  const auto catalog = read_json((dist / "catalog.json").string());
  for (const auto& layer : catalog["layers"].GetArray()) {
    CHECK(paths.count(std::string("data/layers/") + layer["id"].GetString() + ".geojson") == 1);
  }
  CHECK(pack["total_bytes"].GetUint64() == file_bytes + pack["tiles"]["bytes"].GetUint64());
}

TEST_CASE("pack manifest lists every tile of z8 to z16", "[pack]") {
  const std::filesystem::path dist = built_data_folder();
  const auto pack = read_json((dist / "pack.json").string());
  const auto& tiles = pack["tiles"];
  CHECK(std::string(tiles["url"].GetString()) == "tiles/badung/{z}/{x}/{y}.mvt");

  const auto& entries = tiles["entries"].GetArray();
  const std::string mbtiles = (dist / "badung.mbtiles").string();
  CHECK(static_cast<long long>(entries.Size()) == count_tiles(mbtiles));
  CHECK(tiles["count"].GetUint64() == entries.Size());

  std::set<int> zooms;
  std::size_t bytes = 0;
  for (const auto& entry : entries) {
    zooms.insert(entry[0].GetInt());
    bytes += entry[3].GetUint64();
  }
  CHECK(zooms == std::set<int>{8, 9, 10, 11, 12, 13, 14, 15, 16});
  CHECK(tiles["bytes"].GetUint64() == bytes);

  // Spot-check digests of the first, middle and last tile against the MBTiles rows.
  for (const rapidjson::SizeType index : {rapidjson::SizeType{0}, entries.Size() / 2, entries.Size() - 1}) {
    const auto& entry = entries[index];
    INFO("tile " << entry[0].GetInt() << "/" << entry[1].GetInt() << "/" << entry[2].GetInt());
    const std::string tile = stored_tile(mbtiles, entry[0].GetInt(), entry[1].GetInt(), entry[2].GetInt());
    CHECK(entry[3].GetUint64() == tile.size());
    CHECK(entry[4].GetString() == sha256_hex(tile).substr(0, 32));
  }
}

TEST_CASE("pack data version follows the content", "[pack]") {
  const std::string out = fresh_work_folder("pack-version");
  const std::string catalog = test_data("geodata/error-isolation-catalog.json");
  const auto first = run_tool({"build", "--catalog", catalog, "--out", out});
  const std::string version = read_json(out + "/pack.json")["data_version"].GetString();

  const auto second = run_tool({"build", "--catalog", catalog, "--out", out});
  CHECK(read_json(out + "/pack.json")["data_version"].GetString() == version);

  // A style added to the data folder is part of the pack and of its version.
  std::filesystem::create_directories(out + "/styles");
  std::ofstream(out + "/styles/badung.json") << "{\"version\": 8, \"sources\": {}, \"layers\": []}\n";
  run_tool({"build", "--catalog", catalog, "--out", out});
  const auto pack = read_json(out + "/pack.json");
  CHECK(pack["data_version"].GetString() != version);
  bool has_style = false;
  for (const auto& file : pack["files"].GetArray()) {
    has_style = has_style || std::string(file["path"].GetString()) == "styles/badung.json";
  }
  CHECK(has_style);
  INFO(first.output << second.output);
}

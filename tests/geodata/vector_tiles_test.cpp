// The MBTiles that `badung-geodata build` writes: metadata, zooms, and a
// tile over Kuta decoded with core/mvt.

#include <set>
#include <string>

#include <catch2/catch.hpp>
#include <rapidjson/document.h>
#include <sqlite3.h>

#include "core/geo/tile.hpp"
#include "core/mvt/decoder.hpp"
#include "gunzip.hpp"
#include "tool_runner.hpp"

using namespace badung;
using namespace badung::geodata::test;

namespace {

// A read-only connection to the built badung.mbtiles.
class Mbtiles {
public:
  Mbtiles() {
    const std::string path = built_data_folder() + "/badung.mbtiles";
    INFO(path);
    REQUIRE(sqlite3_open_v2(path.c_str(), &db_, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK);
  }
  ~Mbtiles() { sqlite3_close(db_); }
  Mbtiles(const Mbtiles&) = delete;
  Mbtiles& operator=(const Mbtiles&) = delete;

  /// The first column of the first row of `sql` with `z`, `x`, `y` bound as ?1..?3.
  std::string query(const std::string& sql, int z = 0, long x = 0, long y = 0) {
    sqlite3_stmt* statement = nullptr;
    REQUIRE(sqlite3_prepare_v2(db_, sql.c_str(), -1, &statement, nullptr) == SQLITE_OK);
    sqlite3_bind_int(statement, 1, z);
    sqlite3_bind_int64(statement, 2, x);
    sqlite3_bind_int64(statement, 3, y);
    std::string value;
    if (sqlite3_step(statement) == SQLITE_ROW && sqlite3_column_type(statement, 0) != SQLITE_NULL) {
      const void* bytes = sqlite3_column_blob(statement, 0);
      value.assign(static_cast<const char*>(bytes), static_cast<std::size_t>(sqlite3_column_bytes(statement, 0)));
    }
    sqlite3_finalize(statement);
    return value;
  }

  /// Calls `visit(z, x, tms_row, bytes)` for every stored tile.
  template <typename Visit>
  void each_tile(Visit visit) {
    sqlite3_stmt* statement = nullptr;
    REQUIRE(sqlite3_prepare_v2(db_, "SELECT zoom_level, tile_column, tile_row, tile_data FROM tiles", -1,
                               &statement, nullptr) == SQLITE_OK);
    while (sqlite3_step(statement) == SQLITE_ROW) {
      const auto* bytes = static_cast<const char*>(sqlite3_column_blob(statement, 3));
      visit(sqlite3_column_int(statement, 0), sqlite3_column_int(statement, 1), sqlite3_column_int(statement, 2),
            std::string(bytes, static_cast<std::size_t>(sqlite3_column_bytes(statement, 3))));
    }
    sqlite3_finalize(statement);
  }

  std::string metadata(const std::string& name) {
    sqlite3_stmt* statement = nullptr;
    REQUIRE(sqlite3_prepare_v2(db_, "SELECT value FROM metadata WHERE name = ?", -1, &statement, nullptr) ==
            SQLITE_OK);
    sqlite3_bind_text(statement, 1, name.c_str(), -1, SQLITE_TRANSIENT);
    std::string value;
    if (sqlite3_step(statement) == SQLITE_ROW) {
      value = reinterpret_cast<const char*>(sqlite3_column_text(statement, 0));
    }
    sqlite3_finalize(statement);
    return value;
  }

private:
  sqlite3* db_ = nullptr;
};

}  // namespace

TEST_CASE("vector tiles: metadata lists every layer", "[tiles]") {
  Mbtiles tiles;
  CHECK(tiles.metadata("name") == "badung");
  CHECK(tiles.metadata("format") == "pbf");
  CHECK(tiles.metadata("minzoom") == "8");
  CHECK(tiles.metadata("maxzoom") == "16");
  CHECK_FALSE(tiles.metadata("bounds").empty());
  CHECK_FALSE(tiles.metadata("center").empty());

  rapidjson::Document json;
  json.Parse(tiles.metadata("json").c_str());
  REQUIRE_FALSE(json.HasParseError());
  std::set<std::string> ids;
  for (const auto& layer : json["vector_layers"].GetArray()) {
    ids.insert(layer["id"].GetString());
  }
  for (const char* id : {"kabupaten", "kecamatan", "desa", "sekolah", "faskes", "faskes-osm", "ibadah", "pantai",
                         "halte", "rute-bus", "jalan", "daratan", "garis-pantai", "perairan"}) {
    CHECK(ids.count(id) == 1);
  }
}

TEST_CASE("vector tiles: zooms run from 8 to 16", "[tiles]") {
  Mbtiles tiles;
  CHECK(tiles.query("SELECT CAST(MIN(zoom_level) AS TEXT) FROM tiles") == "8");
  CHECK(tiles.query("SELECT CAST(MAX(zoom_level) AS TEXT) FROM tiles") == "16");
}

TEST_CASE("vector tiles: the z14 tile over Kuta decodes", "[tiles]") {
  Mbtiles tiles;
  const geo::TileId kuta = geo::tile_at({115.1686, -8.7180}, 14);
  std::string bytes = tiles.query(
      "SELECT tile_data FROM tiles WHERE zoom_level = ?1 AND tile_column = ?2 AND tile_row = ?3", kuta.z,
      static_cast<long>(kuta.x), static_cast<long>(geo::flip_y(kuta)));
  REQUIRE_FALSE(bytes.empty());
  if (geodata::is_gzip(bytes)) {
    bytes = geodata::gunzip(bytes, "the Kuta tile");
  }

  const mvt::Tile tile = mvt::decode_tile(bytes);
  CHECK(tile.problems.empty());
  std::set<std::string> names;
  for (const auto& layer : tile.layers) {
    CHECK(layer.extent == 4096);
    CHECK(layer.version == 2);
    CHECK_FALSE(layer.features.empty());
    names.insert(layer.name);
  }
  for (const char* expected : {"kabupaten", "kecamatan", "desa", "daratan", "jalan"}) {
    INFO("layer " << expected);
    CHECK(names.count(expected) == 1);
  }
}

TEST_CASE("vector tiles: every tile decodes without problems", "[tiles]") {
  Mbtiles tiles;
  std::size_t count = 0;
  std::size_t with_problems = 0;
  tiles.each_tile([&](int z, int x, int row, std::string bytes) {
    INFO("tile " << z << "/" << x << " TMS row " << row);
    if (geodata::is_gzip(bytes)) {
      bytes = geodata::gunzip(bytes, "a tile");
    }
    const mvt::Tile tile = mvt::decode_tile(bytes);
    with_problems += tile.problems.empty() ? 0 : 1;
    if (!tile.problems.empty()) {
      INFO(tile.problems.front().describe());
      CHECK(tile.problems.empty());
    }
    ++count;
  });
  CHECK(count > 5000);
  CHECK(with_problems == 0);
}

// badung-geodata inspect, run as a process on MVT fixtures and GeoJSON.

#include <cstdio>
#include <fstream>
#include <string>
#include <vector>

#include <catch2/catch.hpp>
#include <rapidjson/document.h>
#include <zlib.h>

#include "tool_runner.hpp"

using namespace badung::geodata::test;

namespace {

rapidjson::Document parse_output(const ToolRun& run) {
  rapidjson::Document doc;
  doc.Parse(run.output.c_str());
  INFO(run.output);
  REQUIRE_FALSE(doc.HasParseError());
  return doc;
}

std::string mvt_fixture(const std::string& id) {
  return test_data("mvt-fixtures/fixtures/" + id + "/tile.mvt");
}

/// Writes `source` gzipped to `target` with zlib.
void gzip_file(const std::string& source, const std::string& target) {
  std::ifstream in(source, std::ios::binary);
  const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  gzFile out = gzopen(target.c_str(), "wb");
  REQUIRE(out != nullptr);
  REQUIRE(gzwrite(out, bytes.data(), static_cast<unsigned>(bytes.size())) == static_cast<int>(bytes.size()));
  REQUIRE(gzclose(out) == Z_OK);
}

}  // namespace

TEST_CASE("inspect: valid MVT lists layers and counts", "[inspect]") {
  const auto run = run_tool({"inspect", mvt_fixture("022"), "--tile", "14/13104/8636"});
  REQUIRE(run.exit_status == 0);
  const auto doc = parse_output(run);
  CHECK(std::string(doc["format"].GetString()) == "mvt");
  CHECK(std::string(doc["status"].GetString()) == "decoded");
  REQUIRE(doc["layers"].Size() == 1);
  CHECK(std::string(doc["layers"][0]["name"].GetString()) == "hello");
  CHECK(doc["layers"][0]["geometry_types"]["Polygon"].GetInt() == 1);
  const auto& bbox = doc["layers"][0]["bbox"];
  CHECK(bbox[0].GetDouble() > 107.92);
  CHECK(bbox[1].GetDouble() < -9.70);
  CHECK(doc["errors"].Size() == 0);
}

TEST_CASE("inspect: recoverable MVT errors keep exit 0", "[inspect]") {
  const auto run = run_tool({"inspect", mvt_fixture("005")});
  REQUIRE(run.exit_status == 0);
  const auto doc = parse_output(run);
  REQUIRE(doc["errors"].Size() == 1);
  CHECK(std::string(doc["errors"][0]["kind"].GetString()) == "odd_tags");
  // Counted from 1, as build and convert count features.
  CHECK(doc["errors"][0]["layer"].GetInt() == 1);
  CHECK(doc["errors"][0]["feature"].GetInt() == 1);
  CHECK(std::string(doc["errors"][0]["message"].GetString()).find("layer 1 feature 1: ") == 0);
}

TEST_CASE("inspect: fatal MVT is rejected with exit 1", "[inspect]") {
  for (const char* id : {"012", "040", "051", "058"}) {
    INFO("fixture " << id);
    const auto run = run_tool({"inspect", mvt_fixture(id)});
    CHECK(run.exit_status == 1);
    const auto doc = parse_output(run);
    CHECK(std::string(doc["status"].GetString()) == "rejected");
    REQUIRE(doc["errors"].Size() == 1);
    CHECK(std::string(doc["errors"][0]["message"].GetString()).find("layer 1") == 0);
  }
}

TEST_CASE("inspect: gzipped MVT is inflated first", "[inspect]") {
  const std::string gz = fresh_work_folder("inspect-gzip") + "/tile.mvt.gz";
  gzip_file(mvt_fixture("043"), gz);
  const auto run = run_tool({"inspect", gz});
  REQUIRE(run.exit_status == 0);
  const auto doc = parse_output(run);
  CHECK(doc["gzip"].GetBool());
  CHECK(doc["layers"][0]["features"].GetInt() == 6);
}

TEST_CASE("inspect: GeoJSON gives counts and lon/lat bbox", "[inspect]") {
  const auto run = run_tool({"inspect", test_data("geodata/badung_kecamatan_bps2020.geojson")});
  REQUIRE(run.exit_status == 0);
  const auto doc = parse_output(run);
  CHECK(std::string(doc["format"].GetString()) == "geojson");
  const auto& layer = doc["layers"][0];
  CHECK(layer["features"].GetInt() == 6);
  CHECK(layer["bbox"][0].GetDouble() > 115.0);
  CHECK(layer["bbox"][2].GetDouble() < 115.4);
}

TEST_CASE("inspect: GeoJSON with a byte order mark decodes", "[inspect]") {
  const std::string path = fresh_work_folder("inspect-bom") + "/bom.geojson";
  std::ofstream(path) << "\xEF\xBB\xBF{\"type\": \"FeatureCollection\", \"features\": [{\"type\": \"Feature\", "
                         "\"properties\": {}, \"geometry\": {\"type\": \"Point\", \"coordinates\": [115.1, -8.6]}}]}";
  const auto run = run_tool({"inspect", path});
  REQUIRE(run.exit_status == 0);
  const auto doc = parse_output(run);
  CHECK(std::string(doc["format"].GetString()) == "geojson");
  CHECK(doc["layers"][0]["features"].GetInt() == 1);
}

TEST_CASE("inspect: GeoJSON features count from 1", "[inspect]") {
  const std::string path = fresh_work_folder("inspect-numbers") + "/titik.geojson";
  std::ofstream(path) << R"({"type":"FeatureCollection","features":[)"
                      << R"({"type":"Feature","id":"ok","properties":{},"geometry":{"type":"Point","coordinates":[115.1,-8.6]}},)"
                      << R"({"type":"Feature","id":"jauh","properties":{},"geometry":{"type":"Point","coordinates":[200,-8.6]}}]})";
  const auto run = run_tool({"inspect", path});
  REQUIRE(run.exit_status == 0);
  const auto doc = parse_output(run);
  REQUIRE(doc["errors"].Size() == 1);
  CHECK(doc["errors"][0]["feature"].GetInt() == 2);
  CHECK(std::string(doc["errors"][0]["message"].GetString()).find("feature 2 (id \"jauh\"): longitude 200") == 0);

  // convert names the same feature with the same number.
  const auto converted = run_tool({"convert", path, fresh_work_folder("inspect-numbers-out") + "/titik.geojson"});
  INFO(converted.output);
  CHECK(count_lines_with(converted.output, "error: titik.geojson: feature 2 (id jauh)") == 1);
}

TEST_CASE("inspect: broken GeoJSON is rejected with its offset", "[inspect]") {
  const std::string path = fresh_work_folder("inspect-broken") + "/broken.geojson";
  std::ofstream(path) << "{\"type\": \"FeatureCollection\", \"features\": [";
  const auto run = run_tool({"inspect", path});
  CHECK(run.exit_status == 1);
  const auto doc = parse_output(run);
  CHECK(std::string(doc["errors"][0]["kind"].GetString()) == "parse");
  CHECK(doc["errors"][0].HasMember("offset"));
}

TEST_CASE("inspect: usage errors exit 2", "[inspect]") {
  CHECK(run_tool({"inspect"}).exit_status == 2);
  CHECK(run_tool({"inspect", "/nonexistent/tile.mvt"}).exit_status == 2);
  const auto directory = run_tool({"inspect", BADUNG_TEST_DATA});
  CHECK(directory.exit_status == 2);
  CHECK(directory.output.find("is a directory") != std::string::npos);
  CHECK(run_tool({"inspect", mvt_fixture("022"), "--tile", "14/99999/1"}).exit_status == 2);
}

TEST_CASE("inspect: content that is no GeoJSON or MVT is named", "[inspect]") {
  const std::string folder = fresh_work_folder("inspect-content");
  struct Bad {
    std::string name;
    std::string bytes;
    std::string named;
  };
  const std::vector<Bad> cases{
      {"empty.geojson", "", "is empty"},
      {"text.geojson", "not json\nat all", "is text but not JSON (it starts with 'not json')"},
      {"tiles.mbtiles", std::string("SQLite format 3\0", 16) + std::string(84, '\0'), "MBTiles"},
  };
  for (const Bad& bad : cases) {
    INFO(bad.name);
    const std::string path = folder + "/" + bad.name;
    std::ofstream(path, std::ios::binary) << bad.bytes;
    const auto run = run_tool({"inspect", path});
    INFO(run.output);
    CHECK(run.exit_status == 1);
    const auto doc = parse_output(run);
    CHECK(std::string(doc["file"].GetString()) == path);
    CHECK(std::string(doc["status"].GetString()) == "rejected");
    CHECK(doc["layers"].Size() == 0);
    REQUIRE(doc["errors"].Size() == 1);
    CHECK(std::string(doc["errors"][0]["kind"].GetString()) == "content");
    const std::string message = doc["errors"][0]["message"].GetString();
    CHECK(message.find(bad.named) != std::string::npos);
    CHECK(message.find(bad.name) != std::string::npos);
  }
}

TEST_CASE("inspect: a broken gzip stream is rejected as JSON", "[inspect]") {
  const std::string path = fresh_work_folder("inspect-bad-gzip") + "/tile.mvt";
  std::ofstream(path, std::ios::binary) << std::string("\x1f\x8b\x08\x00garbage", 11);
  const auto run = run_tool({"inspect", path});
  INFO(run.output);
  CHECK(run.exit_status == 1);
  const auto doc = parse_output(run);
  CHECK(std::string(doc["format"].GetString()) == "mvt");
  CHECK(doc["gzip"].GetBool());
  CHECK(std::string(doc["status"].GetString()) == "rejected");
  REQUIRE(doc["errors"].Size() == 1);
  CHECK(std::string(doc["errors"][0]["kind"].GetString()) == "gzip");
  CHECK(std::string(doc["errors"][0]["message"].GetString()).find("not a valid gzip stream") != std::string::npos);
}

TEST_CASE("inspect: gzipped GeoJSON keeps the plain layer name", "[inspect]") {
  const std::string folder = fresh_work_folder("inspect-gzip-geojson");
  const std::string plain = folder + "/halte.geojson";
  std::ofstream(plain) << R"({"type":"FeatureCollection","features":[]})";
  gzip_file(plain, folder + "/halte.geojson.gz");
  for (const std::string& path : {plain, folder + "/halte.geojson.gz"}) {
    INFO(path);
    const auto run = run_tool({"inspect", path});
    REQUIRE(run.exit_status == 0);
    const auto doc = parse_output(run);
    CHECK(std::string(doc["layers"][0]["name"].GetString()) == "halte");
  }
}

TEST_CASE("inspect: an MBTiles file gets the way to extract its tile", "[inspect]") {
  const std::string path = fresh_work_folder("inspect-mbtiles") + "/badung.mbtiles";
  std::ofstream(path, std::ios::binary) << std::string("SQLite format 3\0", 16) << std::string(84, '\0');
  const auto run = run_tool({"inspect", path, "--tile", "14/13466/8601"});
  INFO(run.output);
  CHECK(run.exit_status == 1);
  CHECK(run.output.find("zoom_level=14 AND tile_column=13466 AND tile_row=7782") != std::string::npos);
  CHECK(run.output.find("inspect tile.mvt --tile 14/13466/8601") != std::string::npos);

  // Without --tile the row is an expression sqlite3 can evaluate.
  const auto generic = run_tool({"inspect", path});
  INFO(generic.output);
  CHECK(generic.output.find("tile_row=((1<<Z)-1-Y)") != std::string::npos);
}

TEST_CASE("inspect: a GeoPackage gets the convert command", "[inspect]") {
  const std::string geopackage = write_utm_geopackage(fresh_work_folder("inspect-gpkg"));
  const auto run = run_tool({"inspect", geopackage});
  INFO(run.output);
  CHECK(run.exit_status == 1);
  CHECK(run.output.find("is a GeoPackage, which inspect does not read: convert it to GeoJSON first, e.g. "
                        "badung-geodata convert '" + geopackage + "' kantor.geojson, then run inspect "
                        "kantor.geojson") != std::string::npos);
  CHECK(run.output.find("SELECT writefile") == std::string::npos);
}

TEST_CASE("inspect: an empty GeoJSON file after gunzip is named", "[inspect]") {
  const std::string folder = fresh_work_folder("inspect-empty-gzip");
  const std::string empty = folder + "/empty.geojson";
  std::ofstream(empty, std::ios::binary).flush();
  gzip_file(empty, folder + "/empty.geojson.gz");
  const auto run = run_tool({"inspect", folder + "/empty.geojson.gz"});
  INFO(run.output);
  CHECK(run.exit_status == 1);
  CHECK(run.output.find("'" + folder + "/empty.geojson.gz' after gunzip is empty") != std::string::npos);
}

TEST_CASE("inspect: an empty tile decodes without layers", "[inspect]") {
  const std::string folder = fresh_work_folder("inspect-empty-tile");
  const std::string empty = folder + "/empty.mvt";
  std::ofstream(empty, std::ios::binary).flush();
  gzip_file(empty, folder + "/empty.mvt.gz");
  for (const std::string& path : {empty, folder + "/empty.mvt.gz"}) {
    const auto run = run_tool({"inspect", path});
    INFO(run.output);
    CHECK(run.exit_status == 0);
    CHECK(run.output.find("\"layers\": []") != std::string::npos);
  }
}

TEST_CASE("inspect: binary that is no tile gets the decoder's error", "[inspect]") {
  const std::string path = fresh_work_folder("inspect-binary") + "/binary.mvt";
  std::ofstream(path, std::ios::binary) << std::string("\x08\x01\x00\xFF", 4);
  const auto run = run_tool({"inspect", path});
  INFO(run.output);
  CHECK(run.exit_status == 1);
  CHECK(run.output.find("\"status\": \"rejected\"") != std::string::npos);
  // Field 1 takes the first two bytes; the zero tag after it is the error.
  const auto doc = parse_output(run);
  REQUIRE(doc["errors"].Size() == 1);
  CHECK(std::string(doc["errors"][0]["kind"].GetString()) == "protobuf");
  REQUIRE(doc["errors"][0].HasMember("offset"));
  CHECK(doc["errors"][0]["offset"].GetUint64() == 2);
}

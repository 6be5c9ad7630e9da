// How `badung-geodata build` and `convert` name a rejected feature: its
// 1-based number in the source, as in the "<layer>-<number>" ids that build
// writes, and the source's own id or stored FID where it has one. A
// Shapefile or a GeoJSON file without ids has no id of its own, so its
// features are named by number alone, never by OGR's 0-based FID.

#include <fstream>
#include <string>

#include <catch2/catch.hpp>

#include "tool_runner.hpp"

using namespace badung::geodata::test;

namespace {

// The second of three polygons has a ring of three positions.
std::string polygons_geojson(bool with_ids) {
  const std::string good = R"("geometry":{"type":"Polygon","coordinates":[[[115.1,-8.6],[115.2,-8.6],)"
                           R"([115.2,-8.5],[115.1,-8.6]]]})";
  const std::string broken = R"("geometry":{"type":"Polygon","coordinates":[[[115.1,-8.6],[115.2,-8.6],)"
                             R"([115.1,-8.6]]]})";
  const auto feature = [&](int id, const std::string& name, const std::string& geometry) {
    return std::string(R"({"type":"Feature",)") + (with_ids ? R"("id":)" + std::to_string(id) + "," : "") +
           R"("properties":{"nama":")" + name + R"("},)" + geometry + "}";
  };
  return R"({"type":"FeatureCollection","features":[)" + feature(10, "Lapangan A", good) + "," +
         feature(20, "Lapangan B", broken) + "," + feature(30, "Lapangan C", good) + "]}";
}

std::string write_polygons(const std::string& folder, bool with_ids) {
  const std::string path = folder + "/lapangan.geojson";
  std::ofstream(path) << polygons_geojson(with_ids);
  return path;
}

const char* const kRingError = "ring 0: fewer than 4 positions";

}  // namespace

TEST_CASE("convert numbers features from 1") {
  const auto folder = fresh_work_folder("numbers-no-ids");
  const auto run = run_tool({"convert", write_polygons(folder, false), folder + "/out.geojson"});
  INFO(run.output);
  CHECK(run.exit_status == 1);
  CHECK(count_lines_with(run.output, "error: lapangan.geojson: feature 2 \"Lapangan B\": " +
                                         std::string(kRingError)) == 1);
  CHECK(count_lines_with(run.output, "feature 1 ") == 0);
  CHECK(count_lines_with(run.output, "(id ") == 0);
}

TEST_CASE("convert names GeoJSON ids after number") {
  const auto folder = fresh_work_folder("numbers-geojson-ids");
  const auto run = run_tool({"convert", write_polygons(folder, true), folder + "/out.geojson"});
  INFO(run.output);
  CHECK(run.exit_status == 1);
  CHECK(count_lines_with(run.output, "error: lapangan.geojson: feature 2 (id 20) \"Lapangan B\": " +
                                         std::string(kRingError)) == 1);
}

TEST_CASE("convert names GeoPackage fid after number") {
  const auto folder = fresh_work_folder("numbers-gpkg");
  const auto source = write_polygons(folder, true);  // convert keeps ids 10, 20, 30 as the fid column
  const auto gpkg = folder + "/lapangan.gpkg";
  const auto conversion = run_tool({"convert", source, gpkg, "--keep-invalid"});
  INFO(conversion.output);
  REQUIRE(conversion.exit_status == 0);

  const auto run = run_tool({"convert", gpkg, folder + "/out.geojson"});
  INFO(run.output);
  CHECK(run.exit_status == 1);
  CHECK(count_lines_with(run.output, "error: lapangan.gpkg: feature 2 (id 20) \"Lapangan B\": " +
                                         std::string(kRingError)) == 1);
}

TEST_CASE("convert numbers Shapefile features from 1") {
  const auto folder = fresh_work_folder("numbers-shapefile");
  const auto source = write_polygons(folder, false);
  const auto shapefile = folder + "/lapangan.shp";
  const auto conversion = run_tool({"convert", source, shapefile, "--keep-invalid"});
  INFO(conversion.output);
  REQUIRE(conversion.exit_status == 0);

  const auto run = run_tool({"convert", shapefile, folder + "/out.geojson"});
  INFO(run.output);
  CHECK(run.exit_status == 1);
  CHECK(count_lines_with(run.output, "feature 2 \"Lapangan B\": " + std::string(kRingError)) == 1);
  CHECK(count_lines_with(run.output, "(id ") == 0);
}

TEST_CASE("build report numbers features from 1") {
  const auto folder = fresh_work_folder("numbers-build");
  write_polygons(folder, false);
  std::ofstream(folder + "/catalog.json")
      << R"({"region_code": "51.03", "layers": [{"id": "lapangan", "title": {"id": "Lapangan", "en": "Fields"},)"
      << R"( "category": "uji", "source": "lapangan.geojson", "s_srs": "EPSG:4326", "geometry_type": "Polygon",)"
      << R"( "name": "{nama}", "agency": "Uji", "licence": "CC0", "attribution": "Uji", "description": "uji",)"
      << R"( "updated": "2026"}]})";
  const auto run = run_tool({"build", "--catalog", folder + "/catalog.json", "--out", folder + "/out"});
  INFO(run.output);
  CHECK(count_lines_with(run.output, "error: lapangan: feature 2 \"Lapangan B\": " + std::string(kRingError)) == 1);

  const auto layer = read_json(folder + "/out/layers/lapangan.geojson");
  REQUIRE(layer["features"].Size() == 2);
  CHECK(std::string(layer["features"][1]["id"].GetString()) == "lapangan-3");

  const auto report = read_json(folder + "/out/build-report.json");
  const auto& problems = report["problems"];
  REQUIRE(problems.Size() >= 1);
  int ring_problems = 0;
  for (const auto& problem : problems.GetArray()) {
    if (std::string(problem["code"].GetString()) != "ring_too_short") {
      continue;
    }
    ++ring_problems;
    REQUIRE(problem.HasMember("feature_number"));
    CHECK(problem["feature_number"].GetInt64() == 2);
    CHECK(problem["feature"].IsNull());
    CHECK(std::string(problem["feature_name"].GetString()) == "Lapangan B");
  }
  CHECK(ring_problems == 1);
}

TEST_CASE("build report numbers every feature problem") {
  const auto report = read_json(built_data_folder() + "/build-report.json");
  int twins = 0;
  for (const auto& problem : report["problems"].GetArray()) {
    const std::string code = problem["code"].GetString();
    if (problem["feature"].IsNull() || code == "correction_unmatched") {
      continue;
    }
    INFO(code << " " << problem["feature"].GetString());
    REQUIRE(problem.HasMember("feature_number"));
    CHECK(problem["feature_number"].GetInt64() >= 1);
    twins += code == "twin" ? 1 : 0;
  }
  CHECK(twins >= 1);
}

// `badung-geodata convert` on the numbered cases: degenerate rings (012),
// EPSG:4326 axis order (016) and UTM zone 50 South (017).

#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include <catch2/catch.hpp>
#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include "tool_runner.hpp"

using namespace badung::geodata::test;

namespace {

namespace fs = std::filesystem;

struct Position {
  double x = 0;
  double y = 0;
};

// Case 016: UTM 50S coordinates of A, B and C (expected_epsg32750.csv).
const std::map<std::string, Position> kExpectedUtm = {
    {"A", {298672.242, 9035616.049}}, {"B", {303313.290, 9043292.451}}, {"C", {289497.613, 9054563.553}}};
const std::map<std::string, Position> kExpectedLonLat = {
    {"A", {115.17, -8.72}}, {"B", {115.2125, -8.6508}}, {"C", {115.0875, -8.5483}}};

/// Point positions of a converted file, keyed by the "titik" field.
std::map<std::string, Position> read_points(const std::string& path) {
  GDALDatasetUniquePtr dataset(GDALDataset::Open(path.c_str(), GDAL_OF_VECTOR));
  REQUIRE(dataset);
  std::map<std::string, Position> points;
  OGRLayer* layer = dataset->GetLayer(0);
  for (auto& feature : *layer) {
    const OGRPoint* point = feature->GetGeometryRef()->toPoint();
    points[feature->GetFieldAsString("titik")] = {point->getX(), point->getY()};
  }
  return points;
}

/// Feature ids of a converted GeoJSON file, in order. A numeric id is
/// written as "number N" and a missing one as "none", so that they never
/// equal an expected string id.
std::vector<std::string> read_ids(const std::string& path) {
  const auto document = read_json(path);
  std::vector<std::string> ids;
  for (const auto& feature : document["features"].GetArray()) {
    if (!feature.HasMember("id")) {
      ids.emplace_back("none");
    } else if (feature["id"].IsString()) {
      ids.emplace_back(feature["id"].GetString());
    } else if (feature["id"].IsInt64()) {
      ids.emplace_back("number " + std::to_string(feature["id"].GetInt64()));
    } else {
      ids.emplace_back("other");
    }
  }
  return ids;
}

void check_points(const std::map<std::string, Position>& actual, const std::map<std::string, Position>& expected,
                  double tolerance) {
  REQUIRE(actual.size() == expected.size());
  for (const auto& [name, position] : expected) {
    INFO("point " << name);
    REQUIRE(actual.count(name) == 1);
    CHECK(std::abs(actual.at(name).x - position.x) < tolerance);
    CHECK(std::abs(actual.at(name).y - position.y) < tolerance);
  }
}

std::string case_file(const std::string& relative) {
  return test_data("cases/" + relative);
}

}  // namespace

TEST_CASE("convert 012: exactly three ring errors") {
  const auto out = fresh_work_folder("case012") + "/out.geojson";
  const auto run = run_tool({"convert", case_file("012-degenerate-ring/input.geojson"), out});
  INFO(run.output);
  CHECK(run.exit_status == 1);
  CHECK(count_lines_with(run.output, "error:") == 3);
  CHECK(count_lines_with(run.output, "feature 1 (id d1) \"ring with 3 positions\": ring 0: fewer than 4 positions") == 1);
  CHECK(count_lines_with(run.output, "feature 2 (id d2) \"ring not closed (last != first)\": ring 0: ring not closed") == 1);
  CHECK(count_lines_with(run.output, "feature 4 (id d4) \"valid exterior, hole with 3 positions\": ring 1: fewer than 4 positions") == 1);
  CHECK(read_ids(out) == std::vector<std::string>{"d3", "d5"});

  // d3 keeps its area (2.5e-5 deg²) and contains (115.2425, -8.6975).
  GDALDatasetUniquePtr dataset(GDALDataset::Open(out.c_str(), GDAL_OF_VECTOR));
  REQUIRE(dataset);
  auto first = std::unique_ptr<OGRFeature>(dataset->GetLayer(0)->GetNextFeature());
  REQUIRE(first);
  const OGRPolygon* square = first->GetGeometryRef()->toPolygon();
  CHECK(square->get_Area() == Approx(2.5e-5).epsilon(1e-9));
  OGRPoint inside(115.2425, -8.6975);
  CHECK(inside.Within(square));
}

TEST_CASE("convert 012: keep-invalid keeps all five") {
  const auto out = fresh_work_folder("case012-keep") + "/out.geojson";
  const auto run = run_tool({"convert", case_file("012-degenerate-ring/input.geojson"), out, "--keep-invalid"});
  INFO(run.output);
  CHECK(count_lines_with(run.output, "error:") == 3);
  CHECK(count_lines_with(run.output, "(kept)") == 3);
  CHECK(read_ids(out) == std::vector<std::string>{"d1", "d2", "d3", "d4", "d5"});
}

TEST_CASE("convert 016: GeoJSON to UTM 50S") {
  const auto folder = fresh_work_folder("case016-utm");
  const auto run = run_tool({"convert", case_file("016-epsg4326-axis-order/input.geojson"),
                             folder + "/out.geojson", "--t-srs", "EPSG:32750"});
  INFO(run.output);
  CHECK(run.exit_status == 0);
  check_points(read_points(folder + "/out.geojson"), kExpectedUtm, 0.01);

  // The same with EPSG:4326 declared explicitly: still lon, lat.
  const auto declared = run_tool({"convert", case_file("016-epsg4326-axis-order/input.geojson"),
                                  folder + "/declared.gpkg", "--s-srs", "EPSG:4326", "--t-srs", "EPSG:32750"});
  INFO(declared.output);
  CHECK(declared.exit_status == 0);
  check_points(read_points(folder + "/declared.gpkg"), kExpectedUtm, 0.01);
}

TEST_CASE("convert 016: GML lat-first to GeoJSON lon-first") {
  const auto folder = fresh_work_folder("case016-gml");
  const auto run = run_tool({"convert", case_file("016-epsg4326-axis-order/input.gml"), folder + "/out.geojson"});
  INFO(run.output);
  CHECK(run.exit_status == 0);
  check_points(read_points(folder + "/out.geojson"), kExpectedLonLat, 1e-9);

  const auto document = read_json(folder + "/out.geojson");
  const auto& first = document["features"][0]["geometry"]["coordinates"];
  CHECK(first[0].GetDouble() == Approx(115.17).margin(1e-9));
  CHECK(first[1].GetDouble() == Approx(-8.72).margin(1e-9));

  const auto utm = run_tool({"convert", case_file("016-epsg4326-axis-order/input.gml"), folder + "/utm.geojson",
                             "--t-srs", "EPSG:32750"});
  INFO(utm.output);
  check_points(read_points(folder + "/utm.geojson"), kExpectedUtm, 0.01);

  // Reading GML must not leave a .gfs schema file beside the input.
  CHECK_FALSE(fs::exists(case_file("016-epsg4326-axis-order/input.gfs")));
}

TEST_CASE("convert 016: swapped axes stop with the feature named") {
  const auto folder = fresh_work_folder("case016-swapped");
  std::ofstream(folder + "/swapped.geojson")
      << R"({"type":"FeatureCollection","features":[)"
      << R"({"type":"Feature","id":"A","properties":{"titik":"A"},"geometry":{"type":"Point","coordinates":[-8.72,115.17]}},)"
      << R"({"type":"Feature","id":"B","properties":{"titik":"B"},"geometry":{"type":"Point","coordinates":[115.2125,-8.6508]}}]})";

  const auto run = run_tool({"convert", folder + "/swapped.geojson", folder + "/out.geojson", "--t-srs", "EPSG:32750"});
  INFO(run.output);
  CHECK(run.exit_status == 1);
  CHECK(count_lines_with(run.output, "feature 1 (id A): latitude") == 1);
  CHECK(run.output.find("inf") == std::string::npos);
  const auto points = read_points(folder + "/out.geojson");
  CHECK(points.size() == 1);
  CHECK(points.count("A") == 0);
  for (const auto& [name, position] : points) {
    CHECK(std::isfinite(position.x));
    CHECK(std::isfinite(position.y));
  }
}

TEST_CASE("convert 017: UTM 50S CSV to lon/lat") {
  const auto folder = fresh_work_folder("case017");
  const auto run = run_tool({"convert", case_file("017-utm-50s-false-northing/input_epsg32750.csv"),
                             folder + "/out.geojson"});
  INFO(run.output);
  CHECK(run.exit_status == 0);
  CHECK(run.output.find("warning") == std::string::npos);
  check_points(read_points(folder + "/out.geojson"), kExpectedLonLat, 1e-8);

  // Forward: lon/lat to UTM 50S gives northings between 9,000,000 and 10,000,000 m.
  run_tool({"convert", case_file("016-epsg4326-axis-order/input.geojson"), folder + "/forward.geojson",
            "--t-srs", "EPSG:32750"});
  for (const auto& [name, position] : read_points(folder + "/forward.geojson")) {
    CHECK(position.y > 9000000.0);
    CHECK(position.y < 10000000.0);
  }
}

TEST_CASE("convert 017: CSV without side file needs --s-srs") {
  const auto folder = fresh_work_folder("case017-no-side-file");
  fs::copy_file(case_file("017-utm-50s-false-northing/input_epsg32750.csv"), folder + "/points.csv");

  const auto declared = run_tool({"convert", folder + "/points.csv", folder + "/out.geojson", "--s-srs", "EPSG:32750"});
  INFO(declared.output);
  CHECK(declared.exit_status == 0);
  check_points(read_points(folder + "/out.geojson"), kExpectedLonLat, 1e-8);

  const auto undeclared = run_tool({"convert", folder + "/points.csv", folder + "/undeclared.geojson"});
  INFO(undeclared.output);
  CHECK(undeclared.output.find("no CRS declared") != std::string::npos);
  CHECK(count_lines_with(undeclared.output, "side file) (kept)") == 0);
  CHECK(count_lines_with(undeclared.output, "projected metres?") == 3);
}

TEST_CASE("convert 017: wrong hemisphere warns") {
  const auto folder = fresh_work_folder("case017-north");
  const auto run = run_tool({"convert", case_file("017-utm-50s-false-northing/input_epsg32750.csv"),
                             folder + "/out.geojson", "--s-srs", "EPSG:32650"});
  INFO(run.output);
  CHECK(count_lines_with(run.output, "outside the expected extent") == 3);
  const auto points = read_points(folder + "/out.geojson");
  CHECK(points.at("A").y == Approx(81.19477).margin(1e-4));
}

TEST_CASE("convert 003: hole outside shell ignored") {
  const auto out = fresh_work_folder("case003") + "/out.geojson";
  const auto run = run_tool({"convert", case_file("003-hole-outside-shell/input.geojson"), out});
  INFO(run.output);
  CHECK(run.exit_status == 0);
  CHECK(count_lines_with(run.output, "feature 1 (id 1) \"Lapangan Umum\": ring 1: interior ring not within exterior ring") == 1);
  CHECK(count_lines_with(run.output, "warning:") == 1);

  GDALDatasetUniquePtr dataset(GDALDataset::Open(out.c_str(), GDAL_OF_VECTOR));
  REQUIRE(dataset);
  OGRLayer* layer = dataset->GetLayer(0);
  REQUIRE(layer->GetFeatureCount() == 2);
  auto first = std::unique_ptr<OGRFeature>(layer->GetFeature(1));
  REQUIRE(first);
  const OGRPolygon* polygon = first->GetGeometryRef()->toPolygon();
  CHECK(polygon->getNumInteriorRings() == 0);
  CHECK(polygon->get_Area() == Approx(0.0009).epsilon(1e-9));
}

TEST_CASE("convert 006 and 011: features without geometry kept") {
  const auto folder = fresh_work_folder("case006-011");
  const auto null_run = run_tool({"convert", case_file("006-null-geometry-feature/input.geojson"),
                                  folder + "/null.geojson"});
  INFO(null_run.output);
  CHECK(null_run.exit_status == 0);
  CHECK(count_lines_with(null_run.output, "feature 2 (id pos-02) \"Pos Ronda Banjar Anyar\": no geometry") == 1);
  CHECK(read_ids(folder + "/null.geojson") == std::vector<std::string>{"pos-01", "pos-02", "pos-03", "pos-04"});

  const auto empty_run = run_tool({"convert", case_file("011-empty-coordinates/input.geojson"),
                                   folder + "/empty.geojson"});
  INFO(empty_run.output);
  CHECK(empty_run.exit_status == 0);
  CHECK(count_lines_with(empty_run.output, "warning:") == 4);
  CHECK(count_lines_with(empty_run.output, "error:") == 0);
  const auto document = read_json(folder + "/empty.geojson");
  REQUIRE(document["features"].Size() == 6);
  for (rapidjson::SizeType i = 0; i < 4; ++i) {
    CHECK(document["features"][i]["geometry"].IsNull());
  }
  CHECK_FALSE(document["features"][4]["geometry"].IsNull());
}

TEST_CASE("convert 017: automatic UTM picks 50S") {
  const auto folder = fresh_work_folder("case017-auto-utm");
  const auto run = run_tool({"convert", case_file("016-epsg4326-axis-order/input.geojson"), folder + "/out.geojson",
                             "--t-srs", "UTM"});
  INFO(run.output);
  CHECK(run.exit_status == 0);
  CHECK(run.output.find("EPSG:32750 picked") != std::string::npos);
  check_points(read_points(folder + "/out.geojson"), kExpectedUtm, 0.01);
}

TEST_CASE("convert: automatic UTM ignores rejected features") {
  // The point with swapped axes (lat 115.2) is dropped, so it must not move
  // the centre, which would then lie near lon 53 in EPSG:32639.
  const auto folder = fresh_work_folder("auto-utm-rejected");
  std::ofstream(folder + "/offices.geojson")
      << R"({"type":"FeatureCollection","features":[)"
      << R"({"type":"Feature","id":"a","properties":{},"geometry":{"type":"Point","coordinates":[115.1725,-8.6234]}},)"
      << R"({"type":"Feature","id":"b","properties":{},"geometry":{"type":"Point","coordinates":[115.1681,-8.6487]}},)"
      << R"({"type":"Feature","id":"swapped","properties":{},"geometry":{"type":"Point","coordinates":[-8.7,115.2]}}]})";
  const auto run = run_tool({"convert", folder + "/offices.geojson", folder + "/out.geojson", "--t-srs", "UTM"});
  INFO(run.output);
  CHECK(run.exit_status == 1);
  CHECK(count_lines_with(run.output, "feature 3 (id swapped): latitude") == 1);
  CHECK(count_lines_with(run.output, "EPSG:32750 picked for the centre (115.170300, -8.636050)") == 1);
  CHECK(count_lines_with(run.output, "area of use") == 0);
  CHECK(count_lines_with(run.output, "wrote 2 of 3 features") == 1);
}

TEST_CASE("convert: automatic UTM needs an accepted feature") {
  const auto folder = fresh_work_folder("auto-utm-none-accepted");
  std::ofstream(folder + "/swapped.geojson")
      << R"({"type":"FeatureCollection","features":[)"
      << R"({"type":"Feature","id":"swapped","properties":{},"geometry":{"type":"Point","coordinates":[-8.7,115.2]}},)"
      << R"({"type":"Feature","id":"empty","properties":{},"geometry":null}]})";
  const auto run = run_tool({"convert", folder + "/swapped.geojson", folder + "/out.geojson", "--t-srs", "UTM"});
  INFO(run.output);
  CHECK(run.exit_status != 0);
  CHECK(count_lines_with(run.output, "cannot pick a UTM zone") == 1);
  CHECK(count_lines_with(run.output, "no feature with a valid geometry in lon/lat; name a target CRS") == 1);
  CHECK_FALSE(fs::exists(folder + "/out.geojson"));
}

TEST_CASE("convert: ids match build without source ids") {
  const auto folder = fresh_work_folder("convert-ids-as-build");
  std::ofstream(folder + "/source.geojson")
      << R"({"type":"FeatureCollection","features":[)"
      << R"({"type":"Feature","properties":{"nama":"A"},"geometry":{"type":"Point","coordinates":[115.1725,-8.6234]}},)"
      << R"({"type":"Feature","properties":{"nama":"B"},"geometry":{"type":"Point","coordinates":[115.1681,-8.6487]}},)"
      << R"({"type":"Feature","properties":{"nama":"swapped"},"geometry":{"type":"Point","coordinates":[-8.7,115.2]}},)"
      << R"({"type":"Feature","properties":{"nama":"D"},"geometry":null}]})";
  const auto converted = run_tool({"convert", folder + "/source.geojson", folder + "/kantor.geojson"});
  INFO(converted.output);
  CHECK(converted.exit_status == 1);

  std::ofstream(folder + "/catalog.json")
      << R"({"region_code": "51.03", "region_name": "Uji", "coordinate_decimals": 7,)"
      << R"( "sane_extent": [114.4, -8.95, 115.75, -8.0], "layers": [{"id": "kantor", "title": {"id": "Kantor", "en": "Offices"},)"
      << R"( "category": "uji", "source": "source.geojson", "geometry_type": "Point",)"
      << R"( "agency": "Uji", "licence": "CC0", "attribution": "Uji", "description": "uji", "updated": "2026"}]})";
  const auto built = run_tool({"build", "--catalog", folder + "/catalog.json", "--out", folder + "/out"});
  INFO(built.output);

  const std::vector<std::string> expected{"kantor-1", "kantor-2", "kantor-4"};
  CHECK(read_ids(folder + "/kantor.geojson") == expected);
  CHECK(read_ids(folder + "/out/layers/kantor.geojson") == expected);
  const auto document = read_json(folder + "/kantor.geojson");
  CHECK_FALSE(document["features"][0]["properties"].HasMember("id"));
}

TEST_CASE("convert: numeric source ids are kept") {
  const auto folder = fresh_work_folder("convert-numeric-ids");
  std::ofstream(folder + "/source.geojson")
      << R"({"type":"FeatureCollection","features":[)"
      << R"({"type":"Feature","id":7,"properties":{},"geometry":{"type":"Point","coordinates":[115.1725,-8.6234]}},)"
      << R"({"type":"Feature","id":9,"properties":{},"geometry":{"type":"Point","coordinates":[115.1681,-8.6487]}}]})";
  const auto run = run_tool({"convert", folder + "/source.geojson", folder + "/out.geojson"});
  INFO(run.output);
  CHECK(run.exit_status == 0);
  CHECK(read_ids(folder + "/out.geojson") == std::vector<std::string>{"number 7", "number 9"});
}

TEST_CASE("convert 016: lon-first GML stops") {
  // GML with an EPSG URI must be lat, lon; this file wrongly gives A as lon, lat.
  const auto folder = fresh_work_folder("case016-lon-first-gml");
  std::ifstream original(case_file("016-epsg4326-axis-order/input.gml"));
  std::stringstream text;
  text << original.rdbuf();
  std::string gml = text.str();
  const std::string lat_first = "<gml:pos>-8.7200 115.1700</gml:pos>";
  const auto at = gml.find(lat_first);
  REQUIRE(at != std::string::npos);
  gml.replace(at, lat_first.size(), "<gml:pos>115.1700 -8.7200</gml:pos>");
  std::ofstream(folder + "/swapped.gml") << gml;

  const auto run = run_tool({"convert", folder + "/swapped.gml", folder + "/out.geojson", "--t-srs", "EPSG:32750"});
  INFO(run.output);
  CHECK(run.exit_status == 1);
  CHECK(count_lines_with(run.output, "feature 1 (id tA): latitude") == 1);
  const auto points = read_points(folder + "/out.geojson");
  CHECK(points.size() == 2);
  CHECK(points.count("A") == 0);
  CHECK_FALSE(fs::exists(folder + "/swapped.gfs"));
}

TEST_CASE("convert: outside target CRS area warns") {
  const auto folder = fresh_work_folder("outside-crs-area");
  std::ofstream(folder + "/far.geojson")
      << R"({"type":"FeatureCollection","features":[)"
      << R"({"type":"Feature","id":"far","properties":{},"geometry":{"type":"Point","coordinates":[-65.0,-8.7]}}]})";
  const auto run = run_tool({"convert", folder + "/far.geojson", folder + "/out.geojson", "--t-srs", "EPSG:32750"});
  INFO(run.output);
  CHECK(count_lines_with(run.output, "feature 1 (id far): lies at lon -65") == 2);
  CHECK(count_lines_with(run.output, "area of use of EPSG:32750") == 1);
}

TEST_CASE("convert --help exits 0") {
  const auto run = run_tool({"convert", "--help"});
  INFO(run.output);
  CHECK(run.exit_status == 0);
  CHECK(count_lines_with(run.output, "badung-geodata convert IN OUT [options]") == 1);
  CHECK(count_lines_with(run.output, "error:") == 0);
}

TEST_CASE("convert checks output before input") {
  const auto out = fresh_work_folder("output-exists") + "/out.geojson";
  std::ofstream(out) << "{}";
  const auto run = run_tool({"convert", test_data("geodata/broken/onebad.geojson"), out});
  INFO(run.output);
  CHECK(run.exit_status == 1);
  CHECK(count_lines_with(run.output, "out.geojson' exists: pass --overwrite") == 1);
  CHECK(count_lines_with(run.output, "invalid coordinates") == 0);
}

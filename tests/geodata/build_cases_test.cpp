// `badung-geodata build` on the numbered cases and their variants: exit
// status when features are dropped (012), mixed id types (006) and
// GeometryCollection members (009).

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "tool_runner.hpp"

using namespace badung::geodata::test;

namespace {

/// Writes a catalog with one layer `id` of `geometry_type` read from
/// `source` (ids from the source's "id") and returns its path.
std::string write_catalog(const std::string& folder, const std::string& id, const std::string& source,
                          const std::string& geometry_type) {
  const std::string path = folder + "/catalog.json";
  std::ofstream(path)
      << R"({"region_code": "51.03", "region_name": "Uji", "coordinate_decimals": 7,)"
      << R"( "sane_extent": [114.4, -8.95, 115.75, -8.0], "layers": [{"id": ")" << id
      << R"(", "title": {"id": "Uji", "en": "Test"}, "category": "uji", "source": ")" << source
      << R"(", "geometry_type": ")" << geometry_type << R"(", "id_template": "{id}", "name": "{name}",)"
      << R"( "agency": "Uji", "licence": "CC0", "attribution": "Uji", "description": "uji", "updated": "2026"}]})";
  return path;
}

std::string case_file(const std::string& relative) {
  return test_data("cases/" + relative);
}

std::vector<std::string> read_string_ids(const std::string& path) {
  const auto document = read_json(path);
  std::vector<std::string> ids;
  for (const auto& feature : document["features"].GetArray()) {
    ids.emplace_back(feature["id"].IsString() ? feature["id"].GetString() : "not a string");
  }
  return ids;
}

}  // namespace

TEST_CASE("build 012: dropped features exit 1") {
  struct Variant {
    std::string file;
    std::vector<std::string> kept_ids;
    std::size_t dropped;
  };
  const std::vector<Variant> variants = {
      {"012-degenerate-ring/input.geojson", {"d3"}, 4},  // d5 is a Point in a Polygon layer
      {"012-degenerate-ring/variants/v1-two-positions.geojson", {"ok"}, 2},
      {"012-degenerate-ring/variants/v3-hole2-unclosed.geojson", {"ok"}, 1},
      {"012-degenerate-ring/variants/v5-all-bad-then-good.geojson", {"ok"}, 5},
  };
  for (const auto& variant : variants) {
    INFO("source " << variant.file);
    const auto folder = fresh_work_folder("build-case012");
    const auto catalog = write_catalog(folder, "persegi", case_file(variant.file), "Polygon");
    const auto run = run_tool({"build", "--catalog", catalog, "--out", folder + "/out"});
    INFO(run.output);
    CHECK(run.exit_status == 1);
    CHECK(count_lines_with(run.output, "error: " + std::to_string(variant.dropped) +
                                           " features dropped; the other features were written") == 1);
    CHECK(read_string_ids(folder + "/out/layers/persegi.geojson") == variant.kept_ids);

    const auto report = read_json(folder + "/out/build-report.json");
    CHECK(report["layers"]["persegi"]["dropped"].GetUint64() == variant.dropped);
    CHECK(report["complete"].GetBool());  // only features were dropped
  }
}

TEST_CASE("build report: a failed layer is incomplete") {
  const auto folder = fresh_work_folder("build-report-incomplete");
  const auto catalog = write_catalog(folder, "hilang", folder + "/no-such-source.geojson", "Point");
  const auto run = run_tool({"build", "--catalog", catalog, "--out", folder + "/out"});
  INFO(run.output);
  CHECK(run.exit_status == 1);

  const auto report = read_json(folder + "/out/build-report.json");
  CHECK_FALSE(report["complete"].GetBool());
}

TEST_CASE("build 009: members of layer type kept") {
  const auto folder = fresh_work_folder("build-case009");
  const auto catalog = write_catalog(folder, "titik", case_file("009-geometrycollection/input.geojson"), "MultiPoint");
  const auto run = run_tool({"build", "--catalog", catalog, "--out", folder + "/out"});
  INFO(run.output);
  CHECK(run.exit_status == 0);
  CHECK(count_lines_with(run.output, "features dropped") == 0);
  CHECK(count_lines_with(run.output, "(id tps-01) \"TPS 3R Banjar Contoh\": left out 2 GeometryCollection members "
                                     "not of the layer type Multi Point (kept)") == 1);
  CHECK(count_lines_with(run.output, "(id tps-02) \"TPS bertingkat\": left out 1 GeometryCollection member not") == 1);

  const auto layer = read_json(folder + "/out/layers/titik.geojson");
  REQUIRE(layer["features"].Size() == 3);
  const auto& first = layer["features"][0]["geometry"];
  CHECK(std::string(first["type"].GetString()) == "MultiPoint");
  REQUIRE(first["coordinates"].Size() == 1);
  CHECK(first["coordinates"][0][0].GetDouble() == 115.201);

  // Three polygons at three depths keep their order in a MultiPolygon layer.
  std::ofstream(folder + "/nested.geojson")
      << R"({"type": "FeatureCollection", "features": [{"type": "Feature", "id": "n", "properties": {"name": "n"},)"
      << R"( "geometry": {"type": "GeometryCollection", "geometries": [)"
      << R"({"type": "Polygon", "coordinates": [[[115.1, -8.7], [115.11, -8.7], [115.11, -8.69], [115.1, -8.7]]]},)"
      << R"({"type": "GeometryCollection", "geometries": [{"type": "Point", "coordinates": [115.2, -8.7]},)"
      << R"({"type": "GeometryCollection", "geometries": [{"type": "Polygon", "coordinates": [[[115.3, -8.7], [115.31, -8.7], [115.31, -8.69], [115.3, -8.7]]]}]}]},)"
      << R"({"type": "Polygon", "coordinates": [[[115.4, -8.7], [115.41, -8.7], [115.41, -8.69], [115.4, -8.7]]]}]}}]})";
  const auto nested_catalog = write_catalog(folder, "bidang", folder + "/nested.geojson", "MultiPolygon");
  const auto nested_run = run_tool({"build", "--catalog", nested_catalog, "--out", folder + "/nested"});
  INFO(nested_run.output);
  CHECK(nested_run.exit_status == 0);
  const auto nested = read_json(folder + "/nested/layers/bidang.geojson");
  const auto& polygons = nested["features"][0]["geometry"]["coordinates"];
  REQUIRE(polygons.Size() == 3);
  CHECK(polygons[0][0][0][0].GetDouble() == 115.1);
  CHECK(polygons[1][0][0][0].GetDouble() == 115.3);
  CHECK(polygons[2][0][0][0].GetDouble() == 115.4);
}

TEST_CASE("build 006: id template reads mixed ids") {
  // Build writes every id as a string; "{id}" must find 7 as well as "ln".
  const auto folder = fresh_work_folder("build-case006");
  const auto catalog = write_catalog(folder, "pos",
                                     case_file("006-null-geometry-feature/variants/v1-null-first.geojson"), "LineString");
  const auto run = run_tool({"build", "--catalog", catalog, "--out", folder + "/out"});
  INFO(run.output);
  CHECK(count_lines_with(run.output, "template") == 0);
  CHECK(count_lines_with(run.output, "(id pt) \"Pos A\": geometry type Point does not fit") == 1);
  CHECK(read_string_ids(folder + "/out/layers/pos.geojson") == std::vector<std::string>{"7", "ln"});

  const auto numeric = write_catalog(folder, "angka", case_file("003-hole-outside-shell/variants/v1-stray-north.geojson"),
                                     "MultiPolygon");
  const auto numeric_run = run_tool({"build", "--catalog", numeric, "--out", folder + "/angka"});
  INFO(numeric_run.output);
  CHECK(numeric_run.exit_status == 0);
  CHECK(count_lines_with(numeric_run.output, "template") == 0);
  CHECK(read_string_ids(folder + "/angka/layers/angka.geojson") == std::vector<std::string>{"1", "2"});
}

TEST_CASE("build drops bowtie in Polygon layer once") {
  const auto folder = fresh_work_folder("build-bowtie");
  const std::string source = folder + "/bidang.geojson";
  // Feature 2 crosses itself (a bowtie), so MakeValid makes two polygons of it.
  std::ofstream(source)
      << R"({"type":"FeatureCollection","features":[)"
      << R"({"type":"Feature","id":"b1","properties":{"name":"Persegi"},"geometry":{"type":"Polygon",)"
      << R"("coordinates":[[[115.1,-8.7],[115.2,-8.7],[115.2,-8.6],[115.1,-8.6],[115.1,-8.7]]]}},)"
      << R"({"type":"Feature","id":"b2","properties":{"name":"Dasi"},"geometry":{"type":"Polygon",)"
      << R"("coordinates":[[[115.1,-8.7],[115.2,-8.6],[115.2,-8.7],[115.1,-8.6],[115.1,-8.7]]]}}]})";

  const auto polygon_catalog = write_catalog(folder, "bidang", source, "Polygon");
  const auto run = run_tool({"build", "--catalog", polygon_catalog, "--out", folder + "/polygon"});
  INFO(run.output);
  CHECK(run.exit_status == 1);
  CHECK(count_lines_with(run.output, "error: bidang: feature 2 (id b2) \"Dasi\": invalid geometry (Self-intersection") ==
        1);
  CHECK(count_lines_with(run.output, "that MakeValid repairs into a MultiPolygon, which does not fit the layer type "
                                     "Polygon: set the layer's geometry_type to MultiPolygon in the catalog") == 1);
  CHECK(count_lines_with(run.output, "(repaired)") == 0);
  CHECK(count_lines_with(run.output, "bidang: 1 features (1 dropped, 0 repaired, 0 corrected)") == 1);
  const auto report = read_json(folder + "/polygon/build-report.json");
  CHECK(report["layers"]["bidang"]["dropped"].GetInt() == 1);
  CHECK(report["layers"]["bidang"]["repaired"].GetInt() == 0);
  REQUIRE(report["problems"].Size() == 1);
  CHECK(std::string(report["problems"][0]["code"].GetString()) == "wrong_geometry_type");

  // As the message advises: a MultiPolygon layer keeps the repaired bowtie.
  const auto multi_catalog = write_catalog(folder, "bidang", source, "MultiPolygon");
  const auto multi_run = run_tool({"build", "--catalog", multi_catalog, "--out", folder + "/multi"});
  INFO(multi_run.output);
  CHECK(multi_run.exit_status == 0);
  CHECK(count_lines_with(multi_run.output, "bidang: 2 features (0 dropped, 1 repaired, 0 corrected)") == 1);
  const auto layer = read_json(folder + "/multi/layers/bidang.geojson");
  REQUIRE(layer["features"].Size() == 2);
  CHECK(layer["features"][1]["geometry"]["coordinates"].Size() == 2);
}

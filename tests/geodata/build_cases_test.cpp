// `badung-geodata build` on the numbered cases and their variants: exit
// status when features are dropped (012), stray interior rings (003), mixed
// id types (006) and GeometryCollection members (009).

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
  }
}

TEST_CASE("build without drops exits 0") {
  const auto folder = fresh_work_folder("build-no-drops");
  const auto catalog = write_catalog(folder, "titik", case_file("009-geometrycollection/input.geojson"), "Point");
  const auto run = run_tool({"build", "--catalog", catalog, "--out", folder + "/out"});
  INFO(run.output);
  CHECK(run.exit_status == 0);
  CHECK(count_lines_with(run.output, "features dropped") == 0);
}

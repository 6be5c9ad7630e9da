// `badung-geodata convert` on broken GeoJSON sources: a feature with
// unreadable coordinates is dropped with an error and the rest written; a
// file GDAL cannot open is named with what is wrong and where.

#include <string>

#include <catch2/catch.hpp>

#include "tool_runner.hpp"

using namespace badung::geodata::test;

namespace {

std::string broken_file(const std::string& name) {
  return test_data("geodata/broken/" + name);
}

std::vector<std::string> read_npsn(const std::string& path) {
  const auto document = read_json(path);
  std::vector<std::string> npsn;
  for (const auto& feature : document["features"].GetArray()) {
    npsn.emplace_back(feature["properties"]["npsn"].GetString());
  }
  return npsn;
}

}  // namespace

TEST_CASE("convert drops non-number coordinate") {
  const auto out = fresh_work_folder("broken-onebad") + "/out.geojson";
  const auto run = run_tool({"convert", broken_file("onebad.geojson"), out});
  INFO(run.output);
  CHECK(run.exit_status == 1);
  CHECK(count_lines_with(run.output, "error: onebad.geojson: feature 3 \"SD K THOMAS AQUINO TUKA\": ") == 1);
  CHECK(count_lines_with(run.output, "invalid coordinates: position [\"abc\",1] contains a non-number") == 1);
  CHECK(count_lines_with(run.output, "no geometry") == 0);
  CHECK(count_lines_with(run.output, "wrote 4 of 5 features") == 1);
  CHECK(read_npsn(out) == std::vector<std::string>{"50101804", "50101561", "50101706", "50101618"});
}

TEST_CASE("convert drops NaN and 1e400 coordinates") {
  const auto out = fresh_work_folder("broken-nan") + "/out.geojson";
  const auto run = run_tool({"convert", broken_file("nan.geojson"), out});
  INFO(run.output);
  CHECK(run.exit_status == 1);
  CHECK(count_lines_with(run.output, "error: nan.geojson: feature 1: invalid coordinates") == 1);
  CHECK(count_lines_with(run.output, "non-number \"NaN\"") == 1);
  CHECK(count_lines_with(run.output, "empty geometry") == 0);
  CHECK(read_npsn(out) == std::vector<std::string>{"50101804"});
}

TEST_CASE("convert names JSON syntax error position") {
  const auto out = fresh_work_folder("broken-syntax") + "/out.geojson";
  const auto run = run_tool({"convert", broken_file("onesyntax.geojson"), out});
  INFO(run.output);
  CHECK(run.exit_status == 1);
  CHECK(count_lines_with(run.output, "line 1, column 1005: invalid JSON at byte 1004: Missing a colon") == 1);
}

TEST_CASE("convert names truncated file position") {
  const auto out = fresh_work_folder("broken-trunc") + "/out.geojson";
  const auto run = run_tool({"convert", broken_file("trunc.geojson"), out});
  INFO(run.output);
  CHECK(run.exit_status == 1);
  CHECK(count_lines_with(run.output, "line 1, column 5001: invalid JSON at byte 5000: Missing a closing quotation") == 1);
}

TEST_CASE("convert says empty file is empty") {
  const auto out = fresh_work_folder("broken-empty") + "/out.geojson";
  const auto run = run_tool({"convert", broken_file("empty.geojson"), out});
  INFO(run.output);
  CHECK(run.exit_status == 1);
  CHECK(count_lines_with(run.output, "empty.geojson' is empty (0 bytes)") == 1);
  CHECK(count_lines_with(run.output, "()") == 0);
}

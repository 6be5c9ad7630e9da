// Bad command lines: exit status 2 and a message that names the argument.

#include <catch2/catch.hpp>

#include "tool_runner.hpp"

using badung::geodata::test::fresh_work_folder;
using badung::geodata::test::run_tool;
using badung::geodata::test::test_data;

namespace {

void check_usage_error(const std::vector<std::string>& args, const std::string& named) {
  const auto run = run_tool(args);
  INFO(run.output);
  CHECK(run.exit_status == 2);
  CHECK(run.output.find(named) != std::string::npos);
  CHECK(run.output.find("usage:") != std::string::npos);
}

}  // namespace

TEST_CASE("arguments: missing or unknown command") {
  check_usage_error({}, "missing command");
  check_usage_error({"frobnicate"}, "'frobnicate'");
}

TEST_CASE("arguments: convert needs IN and OUT") {
  check_usage_error({"convert", test_data("cases/012-degenerate-ring/input.geojson")}, "IN OUT");
  check_usage_error({"convert", "a.geojson", "b.geojson", "c.geojson"}, "'c.geojson'");
}

TEST_CASE("arguments: convert rejects bad values") {
  const auto input = test_data("cases/016-epsg4326-axis-order/input.geojson");
  check_usage_error({"convert", input, "/tmp/out.geojson", "--t-srs", "EPSG:999999"}, "EPSG:999999");
  check_usage_error({"convert", input, "/tmp/out.geojson", "--s-srs", "not a crs"}, "not a crs");
  check_usage_error({"convert", input, "/tmp/out.xyz"}, "out.xyz");
  check_usage_error({"convert", input, "/tmp/out.dat", "--format", "NoSuchDriver"}, "NoSuchDriver");
  check_usage_error({"convert", input, "/tmp/out.geojson", "--bogus"}, "--bogus");
  check_usage_error({"convert", input, "/tmp/out.geojson", "--extent", "1,2,3"}, "'1,2,3'");
  check_usage_error({"convert", input, "/tmp/out.geojson", "--t-srs"}, "'--t-srs' needs a value");
  check_usage_error({"convert", "/no/such/input.geojson", "/tmp/out.geojson"}, "/no/such/input.geojson");
}

TEST_CASE("arguments: a CRS error is printed once, by the tool") {
  const auto input = test_data("cases/016-epsg4326-axis-order/input.geojson");
  const auto run = run_tool({"convert", input, "/tmp/out.geojson", "--t-srs", "EPSG:999999"});
  INFO(run.output);
  CHECK(run.exit_status == 2);
  CHECK(run.output.rfind("badung-geodata: error: invalid CRS 'EPSG:999999'", 0) == 0);
  CHECK(run.output.find("ERROR 1:") == std::string::npos);
}

TEST_CASE("arguments: convert --where that GDAL rejects exits 2") {
  const auto input = test_data("cases/016-epsg4326-axis-order/input.geojson");
  const std::string output = fresh_work_folder("arguments-where") + "/out.geojson";
  const auto run = run_tool({"convert", input, output, "--where", "nonsense((("});
  INFO(run.output);
  CHECK(run.exit_status == 2);
  CHECK(run.output.find("invalid --where 'nonsense((('") != std::string::npos);
}

TEST_CASE("arguments: build rejects bad values") {
  check_usage_error({"build", "--catalog", "/no/such/catalog.json"}, "/no/such/catalog.json");
  check_usage_error({"build", "--out"}, "'--out' needs a value");
  check_usage_error({"build", "--colour", "red"}, "'--colour'");
}

TEST_CASE("arguments: help exits 0") {
  const auto run = run_tool({"--help"});
  CHECK(run.exit_status == 0);
  CHECK(run.output.find("badung-geodata convert IN OUT") != std::string::npos);
}

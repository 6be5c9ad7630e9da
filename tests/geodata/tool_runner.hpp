#pragma once
// Runs the badung-geodata executable as the tests' subject and reads what it wrote.

#include <string>
#include <vector>

#include <rapidjson/document.h>

namespace badung::geodata::test {

struct ToolRun {
  int exit_status = -1;
  std::string output;  ///< stdout and stderr together
};

/// Runs badung-geodata with `args` (each passed as one shell-quoted word).
ToolRun run_tool(const std::vector<std::string>& args);

/// Path of a file under tests/data.
std::string test_data(const std::string& relative);

/// A fresh, empty folder under the test work folder.
std::string fresh_work_folder(const std::string& name);

/// Writes `folder`/kantor.gpkg: a GeoPackage with two points in Badung in
/// UTM 50S (EPSG:32750), made by `convert` from a GeoJSON file. Returns its path.
std::string write_utm_geopackage(const std::string& folder);

/// The map data built from geodata/catalog.json (built by the CTest fixture,
/// or here if the fixture did not run).
std::string built_data_folder();

/// Parses a JSON file; fails the test with the path if it is not JSON.
rapidjson::Document read_json(const std::string& path);

/// Counts lines of `text` that contain `needle`.
int count_lines_with(const std::string& text, const std::string& needle);

}  // namespace badung::geodata::test

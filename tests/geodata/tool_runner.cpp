#include "tool_runner.hpp"

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <sys/wait.h>

#include <catch2/catch.hpp>

namespace badung::geodata::test {

namespace {

namespace fs = std::filesystem;

std::string shell_quote(const std::string& word) {
  std::string quoted(1, '\'');
  for (char c : word) {
    if (c == '\'') {
      quoted.append("'\\''");
    } else {
      quoted.push_back(c);
    }
  }
  quoted.push_back('\'');
  return quoted;
}

}  // namespace

ToolRun run_tool(const std::vector<std::string>& args) {
  std::string command = shell_quote(BADUNG_GEODATA_TOOL);
  for (const auto& arg : args) {
    command.push_back(' ');
    command.append(shell_quote(arg));
  }
  command += " 2>&1";

  ToolRun run;
  FILE* pipe = popen(command.c_str(), "r");
  REQUIRE(pipe != nullptr);
  std::array<char, 4096> chunk{};
  std::size_t read = 0;
  while ((read = std::fread(chunk.data(), 1, chunk.size(), pipe)) > 0) {
    run.output.append(chunk.data(), read);
  }
  const int status = pclose(pipe);
  run.exit_status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return run;
}

std::string test_data(const std::string& relative) {
  return (fs::path(BADUNG_TEST_DATA) / relative).string();
}

std::string fresh_work_folder(const std::string& name) {
  const fs::path folder = fs::path(BADUNG_TEST_WORK) / name;
  fs::remove_all(folder);
  fs::create_directories(folder);
  return folder.string();
}

std::string write_utm_geopackage(const std::string& folder) {
  const std::string source = folder + "/kantor-lonlat.geojson";
  std::ofstream(source)
      << R"({"type":"FeatureCollection","features":[)"
      << R"({"type":"Feature","id":"k1","properties":{"nama":"Kantor Desa Dalung"},)"
      << R"("geometry":{"type":"Point","coordinates":[115.1725,-8.6234]}},)"
      << R"({"type":"Feature","id":"k2","properties":{"nama":"Kantor Camat Kuta Utara"},)"
      << R"("geometry":{"type":"Point","coordinates":[115.1681,-8.6487]}}]})";
  const std::string geopackage = folder + "/kantor.gpkg";
  const auto run = run_tool({"convert", source, geopackage, "--t-srs", "EPSG:32750"});
  INFO(run.output);
  REQUIRE(run.exit_status == 0);
  return geopackage;
}

std::string built_data_folder() {
  const fs::path folder = fs::path(BADUNG_TEST_WORK) / "dist";
  if (!fs::exists(folder / "catalog.json")) {
    const auto run = run_tool({"build", "--catalog", std::string(BADUNG_SOURCE_DIR) + "/geodata/catalog.json",
                               "--out", folder.string()});
    INFO(run.output);
    REQUIRE(run.exit_status == 0);
  }
  return folder.string();
}

rapidjson::Document read_json(const std::string& path) {
  std::ifstream file(path);
  INFO("file: " << path);
  REQUIRE(file.good());
  std::stringstream text;
  text << file.rdbuf();
  rapidjson::Document document;
  document.Parse(text.str().c_str());
  REQUIRE_FALSE(document.HasParseError());
  return document;
}

int count_lines_with(const std::string& text, const std::string& needle) {
  std::istringstream lines(text);
  std::string line;
  int count = 0;
  while (std::getline(lines, line)) {
    if (line.find(needle) != std::string::npos) {
      ++count;
    }
  }
  return count;
}

}  // namespace badung::geodata::test

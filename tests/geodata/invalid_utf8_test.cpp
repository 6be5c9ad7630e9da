// Invalid UTF-8 in a source's text: a GeoJSON file with stray bytes, a
// Shapefile .dbf in another code page, a GeoPackage text column. Build and
// convert replace each invalid sequence with U+FFFD in that value alone.
// They warn with the feature and the property, and write valid UTF-8.

#include <fstream>
#include <iterator>
#include <memory>
#include <string>

#include <catch2/catch.hpp>
#include <gdal_priv.h>
#include <ogrsf_frmts.h>
#include <rapidjson/document.h>

#include "tool_runner.hpp"
#include "core/text/utf8.hpp"

using namespace badung::geodata;
using namespace badung::geodata::test;
namespace text = badung::text;

namespace {

const std::string kReplacement = "\xEF\xBF\xBD";

std::string read_bytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

/// Parses `path` as JSON with RapidJSON's UTF-8 validation on, so a file
/// with invalid UTF-8 fails the test.
rapidjson::Document read_strict_json(const std::string& path) {
  rapidjson::Document document;
  document.Parse<rapidjson::kParseValidateEncodingFlag>(read_bytes(path).c_str());
  INFO(path << ": " << read_bytes(path));
  REQUIRE_FALSE(document.HasParseError());
  return document;
}

/// Two points: feature 1 has bytes FF FE in "name" and an id with byte FF,
/// feature 2 is clean.
std::string write_bad_geojson(const std::string& folder) {
  const std::string path = folder + "/pura.geojson";
  std::ofstream(path, std::ios::binary)
      << "{\"type\":\"FeatureCollection\",\"features\":["
      << "{\"type\":\"Feature\",\"id\":\"p\xFF\",\"properties\":{\"name\":\"Pura \xFF\xFE\",\"desa\":\"Kuta\"},"
      << "\"geometry\":{\"type\":\"Point\",\"coordinates\":[115.17,-8.7]}},"
      << "{\"type\":\"Feature\",\"id\":\"q\",\"properties\":{\"name\":\"Pura Desa\",\"desa\":\"Kuta\"},"
      << "\"geometry\":{\"type\":\"Point\",\"coordinates\":[115.18,-8.71]}}]}";
  return path;
}

std::string write_catalog(const std::string& folder, const std::string& source) {
  const std::string path = folder + "/catalog.json";
  std::ofstream(path)
      << R"({"region_code": "51.03", "region_name": "Uji", "coordinate_decimals": 7,)"
      << R"( "sane_extent": [114.4, -8.95, 115.75, -8.0], "layers": [{"id": "pura",)"
      << R"( "title": {"id": "Uji", "en": "Test"}, "category": "uji", "source": ")" << source
      << R"(", "geometry_type": "Point", "id_template": "{id}", "name": "{name}",)"
      << R"( "agency": "Uji", "licence": "CC0", "attribution": "Uji", "description": "uji", "updated": "2026"}]})";
  return path;
}

/// Writes a Shapefile whose .dbf contains Latin-1 bytes with no code page
/// (no .cpg, language driver 0), as old desktop GIS exports do: field
/// "d\xE9sa" with the value "Caf\xE9 Kuta".
std::string write_latin1_shapefile(const std::string& folder) {
  const std::string path = folder + "/kafe.shp";
  GDALDriver* driver = GetGDALDriverManager()->GetDriverByName("ESRI Shapefile");
  REQUIRE(driver != nullptr);
  GDALDatasetUniquePtr dataset(driver->Create(path.c_str(), 0, 0, 0, GDT_Unknown, nullptr));
  REQUIRE(dataset);
  OGRSpatialReference wgs84;
  wgs84.importFromEPSG(4326);
  wgs84.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
  const char* options[] = {"ENCODING=", nullptr};  // no recoding: the bytes are stored as given
  OGRLayer* layer = dataset->CreateLayer("kafe", &wgs84, wkbPoint, const_cast<char**>(options));
  REQUIRE(layer != nullptr);
  OGRFieldDefn field("d\xE9sa", OFTString);
  REQUIRE(layer->CreateField(&field) == OGRERR_NONE);

  OGRFeature feature(layer->GetLayerDefn());
  feature.SetField(0, "Caf\xE9 Kuta");
  OGRPoint point(115.17, -8.7);
  feature.SetGeometry(&point);
  REQUIRE(layer->CreateFeature(&feature) == OGRERR_NONE);
  dataset.reset();
  std::remove((folder + "/kafe.cpg").c_str());
  return path;
}

}  // namespace

TEST_CASE("repair_utf8 replaces maximal subparts") {
  struct Case {
    std::string input;
    std::string expected;
    std::size_t replaced;
  };
  const Case cases[] = {
      {"Caf\xC3\xA9", "Caf\xC3\xA9", 0},
      {"a\xFF\xFE" "b", "a" + kReplacement + kReplacement + "b", 2},
      {"\xE0\x80", kReplacement + kReplacement, 2},             // overlong: E0 needs A0..BF next
      {"\xED\xA0\x80", kReplacement + kReplacement + kReplacement, 3},  // a surrogate
      {"\xF0\x9F\x98", kReplacement, 1},                         // a cut 4-byte sequence
      {"\xF4\x90\x80\x80", kReplacement + kReplacement + kReplacement + kReplacement, 4},  // above U+10FFFF
      {"\xC0\xAF", kReplacement + kReplacement, 2},
  };
  for (const auto& [input, expected, replaced] : cases) {
    INFO(input);
    const text::Utf8Repair repair = text::repair_utf8(input);
    CHECK(repair.text == expected);
    CHECK(repair.replaced == replaced);
    CHECK(text::is_valid_utf8(input) == (replaced == 0));
    CHECK(text::is_valid_utf8(repair.text));
  }
  CHECK(text::repair_utf8("Pura \xFF\xFE").first_offset == 5);
  CHECK(text::repair_utf8("Pura \xFF\xFE").first_bytes == "FF");
}

TEST_CASE("convert repairs invalid UTF-8 value") {
  const auto folder = fresh_work_folder("utf8-convert");
  const auto output = folder + "/out.geojson";
  const auto run = run_tool({"convert", write_bad_geojson(folder), output});
  INFO(run.output);
  CHECK(run.exit_status == 0);
  CHECK(count_lines_with(run.output, "wrote 2 of 2 features") == 1);
  CHECK(count_lines_with(run.output, "warning: pura.geojson: feature 1 (id p" + kReplacement +
                                         ") \"Pura " + kReplacement + kReplacement +
                                         "\": property 'name' is not valid UTF-8: 2 invalid byte sequences") == 1);
  CHECK(count_lines_with(run.output, "property 'id' is not valid UTF-8: 1 invalid byte sequence") == 1);
  CHECK(count_lines_with(run.output, "re-save the source as UTF-8 (repaired)") == 2);
  CHECK(count_lines_with(run.output, "feature 2") == 0);
  CHECK(text::is_valid_utf8(run.output));

  const auto document = read_strict_json(output);
  const auto& features = document["features"];
  REQUIRE(features.Size() == 2);
  CHECK(std::string(features[0]["id"].GetString()) == "p" + kReplacement);
  CHECK(std::string(features[0]["properties"]["name"].GetString()) == "Pura " + kReplacement + kReplacement);
  CHECK(std::string(features[0]["properties"]["desa"].GetString()) == "Kuta");
  CHECK(std::string(features[1]["properties"]["name"].GetString()) == "Pura Desa");
}

TEST_CASE("build keeps layer with invalid UTF-8") {
  const auto folder = fresh_work_folder("utf8-build");
  const auto catalog = write_catalog(folder, write_bad_geojson(folder));
  const auto run = run_tool({"build", "--catalog", catalog, "--out", folder + "/out"});
  INFO(run.output);
  CHECK(run.exit_status == 0);
  CHECK(count_lines_with(run.output, "pura: 2 features (0 dropped, 2 repaired, 0 corrected)") == 1);

  const auto layer = read_strict_json(folder + "/out/layers/pura.geojson");
  REQUIRE(layer["features"].Size() == 2);
  CHECK(std::string(layer["features"][0]["properties"]["name"].GetString()) ==
        "Pura " + kReplacement + kReplacement);

  const auto report = read_strict_json(folder + "/out/build-report.json");
  CHECK(report["layers"]["pura"]["repaired"].GetInt() == 2);
  CHECK(report["layers"]["pura"]["dropped"].GetInt() == 0);
  REQUIRE(report["problems"].Size() == 2);
  const auto& problem = report["problems"][0];
  CHECK(std::string(problem["code"].GetString()) == "invalid_utf8");
  CHECK(problem["feature_number"].GetInt() == 1);
  CHECK(std::string(problem["action"].GetString()) == "repaired");

  // The core reader that the server and the browser use rejects a whole
  // file for one invalid byte, so it must decode the layer.
  const auto inspected = run_tool({"inspect", folder + "/out/layers/pura.geojson"});
  INFO(inspected.output);
  CHECK(inspected.exit_status == 0);
  rapidjson::Document inspection;
  inspection.Parse(inspected.output.c_str());
  REQUIRE_FALSE(inspection.HasParseError());
  CHECK(std::string(inspection["status"].GetString()) == "decoded");
}

TEST_CASE("convert repairs Shapefile without code page") {
  const auto folder = fresh_work_folder("utf8-shapefile");
  const auto shapefile = write_latin1_shapefile(folder);
  const auto output = folder + "/out.geojson";
  const auto run = run_tool({"convert", shapefile, output});
  INFO(run.output);
  CHECK(run.exit_status == 0);
  CHECK(count_lines_with(run.output, "warning: kafe.shp: field name 'd" + kReplacement +
                                         "sa' is not valid UTF-8") == 1);
  CHECK(count_lines_with(run.output, "warning: kafe.shp: feature 1: property 'd" + kReplacement +
                                         "sa' is not valid UTF-8: 1 invalid byte sequence (the first E9 at byte 3)") ==
        1);
  CHECK(count_lines_with(run.output, "--oo ENCODING=CP1252") == 2);

  const auto document = read_strict_json(output);
  CHECK(std::string(document["features"][0]["properties"]["d" + kReplacement + "sa"].GetString()) ==
        "Caf" + kReplacement + " Kuta");

  // The advice works: with the code page named, GDAL recodes to UTF-8.
  const auto recoded = run_tool({"convert", shapefile, output, "--overwrite", "--oo", "ENCODING=CP1252"});
  INFO(recoded.output);
  CHECK(recoded.exit_status == 0);
  CHECK(count_lines_with(recoded.output, "UTF-8") == 0);
  const auto fixed = read_strict_json(output);
  CHECK(std::string(fixed["features"][0]["properties"]["d\xC3\xA9sa"].GetString()) == "Caf\xC3\xA9 Kuta");

  // GDAL's writers get the repaired field name and value too.
  const auto geopackage = folder + "/kafe.gpkg";
  const auto packed = run_tool({"convert", shapefile, geopackage});
  INFO(packed.output);
  CHECK(packed.exit_status == 0);
  GDALDatasetUniquePtr dataset(GDALDataset::Open(geopackage.c_str(), GDAL_OF_VECTOR));
  REQUIRE(dataset);
  OGRLayer* layer = dataset->GetLayer(0);
  REQUIRE(layer != nullptr);
  const int field = layer->GetLayerDefn()->GetFieldIndex(("d" + kReplacement + "sa").c_str());
  REQUIRE(field >= 0);
  std::unique_ptr<OGRFeature> feature(layer->GetNextFeature());
  REQUIRE(feature);
  CHECK(std::string(feature->GetFieldAsString(field)) == "Caf" + kReplacement + " Kuta");
}

TEST_CASE("convert repairs GeoPackage text") {
  const auto folder = fresh_work_folder("utf8-geopackage");
  const auto geopackage = write_utm_geopackage(folder);
  {
    // Through GDAL, because the GeoPackage's triggers call its ST_ functions.
    GDALDatasetUniquePtr dataset(GDALDataset::Open(geopackage.c_str(), GDAL_OF_VECTOR | GDAL_OF_UPDATE));
    REQUIRE(dataset);
    CPLErrorReset();
    dataset->ExecuteSQL("UPDATE \"kantor-lonlat\" SET nama = CAST(X'4B616E746F7280' AS TEXT) "
                        "WHERE fid = (SELECT MIN(fid) FROM \"kantor-lonlat\")",
                        nullptr, nullptr);
    INFO(CPLGetLastErrorMsg());
    REQUIRE(CPLGetLastErrorType() == CE_None);
  }

  const auto output = folder + "/out.geojson";
  const auto run = run_tool({"convert", geopackage, output});
  INFO(run.output);
  CHECK(run.exit_status == 0);
  CHECK(count_lines_with(run.output, "feature 1") == 1);
  CHECK(count_lines_with(run.output, "property 'nama' is not valid UTF-8: 1 invalid byte sequence "
                                     "(the first 80 at byte 6)") == 1);
  const auto document = read_strict_json(output);
  CHECK(std::string(document["features"][0]["properties"]["nama"].GetString()) == "Kantor" + kReplacement);
  CHECK(std::string(document["features"][1]["properties"]["nama"].GetString()) == "Kantor Camat Kuta Utara");
}

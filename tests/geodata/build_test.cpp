// `badung-geodata build` on the real sources in geodata/: layers, counts,
// catalog metadata, the UTM round trip, corrections and stable output.

#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include <catch2/catch.hpp>
#include <ogr_geometry.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "tool_runner.hpp"

using namespace badung::geodata::test;

namespace {

// Expected features per layer: the source counts in geodata/sources/SOURCES.md,
// less the 8 ways in the worship source that the catalog filters out because
// they are not amenity=place_of_worship. The 8 schools without coordinates
// stay, with a null geometry.
const std::vector<std::pair<std::string, int>> kExpectedLayers = {
    {"kabupaten", 1}, {"kecamatan", 6}, {"desa", 62}, {"sekolah", 375}, {"faskes", 72},
    {"faskes-osm", 185}, {"ibadah", 482}, {"pantai", 7}, {"halte", 273}, {"rute-bus", 14},
    {"jalan", 776}, {"daratan", 9}, {"garis-pantai", 97}, {"perairan", 331},
    {"bali", 9}};

const rapidjson::Value* find_layer(const rapidjson::Document& catalog, const std::string& id) {
  for (const auto& layer : catalog["layers"].GetArray()) {
    if (id == layer["id"].GetString()) {
      return &layer;
    }
  }
  return nullptr;
}

const rapidjson::Value* find_feature(const rapidjson::Document& collection, const std::string& id) {
  for (const auto& feature : collection["features"].GetArray()) {
    if (feature["id"].IsString() && id == feature["id"].GetString()) {
      return &feature;
    }
  }
  return nullptr;
}

std::unique_ptr<OGRGeometry> to_ogr(const rapidjson::Value& geometry) {
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
  geometry.Accept(writer);
  return std::unique_ptr<OGRGeometry>(OGRGeometryFactory::createFromGeoJson(buffer.GetString()));
}

std::string layer_file(const std::string& id) {
  return built_data_folder() + "/layers/" + id + ".geojson";
}

/// Distance in metres between two lon/lat positions a few metres apart.
double metres_between(const rapidjson::Value& a, const rapidjson::Value& b) {
  const double lat = a[1].GetDouble() * M_PI / 180.0;
  const double dx = (a[0].GetDouble() - b[0].GetDouble()) * 111320.0 * std::cos(lat);
  const double dy = (a[1].GetDouble() - b[1].GetDouble()) * 110574.0;
  return std::hypot(dx, dy);
}

/// Returns the largest distance between matching positions of two rings, which may
/// run in opposite directions.
double ring_distance(const rapidjson::Value& a, const rapidjson::Value& b) {
  REQUIRE(a.Size() == b.Size());
  double forward = 0;
  double backward = 0;
  const auto n = a.Size();
  for (rapidjson::SizeType i = 0; i < n; ++i) {
    forward = std::max(forward, metres_between(a[i], b[i]));
    backward = std::max(backward, metres_between(a[i], b[n - 1 - i]));
  }
  return std::min(forward, backward);
}

std::string read_file(const std::string& path) {
  std::ifstream file(path, std::ios::binary);
  std::stringstream text;
  text << file.rdbuf();
  return text.str();
}

}  // namespace

TEST_CASE("build: layer list and feature counts") {
  const auto catalog = read_json(built_data_folder() + "/catalog.json");
  REQUIRE(catalog["layers"].Size() == kExpectedLayers.size());

  for (std::size_t i = 0; i < kExpectedLayers.size(); ++i) {
    const auto& [id, count] = kExpectedLayers[i];
    INFO("layer " << id);
    const auto& layer = catalog["layers"][static_cast<rapidjson::SizeType>(i)];
    CHECK(layer["id"].GetString() == id);
    CHECK(layer["feature_count"].GetInt() == count);

    const auto collection = read_json(layer_file(id));
    CHECK(collection["features"].Size() == static_cast<rapidjson::SizeType>(count));
  }
}

TEST_CASE("build: catalog metadata fields") {
  const auto catalog = read_json(built_data_folder() + "/catalog.json");
  CHECK(std::string(catalog["region_code"].GetString()) == "51.03");

  for (const auto& layer : catalog["layers"].GetArray()) {
    INFO("layer " << layer["id"].GetString());
    for (const char* key : {"agency", "licence", "attribution", "updated", "geometry_type", "category",
                            "name_property", "data"}) {
      INFO("key " << key);
      REQUIRE(layer.HasMember(key));
      REQUIRE(layer[key].IsString());
      CHECK(layer[key].GetStringLength() > 0);
    }
    CHECK(std::string(layer["region_code"].GetString()) == "51.03");
    CHECK(std::string(layer["name_property"].GetString()) == "name");
    CHECK(layer["title"]["id"].GetStringLength() > 0);
    CHECK(layer["title"]["en"].GetStringLength() > 0);

    const auto& bbox = layer["bbox"];
    REQUIRE(bbox.Size() == 4);
    CHECK(bbox[0].GetDouble() >= 114.4);
    CHECK(bbox[1].GetDouble() >= -8.95);
    CHECK(bbox[2].GetDouble() <= 115.75);
    CHECK(bbox[3].GetDouble() <= -8.0);
    CHECK(bbox[0].GetDouble() < bbox[2].GetDouble());
    CHECK(std::filesystem::exists(built_data_folder() + "/" + layer["data"].GetString()));
  }
  CHECK(std::string((*find_layer(catalog, "jalan"))["category"].GetString()) == "transportasi");
  CHECK(std::string((*find_layer(catalog, "faskes"))["category"].GetString()) == "kesehatan");
}

TEST_CASE("build: features have ids names and 7 decimals") {
  const auto catalog = read_json(built_data_folder() + "/catalog.json");
  for (const auto& layer : catalog["layers"].GetArray()) {
    const std::string id = layer["id"].GetString();
    INFO("layer " << id);
    const auto collection = read_json(layer_file(id));
    const std::string type = layer["geometry_type"].GetString();
    std::set<std::string> ids;
    for (const auto& feature : collection["features"].GetArray()) {
      REQUIRE(feature["id"].IsString());
      CHECK(ids.insert(feature["id"].GetString()).second);
      REQUIRE(feature["properties"].HasMember("name"));
      if (!feature["geometry"].IsNull()) {
        CHECK(std::string(feature["geometry"]["type"].GetString()) == type);
      }
    }

    // No coordinate has more than 7 decimals.
    const std::string text = read_file(layer_file(id));
    const auto geometry_at = text.find("\"coordinates\"");
    REQUIRE(geometry_at != std::string::npos);
    std::size_t longest = 0;
    for (std::size_t at = text.find("\"coordinates\""); at != std::string::npos;
         at = text.find("\"coordinates\"", at + 1)) {
      const auto end = text.find('}', at);
      std::size_t digits = 0;
      bool after_point = false;
      for (std::size_t i = at; i < end; ++i) {
        if (text[i] == '.') {
          after_point = true;
          digits = 0;
        } else if (after_point && std::isdigit(static_cast<unsigned char>(text[i]))) {
          longest = std::max(longest, ++digits);
        } else {
          after_point = false;
        }
      }
    }
    CHECK(longest <= 7);
  }
}

TEST_CASE("build: names are normalised") {
  const auto faskes = read_json(layer_file("faskes"));
  CHECK(std::string((*find_feature(faskes, "P5103010201"))["properties"]["name"].GetString()) ==
        "Puskesmas Kuta Selatan");
  CHECK(std::string((*find_feature(faskes, "P5103020102"))["properties"]["name"].GetString()) ==
        "Puskesmas Kuta I");
  const auto sekolah = read_json(layer_file("sekolah"));
  CHECK(std::string((*find_feature(sekolah, "50101804"))["properties"]["name"].GetString()) ==
        "SD Negeri 1 Kapal");
}

TEST_CASE("build: UTM source returns within 1 cm") {
  const auto original = read_json(test_data("geodata/badung_kecamatan_bps2020.geojson"));
  const auto built = read_json(layer_file("kecamatan"));
  REQUIRE(built["features"].Size() == original["features"].Size());

  double worst = 0;
  for (const auto& source : original["features"].GetArray()) {
    const std::string code = source["properties"]["kode_kec_kemendagri"].GetString();
    INFO("kecamatan " << code);
    const auto* feature = find_feature(built, code);
    REQUIRE(feature != nullptr);

    // The original mixes Polygon and MultiPolygon; the layer is MultiPolygon.
    const auto& source_geometry = source["geometry"];
    const bool single = std::string(source_geometry["type"].GetString()) == "Polygon";
    const auto& built_polygons = (*feature)["geometry"]["coordinates"];
    const rapidjson::SizeType polygons = single ? 1 : source_geometry["coordinates"].Size();
    REQUIRE(built_polygons.Size() == polygons);
    for (rapidjson::SizeType p = 0; p < polygons; ++p) {
      const auto& source_polygon = single ? source_geometry["coordinates"] : source_geometry["coordinates"][p];
      REQUIRE(built_polygons[p].Size() == source_polygon.Size());
      for (rapidjson::SizeType r = 0; r < source_polygon.Size(); ++r) {
        worst = std::max(worst, ring_distance(source_polygon[r], built_polygons[p][r]));
      }
    }
  }
  CHECK(worst < 0.01);
}

TEST_CASE("build: puskesmas corrections applied") {
  const auto faskes = read_json(layer_file("faskes"));
  const auto kecamatan = read_json(layer_file("kecamatan"));
  const std::map<std::string, std::string> expected = {
      {"P5103010201", "51.03.05"},   // Puskesmas Kuta Selatan in Kecamatan Kuta Selatan
      {"P5103030201", "51.03.06"}};  // Puskesmas Kuta Utara in Kecamatan Kuta Utara

  for (const auto& [facility, district] : expected) {
    INFO("facility " << facility);
    const auto* feature = find_feature(faskes, facility);
    REQUIRE(feature != nullptr);
    const auto& properties = (*feature)["properties"];
    REQUIRE(properties.HasMember("correction"));
    CHECK(std::string(properties["correction"].GetString()).find("Uncertainty") != std::string::npos);
    CHECK(std::string(properties["coord_check"].GetString()) == "corrected");

    const auto point = to_ogr((*feature)["geometry"]);
    const auto area = to_ogr((*find_feature(kecamatan, district))["geometry"]);
    CHECK(point->Within(area.get()));

    // The source's lat/lon properties follow the moved point.
    const auto& coordinates = (*feature)["geometry"]["coordinates"];
    CHECK(properties["lon"].GetDouble() == coordinates[0].GetDouble());
    CHECK(properties["lat"].GetDouble() == coordinates[1].GetDouble());
  }

  const auto report = read_json(built_data_folder() + "/build-report.json");
  CHECK(report["layers"]["faskes"]["corrected"].GetInt() == 2);
}

TEST_CASE("build: OSM twins of Kemenkes entries marked") {
  // The twins keep their place in the layer, with the official entry named.
  const auto osm = read_json(layer_file("faskes-osm"));
  CHECK(osm["features"].Size() == 185);
  std::map<std::string, std::string> twins;
  for (const auto& feature : osm["features"].GetArray()) {
    if (feature["properties"].HasMember("twin_of")) {
      twins[feature["id"].GetString()] = feature["properties"]["twin_of"].GetString();
    }
  }
  CHECK(twins == std::map<std::string, std::string>{{"medis-122", "faskes/R5171166"},
                                                    {"medis-146", "faskes/P5103060202"}});

  const auto report = read_json(built_data_folder() + "/build-report.json");
  int notes = 0;
  for (const auto& problem : report["problems"].GetArray()) {
    if (std::string(problem["code"].GetString()) == "twin") {
      CHECK(std::string(problem["severity"].GetString()) == "note");
      CHECK(std::string(problem["layer"].GetString()) == "faskes-osm");
      ++notes;
    }
  }
  CHECK(notes == 2);
}

TEST_CASE("build: twins_of must name an earlier layer") {
  const auto folder = fresh_work_folder("twins-of-order");
  std::ofstream(folder + "/uji.csv") << "name,lon,lat\nA,115.1,-8.6\n";
  const std::string layer = R"("category": "kesehatan", "source": "uji.csv", "s_srs": "EPSG:4326", )"
                            R"("geometry_type": "Point", "name": "{name}", "agency": "Uji", "licence": "CC0", )"
                            R"("attribution": "Uji", "description": "uji", "updated": "2026")";
  std::ofstream(folder + "/catalog.json")
      << R"({"region_code": "51.03", "layers": [)"
      << R"({"id": "osm", "title": {"id": "Uji", "en": "Test"}, "twins_of": {"layer": "resmi", "max_distance_m": 3000}, )"
      << layer << "}, "
      << R"({"id": "resmi", "title": {"id": "Uji", "en": "Test"}, )" << layer << "}]}";
  const auto run = run_tool({"build", "--catalog", folder + "/catalog.json", "--out", folder + "/out"});
  INFO(run.output);
  CHECK(run.exit_status == 1);
  CHECK(count_lines_with(run.output, "'twins_of' names layer 'resmi', which is not an earlier layer of the "
                                     "catalog: move that layer before this one") == 1);
}

TEST_CASE("build: schools without coordinates kept") {
  const auto report = read_json(built_data_folder() + "/build-report.json");
  CHECK(report["layers"]["sekolah"]["dropped"].GetInt() == 0);
  int missing = 0;
  for (const auto& problem : report["problems"].GetArray()) {
    if (std::string(problem["layer"].GetString()) == "sekolah") {
      CHECK(std::string(problem["code"].GetString()) == "missing_geometry");
      CHECK(std::string(problem["severity"].GetString()) == "warning");
      CHECK(problem["feature"].IsString());
      ++missing;
    }
  }
  CHECK(missing == 8);

  const auto sekolah = read_json(layer_file("sekolah"));
  int without_geometry = 0;
  for (const auto& feature : sekolah["features"].GetArray()) {
    without_geometry += feature["geometry"].IsNull() ? 1 : 0;
  }
  CHECK(without_geometry == 8);
}

TEST_CASE("build: output is stable") {
  const auto folder = fresh_work_folder("rebuild");
  const auto run = run_tool({"build", "--catalog", std::string(BADUNG_SOURCE_DIR) + "/geodata/catalog.json",
                             "--out", folder});
  INFO(run.output);
  REQUIRE(run.exit_status == 0);

  for (const auto& [id, count] : kExpectedLayers) {
    INFO("layer " << id);
    CHECK(read_file(folder + "/layers/" + id + ".geojson") == read_file(layer_file(id)));
  }
  CHECK(read_file(folder + "/catalog.json") == read_file(built_data_folder() + "/catalog.json"));
}

TEST_CASE("build: broken source loses only itself") {
  const auto folder = fresh_work_folder("error-isolation");
  const auto run = run_tool({"build", "--catalog", test_data("geodata/error-isolation-catalog.json"), "--out", folder});
  INFO(run.output);
  CHECK(run.exit_status == 1);
  CHECK(count_lines_with(run.output, "error: hilang: source") == 1);
  CHECK(run.output.find("no-such-source.geojson' not found") != std::string::npos);
  CHECK(count_lines_with(run.output, "error: persegi: feature 1 (id d1) \"ring with 3 positions\": ring 0: fewer than 4 positions") == 1);
  CHECK(count_lines_with(run.output, "error: persegi: feature 2 (id d2) \"ring not closed (last != first)\": ring 0: ring not closed") == 1);
  CHECK(count_lines_with(run.output, "error: persegi: feature 4 (id d4) \"valid exterior, hole with 3 positions\": ring 1: fewer than 4 positions") == 1);
  CHECK(count_lines_with(run.output, "error: persegi: feature 5 (id d5) \"valid point control\": geometry type Point does not fit") == 1);

  const auto catalog = read_json(folder + "/catalog.json");
  REQUIRE(catalog["layers"].Size() == 1);
  CHECK(std::string(catalog["layers"][0]["id"].GetString()) == "persegi");
  const auto squares = read_json(folder + "/layers/persegi.geojson");
  REQUIRE(squares["features"].Size() == 1);
  CHECK(std::string(squares["features"][0]["id"].GetString()) == "d3");
  CHECK(std::string(squares["features"][0]["geometry"]["type"].GetString()) == "MultiPolygon");
}

TEST_CASE("build: missing template field and bad CSV coordinates are named") {
  const auto folder = fresh_work_folder("template-fields");
  std::ofstream(folder + "/uji.csv") << "name,lon,lat\nA,115.1,-8.6\nB,abc,-8.6\nC,115.2,\n";
  std::ofstream(folder + "/catalog.json")
      << R"({"region_code": "51.03", "region_name": "Uji", "coordinate_decimals": 7,)"
      << R"( "sane_extent": [114.4, -8.95, 115.75, -8.0], "layers": [{"id": "uji", "title": {"id": "Uji", "en": "Test"},)"
      << R"( "category": "uji", "source": "uji.csv", "s_srs": "EPSG:4326", "geometry_type": "Point",)"
      << R"( "name": "{nama_tidak_ada}", "agency": "Uji", "licence": "CC0", "attribution": "Uji", "description": "uji",)"
      << R"( "updated": "2026"}]})";
  const auto run = run_tool({"build", "--catalog", folder + "/catalog.json", "--out", folder + "/out"});
  INFO(run.output);
  CHECK(run.exit_status == 0);
  CHECK(count_lines_with(run.output,
                         "warning: uji: the name template '{nama_tidak_ada}' names the field 'nama_tidak_ada', which "
                         "the source does not have (its fields: name, lon, lat); fix the catalog") == 1);
  CHECK(count_lines_with(run.output, "no geometry: lon empty or not a number, lat '-8.6'") == 1);
  CHECK(count_lines_with(run.output, "no geometry: lon '115.2', lat empty or not a number") == 1);
}

TEST_CASE("build: an s_srs that overrides the source CRS is named") {
  const auto folder = fresh_work_folder("s-srs-override");
  write_utm_geopackage(folder);
  std::ofstream(folder + "/catalog.json")
      << R"({"region_code": "51.03", "region_name": "Uji", "coordinate_decimals": 7,)"
      << R"( "sane_extent": [114.4, -8.95, 115.75, -8.0], "layers": [{"id": "kantor", "title": {"id": "Kantor", "en": "Offices"},)"
      << R"( "category": "uji", "source": "kantor.gpkg", "s_srs": "EPSG:4326", "geometry_type": "Point",)"
      << R"( "agency": "Uji", "licence": "CC0", "attribution": "Uji", "description": "uji", "updated": "2026"}]})";
  const auto run = run_tool({"build", "--catalog", folder + "/catalog.json", "--out", folder + "/out"});
  INFO(run.output);
  CHECK(count_lines_with(run.output, "is far outside lon/lat (projected metres?) in the source: the catalog's s_srs "
                                     "'EPSG:4326' overrides the source's own CRS EPSG:32750: remove the catalog's "
                                     "s_srs or correct it (dropped)") == 2);
  CHECK(count_lines_with(run.output, "declare the source CRS") == 0);
}

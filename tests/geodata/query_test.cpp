// badung-geodata query, run as a process: output, ranking and exit status,
// checked against the shared cases and against brute force written here.

#include <algorithm>
#include <cmath>
#include <fstream>
#include <random>
#include <string>
#include <vector>

#include <catch2/catch.hpp>
#include <rapidjson/document.h>

#include "tool_runner.hpp"

using namespace badung::geodata::test;

namespace {

rapidjson::Document results_of(const ToolRun& run) {
  INFO(run.output);
  REQUIRE(run.exit_status == 0);
  rapidjson::Document doc;
  doc.Parse(run.output.c_str());
  REQUIRE_FALSE(doc.HasParseError());
  REQUIRE(doc.HasMember("results"));
  REQUIRE(doc["results"].IsArray());
  return doc;
}

std::vector<std::string> ids_of(const rapidjson::Document& doc) {
  std::vector<std::string> ids;
  for (const auto& hit : doc["results"].GetArray()) {
    ids.push_back(hit["id"].IsString() ? hit["id"].GetString() : std::to_string(hit["id"].GetInt64()));
  }
  return ids;
}

std::string write_file(const std::string& folder, const std::string& name, const std::string& text) {
  const std::string path = fresh_work_folder(folder) + "/" + name;
  std::ofstream(path) << text;
  return path;
}

// Haversine with the mean Earth radius, written out here as the reference.
double reference_distance_m(double lon1, double lat1, double lon2, double lat2) {
  constexpr double radius = 6371008.8;
  constexpr double rad = 3.14159265358979323846 / 180.0;
  const double dlat = (lat2 - lat1) * rad;
  const double dlon = (lon2 - lon1) * rad;
  const double h = std::sin(dlat / 2) * std::sin(dlat / 2) +
                   std::cos(lat1 * rad) * std::cos(lat2 * rad) * std::sin(dlon / 2) * std::sin(dlon / 2);
  return 2 * radius * std::asin(std::min(1.0, std::sqrt(h)));
}

const std::string case001 = test_data("cases/001-hole-same-winding/input.geojson");
const std::string case028 = test_data("cases/028-bbox-wrapped-longitude-antimeridian/input.geojson");

}  // namespace

TEST_CASE("query bbox: shared case 028, wrapped and antimeridian boxes", "[query]") {
  const rapidjson::Document queries = read_json(test_data("cases/028-bbox-wrapped-longitude-antimeridian/queries.json"));
  for (const auto& query : queries.GetArray()) {
    std::string box;
    for (const auto& edge : query["bbox"].GetArray()) {
      box += (box.empty() ? "" : ",") + std::to_string(edge.GetDouble());
    }
    std::vector<std::string> expected;
    for (const auto& id : query["expect_ids"].GetArray()) {
      expected.push_back(std::to_string(id.GetInt()));
    }
    INFO(query["id"].GetString() << " " << box);
    CHECK(ids_of(results_of(run_tool({"query", "bbox", "--layer", case028, "--bbox", box}))) == expected);
  }
}

TEST_CASE("query locate: shared case 001, holes are outside whatever their winding", "[query]") {
  struct Probe {
    double lon;
    double lat;
    std::vector<std::string> ids;
  };
  const std::vector<Probe> probes{
      {115.175, -8.725, {}},  {115.235, -8.725, {}},  {115.085, -8.725, {}},
      {115.155, -8.745, {"1"}}, {115.215, -8.745, {"2"}}, {115.065, -8.745, {"3"}},
  };
  for (const Probe& probe : probes) {
    INFO(probe.lon << ", " << probe.lat);
    const auto run = run_tool({"query", "locate", "--layer", case001, "--lon", std::to_string(probe.lon), "--lat",
                               std::to_string(probe.lat)});
    CHECK(ids_of(results_of(run)) == probe.ids);
  }
}

TEST_CASE("query nearest: a point in a hole is as far as the hole's edge", "[query]") {
  const auto doc = results_of(run_tool({"query", "nearest", "--layer", case001, "--lon", "115.175", "--lat",
                                        "-8.725", "--k", "1"}));
  REQUIRE(ids_of(doc) == std::vector<std::string>{"1"});
  // The hole's west and east edges lie 0.015 degrees of longitude away.
  const double expected = reference_distance_m(115.175, -8.725, 115.16, -8.725);
  CHECK(doc["results"][0]["distance_m"].GetDouble() == Approx(expected).margin(1.0));

  const auto inside = results_of(run_tool({"query", "nearest", "--layer", case001, "--lon", "115.155", "--lat",
                                           "-8.745", "--k", "1"}));
  CHECK(ids_of(inside) == std::vector<std::string>{"1"});
  CHECK(inside["results"][0]["distance_m"].GetDouble() == 0.0);
}

TEST_CASE("query nearest: random points match brute-force haversine ranking", "[query]") {
  std::mt19937 random(20261204);
  std::uniform_real_distribution<double> lon(115.05, 115.3);
  std::uniform_real_distribution<double> lat(-8.85, -8.45);
  std::vector<std::pair<double, double>> points(400);
  std::string text = R"({"type":"FeatureCollection","features":[)";
  for (std::size_t i = 0; i < points.size(); ++i) {
    points[i] = {lon(random), lat(random)};
    text += (i ? "," : "") + std::string(R"({"type":"Feature","id":)") + std::to_string(i + 1) +
            R"(,"properties":{},"geometry":{"type":"Point","coordinates":[)" + std::to_string(points[i].first) +
            "," + std::to_string(points[i].second) + "]}}";
    // Read back as the tool reads them: std::to_string keeps 6 decimals.
    points[i] = {std::stod(std::to_string(points[i].first)), std::stod(std::to_string(points[i].second))};
  }
  const std::string layer = write_file("query-random", "points.geojson", text + "]}");

  for (int trial = 0; trial < 12; ++trial) {
    // Rounded as the tool reads them back from std::to_string.
    const double qlon = std::stod(std::to_string(lon(random)));
    const double qlat = std::stod(std::to_string(lat(random)));
    std::vector<std::pair<double, std::size_t>> expected;
    for (std::size_t i = 0; i < points.size(); ++i) {
      expected.push_back({reference_distance_m(qlon, qlat, points[i].first, points[i].second), i + 1});
    }
    std::sort(expected.begin(), expected.end());

    const auto doc = results_of(run_tool({"query", "nearest", "--layer", layer, "--lon", std::to_string(qlon),
                                          "--lat", std::to_string(qlat), "--k", "7"}));
    const auto& hits = doc["results"];
    REQUIRE(hits.Size() == 7);
    for (rapidjson::SizeType i = 0; i < hits.Size(); ++i) {
      INFO("trial " << trial << " rank " << i);
      CHECK(hits[i]["id"].GetUint64() == expected[i].second);
      CHECK(hits[i]["distance_m"].GetDouble() == Approx(expected[i].first).margin(0.001));
    }
  }
}

TEST_CASE("query within: the points of a layer inside an area with a hole", "[query]") {
  const std::string points = write_file("query-within", "points.geojson", R"({"type":"FeatureCollection","features":[
    {"type":"Feature","id":"band","properties":{"name":"in the band"},"geometry":{"type":"Point","coordinates":[115.215,-8.745]}},
    {"type":"Feature","id":"hole","properties":{"name":"in the hole"},"geometry":{"type":"Point","coordinates":[115.235,-8.725]}},
    {"type":"Feature","id":"edge","properties":{"name":"on the outer edge"},"geometry":{"type":"Point","coordinates":[115.26,-8.72]}},
    {"type":"Feature","id":"away","properties":{"name":"outside"},"geometry":{"type":"Point","coordinates":[115.3,-8.72]}}]})");
  const auto doc = results_of(run_tool({"query", "within", "--layer", points, "--area", case001, "--id", "2"}));
  CHECK(ids_of(doc) == std::vector<std::string>{"band", "edge"});
  CHECK(std::string(doc["results"][0]["properties"]["name"].GetString()) == "in the band");
}

TEST_CASE("query within: an area that is no polygon is a usage error", "[query]") {
  const std::string points = write_file("query-within-point", "pts.geojson", R"({"type":"FeatureCollection","features":[
    {"type":"Feature","id":"a","properties":{"name":"Puskesmas Kuta I"},"geometry":{"type":"Point","coordinates":[115.17,-8.72]}},
    {"type":"Feature","id":"r","properties":{"name":"Jalan Raya Kuta"},"geometry":{"type":"LineString","coordinates":[[115.16,-8.71],[115.18,-8.73]]}}]})");
  const auto point_area = run_tool({"query", "within", "--layer", points, "--area", points, "--id", "a"});
  INFO(point_area.output);
  CHECK(point_area.exit_status == 2);
  CHECK(point_area.output.find("invalid --id 'a'") != std::string::npos);
  CHECK(point_area.output.find("'a' is a Point, not a Polygon or MultiPolygon") != std::string::npos);

  const auto line_area = run_tool({"query", "within", "--layer", points, "--area", points, "--id", "r"});
  INFO(line_area.output);
  CHECK(line_area.exit_status == 2);
  CHECK(line_area.output.find("'r' is a LineString") != std::string::npos);
}

TEST_CASE("query search: abbreviations, typos, every word and nearest first", "[query]") {
  const std::string layer = write_file("query-search", "places.geojson", R"({"type":"FeatureCollection","features":[
    {"type":"Feature","id":"pkm-kuta","properties":{"name":"Puskesmas Kuta I","alamat":"Jl. Raya Kuta No. 117"},"geometry":{"type":"Point","coordinates":[115.175,-8.72]}},
    {"type":"Feature","id":"pkm-kuta-utara","properties":{"name":"Puskesmas Kuta Utara","alamat":"Jalan Raya Kerobokan"},"geometry":{"type":"Point","coordinates":[115.17,-8.65]}},
    {"type":"Feature","id":"sdn-1-kuta","properties":{"name":"SD Negeri 1 Kuta","alamat":"Gg. Melati"},"geometry":{"type":"Point","coordinates":[115.172,-8.718]}},
    {"type":"Feature","id":"smp-1-kuta","properties":{"name":"SMP Negeri 1 Kuta"},"geometry":{"type":"Point","coordinates":[115.18,-8.725]}},
    {"type":"Feature","id":"rs-kasih","properties":{"name":"Rumah Sakit Kasih Ibu"},"geometry":{"type":"Point","coordinates":[115.2,-8.7]}}]})");

  const auto search = [&](std::vector<std::string> words) {
    std::vector<std::string> args{"query", "search", "--layer", layer, "--lon", "115.175", "--lat", "-8.72"};
    args.insert(args.end(), words.begin(), words.end());
    return ids_of(results_of(run_tool(args)));
  };

  CHECK(search({"pkm kuta"}) == std::vector<std::string>{"pkm-kuta", "pkm-kuta-utara"});
  CHECK(search({"SDN 1 Kuta"}) == std::vector<std::string>{"sdn-1-kuta"});
  CHECK(search({"RS kasih"}) == std::vector<std::string>{"rs-kasih"});
  CHECK(search({"jl", "raya", "kerobokan"}) == std::vector<std::string>{"pkm-kuta-utara"});
  // "Jalan" written out matches better than through "Jl.", before distance.
  CHECK(search({"jalan", "raya", "kuta"}) == std::vector<std::string>{"pkm-kuta-utara", "pkm-kuta"});
  CHECK(search({"gang melati"}) == std::vector<std::string>{"sdn-1-kuta"});
  // One swap of adjacent letters in a word of 9 letters.
  CHECK(search({"pusksemas utara"}) == std::vector<std::string>{"pkm-kuta-utara"});
  // SMA is a school level of its own: it must not find the SMP.
  CHECK(search({"sma negeri"}).empty());
  // Prefix while typing, nearest first.
  CHECK(search({"pusk"}) == std::vector<std::string>{"pkm-kuta", "pkm-kuta-utara"});

  const auto doc = results_of(run_tool({"query", "search", "--layer", layer, "--k", "1", "puskesmas"}));
  CHECK(ids_of(doc).size() == 1);
  CHECK_FALSE(doc["results"][0].HasMember("distance_m"));
  CHECK(std::string(doc["results"][0]["match"].GetString()) == "exact");
}

TEST_CASE("query nearest: the built faskes layer by category, ranked by distance", "[query][data]") {
  const std::string data = built_data_folder();
  const std::string faskes = data + "/layers/faskes.geojson";
  const std::string schools = data + "/layers/sekolah.geojson";
  const auto doc = results_of(run_tool({"query", "nearest", "--layer", schools, "--layer", faskes, "--lon",
                                        "115.17", "--lat", "-8.72", "--k", "5", "--category", "Kesehatan"}));
  const auto& hits = doc["results"];
  REQUIRE(hits.Size() == 5);
  double previous = 0.0;
  for (const auto& hit : hits.GetArray()) {
    CHECK(std::string(hit["layer"].GetString()) == "faskes");
    CHECK(hit["distance_m"].GetDouble() >= previous);
    previous = hit["distance_m"].GetDouble();
  }
}

TEST_CASE("query: bad arguments name the argument and exit with status 2", "[query]") {
  struct Bad {
    std::vector<std::string> args;
    std::string named;
  };
  const std::vector<Bad> cases{
      {{"query"}, "nearest, locate, within, bbox or search"},
      {{"query", "closest", "--layer", case001}, "'closest'"},
      {{"query", "nearest", "--lon", "115", "--lat", "-8"}, "--layer"},
      {{"query", "nearest", "--layer", case001, "--lat", "-8"}, "--lon"},
      {{"query", "nearest", "--layer", case001, "--lon", "east", "--lat", "-8"}, "--lon 'east'"},
      {{"query", "nearest", "--layer", case001, "--lon", "1151.7", "--lat", "-8"}, "--lon '1151.7'"},
      {{"query", "nearest", "--layer", case001, "--lon", "115abc", "--lat", "-8"}, "--lon '115abc'"},
      {{"query", "nearest", "--layer", case001, "--lon", "0x10", "--lat", "-8"}, "--lon '0x10'"},
      {{"query", "nearest", "--layer", case001, "--lon", "115", "--lat", "-0x8"}, "--lat '-0x8'"},
      {{"query", "nearest", "--layer", case001, "--lon", "inf", "--lat", "-8"}, "--lon 'inf'"},
      {{"query", "search", "--layer", case001, "--lon", "-181", "--lat", "-8", "sd"}, "--lon '-181'"},
      {{"query", "nearest", "--layer", case001, "--lon", "115", "--lat", "-98"}, "--lat '-98'"},
      {{"query", "nearest", "--layer", case001, "--lon", "115", "--lat", "-8", "--k", "0"}, "--k '0'"},
      {{"query", "nearest", "--layer", "missing.geojson", "--lon", "115", "--lat", "-8"}, "missing.geojson"},
      {{"query", "bbox", "--layer", case001, "--bbox", "115,-8,116"}, "--bbox '115,-8,116'"},
      {{"query", "bbox", "--layer", case001, "--bbox", "115,-8,116,-9"}, "--bbox"},
      {{"query", "within", "--layer", case001, "--area", case001}, "--id"},
      {{"query", "within", "--layer", case028, "--area", case001, "--id", "99"}, "--id '99'"},
      {{"query", "search", "--layer", case001}, "TEXT"},
      {{"query", "locate", "--layer", case001, "--lon", "115", "--lat", "-8", "--k", "3"}, "'--k'"},
      {{"query", "search", "--layer", case001, "--lon", "115.17", "--lat", "-8.65", "--lon", "116", "sd"},
       "option '--lon' is given more than once"},
      {{"query", "search", "--layer", case001, "--k=3", "--k", "4", "sd"}, "option '--k' is given more than once"},
      {{"query", "bbox", "--layer", test_data("cases"), "--bbox", "115,-9,116,-8"}, "is a directory"},
  };
  for (const Bad& bad : cases) {
    const auto run = run_tool(bad.args);
    INFO(run.output);
    CHECK(run.exit_status == 2);
    CHECK(run.output.find(bad.named) != std::string::npos);
  }
}

TEST_CASE("query: a layer that is not GeoJSON is an input error", "[query]") {
  const std::string broken = write_file("query-broken", "broken.geojson", "{\"type\": \"FeatureCollection\", ");
  const auto run = run_tool({"query", "bbox", "--layer", broken, "--bbox", "115,-9,116,-8"});
  INFO(run.output);
  CHECK(run.exit_status == 1);
  CHECK(run.output.find("invalid --layer '" + broken + "': not GeoJSON") != std::string::npos);

  const auto area = run_tool({"query", "within", "--layer", case001, "--area", broken, "--id", "1"});
  INFO(area.output);
  CHECK(area.exit_status == 1);
  CHECK(area.output.find("invalid --area '" + broken + "': not GeoJSON") != std::string::npos);
}

TEST_CASE("query: an SQLite file as --layer is a usage error", "[query]") {
  const std::string mbtiles = write_file("query-sqlite", "badung.mbtiles",
                                         std::string("SQLite format 3\0", 16) + std::string(84, '\0'));
  const auto run = run_tool({"query", "bbox", "--layer", mbtiles, "--bbox", "115,-9,116,-8"});
  INFO(run.output);
  CHECK(run.exit_status == 2);
  CHECK(run.output.find("--layer '" + mbtiles + "' is an SQLite database") != std::string::npos);
}

TEST_CASE("query: a GeoPackage as --layer suggests convert", "[query]") {
  const std::string geopackage = write_utm_geopackage(fresh_work_folder("query-gpkg"));
  const auto run = run_tool({"query", "nearest", "--layer", geopackage, "--lon", "115.17", "--lat", "-8.65"});
  INFO(run.output);
  CHECK(run.exit_status == 2);
  CHECK(run.output.find("--layer '" + geopackage + "' is a GeoPackage, not GeoJSON: convert it first, e.g. "
                        "badung-geodata convert '" + geopackage + "' kantor.geojson") != std::string::npos);
  CHECK(run.output.find("MBTiles") == std::string::npos);
}

TEST_CASE("query: an unknown --category names the known ones", "[query][data]") {
  const std::string data = built_data_folder();
  const auto run = run_tool({"query", "nearest", "--layer", data + "/layers/sekolah.geojson", "--layer",
                             data + "/layers/faskes.geojson", "--lon", "115.17", "--lat", "-8.65", "--category",
                             "nope"});
  INFO(run.output);
  CHECK(run.exit_status == 2);
  CHECK(run.output.find("invalid --category: unknown category 'nope': use one of pendidikan, kesehatan") !=
        std::string::npos);
}

namespace {

struct Found {
  std::string layer;
  std::string name;
};

/// Searches every built facility and area layer from the Kuta-Denpasar
/// border and returns the hits' layers and names.
std::vector<Found> search_built(const std::string& text) {
  const std::string data = built_data_folder();
  std::vector<std::string> args{"query", "search", "--lon", "115.17", "--lat", "-8.65", "--k", "10"};
  for (const char* id : {"kecamatan", "desa", "sekolah", "faskes", "ibadah", "pantai", "halte", "jalan"}) {
    args.push_back("--layer");
    args.push_back(data + "/layers/" + id + ".geojson");
  }
  args.push_back(text);
  const auto doc = results_of(run_tool(args));
  std::vector<Found> found;
  for (const auto& hit : doc["results"].GetArray()) {
    const auto& name = hit["properties"]["name"];
    found.push_back({hit["layer"].GetString(), name.IsString() ? name.GetString() : ""});
  }
  return found;
}

}  // namespace

TEST_CASE("query search: Badung names, numerals and layer titles", "[query][data]") {
  struct Case {
    std::string text;
    std::string layer;
    std::string name;
  };
  const std::vector<Case> first_hits{
      {"puskesmas mengwi 1", "faskes", "Puskesmas Mengwi I"},
      {"puskesmas abiansemal 1", "faskes", "Puskesmas Abiansemal I"},
      {"pkm mengwi ii", "faskes", "Puskesmas Mengwi II"},
      {"ds. kapal", "desa", "Kapal"},
      {"desa kapal", "desa", "Kapal"},
      {"kel. kuta", "desa", "Kuta"},
      {"kelurahan kuta", "desa", "Kuta"},
      {"kecamatan kuta", "kecamatan", "Kuta"},
      {"kec. kuta", "kecamatan", "Kuta"},
      {"Jl. Raya Uluwatu", "jalan", "Jalan Raya Uluwatu"},
      {"sd 1 kuta", "sekolah", "SD Nomor 1 Kuta"},
      {"sdn 1 mengwi", "sekolah", "SD Negeri 1 Mengwi"},
      {"puskesmass kuta", "faskes", "Puskesmas Kuta Utara"},
  };
  for (const Case& expected : first_hits) {
    INFO("search '" << expected.text << "'");
    const auto found = search_built(expected.text);
    REQUIRE_FALSE(found.empty());
    CHECK(found[0].layer == expected.layer);
    CHECK(found[0].name == expected.name);
  }

  // "kuta": the kelurahan and the kecamatan named Kuta before the places
  // in Kuta Utara and Kuta Selatan.
  const auto kuta = search_built("kuta");
  REQUIRE(kuta.size() >= 2);
  CHECK(kuta[0].name == "Kuta");
  CHECK(kuta[1].name == "Kuta");

  // The faskes title names puskesmas and hospitals, but each feature is
  // found by its own kind only.
  const auto puskesmas = search_built("puskesmas tabanan");
  REQUIRE(puskesmas.size() == 3);
  for (const Found& hit : puskesmas) {
    CHECK(hit.name.rfind("Puskesmas Tabanan ", 0) == 0);
  }
  const auto hospitals = search_built("rumah sakit");
  REQUIRE_FALSE(hospitals.empty());
  for (const Found& hit : hospitals) {
    CHECK(hit.layer == "faskes");
    CHECK(hit.name.rfind("Puskesmas ", 0) == std::string::npos);
  }

  // "halte" is the title of the bus stop layer.
  const auto stops = search_built("halte");
  REQUIRE(stops.size() == 10);
  for (const Found& stop : stops) {
    CHECK(stop.layer == "halte");
  }
}

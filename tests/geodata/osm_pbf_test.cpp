// An .osm.pbf source through GDAL's OSM driver: a named layer inside the
// multi-layer file and an attribute filter, from convert and from a catalog.
// The extract was written as OSM XML from shipped OSM nodes and packed with
// `osmium sort badung_sample.osm -o badung_sample.osm.pbf`.

#include <catch2/catch.hpp>

#include "tool_runner.hpp"

using namespace badung::geodata::test;

TEST_CASE("osm pbf: convert one layer with a filter") {
  const auto out = fresh_work_folder("pbf-convert") + "/beaches.geojson";
  const auto run = run_tool({"convert", test_data("geodata/osm/badung_sample.osm.pbf"), out, "--layer", "points",
                             "--where", "other_tags LIKE '%beach%'"});
  INFO(run.output);
  CHECK(run.exit_status == 0);
  const auto document = read_json(out);
  CHECK(document["features"].Size() == 7);
}

TEST_CASE("osm pbf: unknown layer lists the layers") {
  const auto out = fresh_work_folder("pbf-bad-layer") + "/out.geojson";
  const auto run = run_tool({"convert", test_data("geodata/osm/badung_sample.osm.pbf"), out, "--layer", "roads"});
  INFO(run.output);
  CHECK(run.exit_status == 1);
  CHECK(run.output.find("layer 'roads' not found") != std::string::npos);
  CHECK(run.output.find("multipolygons") != std::string::npos);
}

TEST_CASE("osm pbf: catalog names a layer and filter") {
  const auto folder = fresh_work_folder("pbf-build");
  const auto run = run_tool({"build", "--catalog", test_data("geodata/osm/catalog.json"), "--out", folder});
  INFO(run.output);
  REQUIRE(run.exit_status == 0);

  const auto catalog = read_json(folder + "/catalog.json");
  CHECK(catalog["layers"][0]["feature_count"].GetInt() == 7);
  const auto beaches = read_json(folder + "/layers/pantai.geojson");
  REQUIRE(beaches["features"].Size() == 7);
  CHECK(std::string(beaches["features"][0]["id"].GetString()).rfind("node/", 0) == 0);
  CHECK(beaches["features"][0]["properties"]["name"].IsString());
}

TEST_CASE("osm pbf: convert an SQL selection") {
  const auto out = fresh_work_folder("pbf-sql") + "/stops.gpkg";
  const auto run = run_tool({"convert", test_data("geodata/osm/badung_sample.osm.pbf"), out, "--sql",
                             "SELECT osm_id, name FROM points WHERE highway = 'bus_stop'"});
  INFO(run.output);
  CHECK(run.exit_status == 0);
  CHECK(run.output.find("wrote 3 of 3 features") != std::string::npos);
}

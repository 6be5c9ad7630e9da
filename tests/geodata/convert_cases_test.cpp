// `badung-geodata convert` on variants of the numbered cases: interior
// rings not within their exterior ring (003, through build too), mixed id
// types (006) and GeometryCollection members (009).

#include <fstream>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include <catch2/catch.hpp>
#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "tool_runner.hpp"

using namespace badung::geodata::test;

namespace {

std::string case_file(const std::string& relative) {
  return test_data("cases/" + relative);
}

/// Area (deg²), largest longitude and hole count of one converted feature.
struct Shape {
  double area = 0;
  double max_lon = 0;
  int interior_rings = 0;
};

int count_interior_rings(const OGRGeometry& geometry) {
  const auto type = wkbFlatten(geometry.getGeometryType());
  if (type == wkbPolygon) {
    return geometry.toPolygon()->getNumInteriorRings();
  }
  int count = 0;
  if (OGR_GT_IsSubClassOf(type, wkbGeometryCollection)) {
    for (const auto* member : *geometry.toGeometryCollection()) {
      count += count_interior_rings(*member);
    }
  }
  return count;
}

/// Shapes of a converted file by feature id, read back with OGR.
std::map<std::string, Shape> read_shapes(const std::string& path) {
  GDALDatasetUniquePtr dataset(GDALDataset::Open(path.c_str(), GDAL_OF_VECTOR));
  REQUIRE(dataset);
  std::map<std::string, Shape> shapes;
  for (auto& feature : *dataset->GetLayer(0)) {
    const OGRGeometry* geometry = feature->GetGeometryRef();
    REQUIRE(geometry != nullptr);
    OGREnvelope envelope;
    geometry->getEnvelope(&envelope);
    double area = 0;
    if (OGR_GT_IsSubClassOf(wkbFlatten(geometry->getGeometryType()), wkbGeometryCollection)) {
      area = geometry->toGeometryCollection()->get_Area();
    } else if (wkbFlatten(geometry->getGeometryType()) == wkbPolygon) {
      area = geometry->toPolygon()->get_Area();
    }
    const int id_field = feature->GetFieldIndex("id");
    const std::string id = id_field >= 0 ? feature->GetFieldAsString(id_field) : std::to_string(feature->GetFID());
    shapes[id] = {area, envelope.MaxX, count_interior_rings(*geometry)};
  }
  return shapes;
}


std::unique_ptr<OGRGeometry> to_ogr(const rapidjson::Value& geometry) {
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
  geometry.Accept(writer);
  return std::unique_ptr<OGRGeometry>(OGRGeometryFactory::createFromGeoJson(buffer.GetString()));
}

/// Appends the members of `geometry` that are not GeometryCollections, depth first,
/// with the nesting path of each ("GeometryCollection/GeometryCollection/Polygon").
void collect_leaves(const OGRGeometry& geometry, const std::string& path,
                    std::vector<std::pair<std::string, const OGRGeometry*>>& leaves) {
  const std::string name = OGRGeometryTypeToName(geometry.getGeometryType());
  if (wkbFlatten(geometry.getGeometryType()) != wkbGeometryCollection) {
    leaves.emplace_back(path + name, &geometry);
    return;
  }
  for (const OGRGeometry* member : *geometry.toGeometryCollection()) {
    collect_leaves(*member, path + name + "/", leaves);
  }
}

/// Checks that every polygon of `geometry` runs counter-clockwise outside and clockwise in its holes.
void check_right_hand_winding(const OGRGeometry& geometry) {
  const auto type = wkbFlatten(geometry.getGeometryType());
  if (type == wkbPolygon) {
    const OGRPolygon& polygon = *geometry.toPolygon();
    CHECK_FALSE(polygon.getExteriorRing()->isClockwise());
    for (int i = 0; i < polygon.getNumInteriorRings(); ++i) {
      CHECK(polygon.getInteriorRing(i)->isClockwise());
    }
  } else if (OGR_GT_IsSubClassOf(type, wkbGeometryCollection)) {
    for (const OGRGeometry* member : *geometry.toGeometryCollection()) {
      check_right_hand_winding(*member);
    }
  }
}

/// Features of a GeoJSON file by their string id.
std::map<std::string, const rapidjson::Value*> features_by_id(const rapidjson::Document& document) {
  std::map<std::string, const rapidjson::Value*> features;
  for (const auto& feature : document["features"].GetArray()) {
    REQUIRE(feature["id"].IsString());
    features[feature["id"].GetString()] = &feature;
  }
  return features;
}

}  // namespace

TEST_CASE("convert 003: every stray ring removed") {
  struct Variant {
    std::string file;
    std::string feature;
    std::string warning;  ///< the one expected warning, after "(id ID): "
    double area;
    double max_lon;
    int interior_rings;
  };
  const std::string outside = "interior ring not within exterior ring (it lies outside the exterior ring; ";
  const std::string encloses = "interior ring not within exterior ring (it encloses the exterior ring; ";
  const std::string crosses = "interior ring not within exterior ring (it crosses the exterior ring; ";
  const std::string variants_folder = "003-hole-outside-shell/variants/";
  const std::vector<Variant> variants = {
      {variants_folder + "v1-stray-north.geojson", "1", "ring 1: " + outside, 0.0009, 115.25, 0},
      {variants_folder + "v2-valid-and-stray.geojson", "a", "ring 2: " + outside, 0.0008, 115.25, 1},
      {variants_folder + "v3-multipolygon-stray.geojson", "m", "polygon 1: ring 1: " + outside, 0.0008, 115.16, 0},
      {variants_folder + "v4-stray-inside-neighbour.geojson", "1", "ring 1: " + outside, 0.0009, 115.25, 0},
      {variants_folder + "v5-hole-encloses-shell.geojson", "big", "ring 1: " + encloses, 0.0009, 115.25, 0},
  };
  for (const auto& variant : variants) {
    INFO("source " << variant.file);
    const auto out = fresh_work_folder("case003-variant") + "/out.geojson";
    const auto run = run_tool({"convert", case_file(variant.file), out});
    INFO(run.output);
    CHECK(run.exit_status == 0);
    CHECK(count_lines_with(run.output, "warning:") == 1);
    CHECK(count_lines_with(run.output, "(id " + variant.feature + "): " + variant.warning) == 1);
    CHECK(count_lines_with(run.output, "MakeValid") == 0);

    const auto shapes = read_shapes(out);
    REQUIRE(shapes.count(variant.feature) == 1);
    const Shape& shape = shapes.at(variant.feature);
    CHECK(shape.area == Approx(variant.area).epsilon(1e-9));
    CHECK(shape.max_lon <= variant.max_lon + 1e-12);
    CHECK(shape.interior_rings == variant.interior_rings);
  }
}

TEST_CASE("convert 003: crossing and nested stray rings") {
  const auto out = fresh_work_folder("case003-crossing") + "/out.geojson";
  const auto run = run_tool({"convert", case_file("003-hole-outside-shell/variants/v6-crossing-touching-collection.geojson"),
                             out});
  INFO(run.output);
  CHECK(run.exit_status == 0);
  CHECK(count_lines_with(run.output, "(id cross) \"hole crosses the east edge\": ring 1: interior ring not within "
                                     "exterior ring (it crosses the exterior ring; ring ignored)") == 1);
  CHECK(count_lines_with(run.output, "(id outside-edge) \"hole shares the east edge from outside\": ring 1: interior "
                                     "ring not within exterior ring (it lies outside the exterior ring") == 1);
  CHECK(count_lines_with(run.output, "(id gc) \"enclosing hole in a collection member\": polygon 1: ring 1: "
                                     "interior ring not within exterior ring (it encloses") == 1);
  CHECK(count_lines_with(run.output, "(id multi-enclosing) \"enclosing hole in part 1\": polygon 1: ring 1: "
                                     "interior ring not within exterior ring (it encloses") == 1);
  // A hole inside its shell that shares an edge with it is within: MakeValid repairs it.
  CHECK(count_lines_with(run.output, "(id inside-edge) \"hole shares the west edge from inside\": invalid geometry") == 1);
  CHECK(count_lines_with(run.output, "not within") == 4);

  const auto shapes = read_shapes(out);
  REQUIRE(shapes.size() == 5);
  for (const std::string id : {"cross", "outside-edge", "gc"}) {
    INFO("feature " << id);
    CHECK(shapes.at(id).area == Approx(0.0009).epsilon(1e-9));
    CHECK(shapes.at(id).max_lon <= 115.25 + 1e-12);
    CHECK(shapes.at(id).interior_rings == 0);
  }
  CHECK(shapes.at("multi-enclosing").area == Approx(0.0008).epsilon(1e-9));
  CHECK(shapes.at("multi-enclosing").max_lon <= 115.16 + 1e-12);
}

TEST_CASE("build 003: enclosing ring removed") {
  const auto folder = fresh_work_folder("build-case003");
  std::ofstream(folder + "/catalog.json")
      << R"({"region_code": "51.03", "region_name": "Uji", "coordinate_decimals": 7,)"
      << R"( "sane_extent": [114.4, -8.95, 115.75, -8.0], "layers": [{"id": "lapangan", "title": {"id": "Uji", "en": "Test"},)"
      << R"( "category": "uji", "source": ")" << case_file("003-hole-outside-shell/variants/v5-hole-encloses-shell.geojson")
      << R"(", "geometry_type": "MultiPolygon", "id_template": "{id}", "name": "{name}",)"
      << R"( "agency": "Uji", "licence": "CC0", "attribution": "Uji", "description": "uji", "updated": "2026"}]})";
  const auto run = run_tool({"build", "--catalog", folder + "/catalog.json", "--out", folder + "/out"});
  INFO(run.output);
  CHECK(run.exit_status == 0);
  CHECK(count_lines_with(run.output, "warning: lapangan: feature 1 (id big): ring 1: interior ring not within exterior ring "
                                     "(it encloses the exterior ring; ring ignored) (repaired)") == 1);

  const auto shapes = read_shapes(folder + "/out/layers/lapangan.geojson");
  REQUIRE(shapes.count("big") == 1);
  CHECK(shapes.at("big").area == Approx(0.0009).epsilon(1e-9));
  CHECK(shapes.at("big").max_lon <= 115.25 + 1e-12);
  CHECK(shapes.at("big").interior_rings == 0);
}

TEST_CASE("convert 009: collection members kept in order") {
  for (const std::string file : {"input.geojson", "variants/v1-multi-members.geojson", "variants/v2-three-levels.geojson",
                                 "variants/v3-empty-gc.geojson", "variants/v4-gc-same-winding-hole.geojson"}) {
    INFO("source " << file);
    const auto source_path = case_file("009-geometrycollection/" + file);
    const auto out = fresh_work_folder("case009-variant") + "/out.geojson";
    const auto run = run_tool({"convert", source_path, out});
    INFO(run.output);
    CHECK(run.exit_status == 0);

    const auto source = read_json(source_path);
    const auto output = read_json(out);
    const auto converted = features_by_id(output);
    REQUIRE(converted.size() == source["features"].Size());
    for (const auto& feature : source["features"].GetArray()) {
      const std::string id = feature["id"].GetString();
      INFO("feature " << id);
      REQUIRE(converted.count(id) == 1);
      const auto& written = (*converted.at(id))["geometry"];
      if (std::string(feature["geometry"]["type"].GetString()) == "GeometryCollection" &&
          feature["geometry"]["geometries"].Empty()) {
        CHECK(written.IsNull());  // an empty collection is kept without geometry, with a warning
        continue;
      }
      const auto expected_geometry = to_ogr(feature["geometry"]);
      const auto written_geometry = to_ogr(written);
      REQUIRE(expected_geometry);
      REQUIRE(written_geometry);

      std::vector<std::pair<std::string, const OGRGeometry*>> expected;
      std::vector<std::pair<std::string, const OGRGeometry*>> actual;
      collect_leaves(*expected_geometry, "", expected);
      collect_leaves(*written_geometry, "", actual);
      REQUIRE(actual.size() == expected.size());
      for (std::size_t i = 0; i < expected.size(); ++i) {
        INFO("member " << i << " " << expected[i].first);
        CHECK(actual[i].first == expected[i].first);
        // Topologically equal: the same positions, whatever the ring direction.
        CHECK(actual[i].second->Within(expected[i].second));
        CHECK(actual[i].second->Contains(expected[i].second));
      }
      check_right_hand_winding(*written_geometry);
    }
  }
}

TEST_CASE("convert 009: invalid member repaired alone") {
  const auto out = fresh_work_folder("case009-invalid-member") + "/out.geojson";
  const auto run = run_tool({"convert", case_file("009-geometrycollection/variants/v5-invalid-member.geojson"), out});
  INFO(run.output);
  CHECK(run.exit_status == 0);
  CHECK(count_lines_with(run.output, "(id bowtie-member) \"point, bowtie polygon and line\": invalid geometry "
                                     "(Self-intersection") == 1);

  const auto output = read_json(out);
  const auto converted = features_by_id(output);
  const auto bowtie = to_ogr((*converted.at("bowtie-member"))["geometry"]);
  REQUIRE(bowtie);
  std::vector<std::pair<std::string, const OGRGeometry*>> members;
  collect_leaves(*bowtie, "", members);
  REQUIRE(members.size() == 3);
  CHECK(members[0].first == "Geometry Collection/Point");
  CHECK(members[1].first == "Geometry Collection/Multi Polygon");
  CHECK(members[2].first == "Geometry Collection/Line String");
  CHECK(members[1].second->toMultiPolygon()->get_Area() == Approx(4.5e-6).epsilon(1e-9));
  check_right_hand_winding(*bowtie);

  // The clockwise polygon is written counter-clockwise, and positions keep 9 decimals.
  const auto& nested = (*converted.at("clockwise"))["geometry"]["geometries"];
  REQUIRE(nested.Size() == 2);
  CHECK(std::string(nested[0]["type"].GetString()) == "GeometryCollection");
  CHECK(nested[0]["geometries"].Size() == 2);
  CHECK(nested[1]["coordinates"][0].GetDouble() == 115.212345679);
  CHECK(nested[1]["coordinates"][1].GetDouble() == -8.671234568);
  check_right_hand_winding(*to_ogr((*converted.at("clockwise"))["geometry"]));
}

TEST_CASE("convert 009: GeoJSON sequence keeps members") {
  const auto folder = fresh_work_folder("case009-sequence");
  const auto run = run_tool({"convert", case_file("009-geometrycollection/input.geojson"), folder + "/out.geojsonl"});
  INFO(run.output);
  CHECK(run.exit_status == 0);
  std::ifstream file(folder + "/out.geojsonl");
  std::string line;
  std::vector<std::string> lines;
  while (std::getline(file, line)) {
    lines.push_back(line);
  }
  REQUIRE(lines.size() == 3);
  rapidjson::Document first;
  first.Parse(lines[0].c_str());
  REQUIRE_FALSE(first.HasParseError());
  CHECK(std::string(first["id"].GetString()) == "tps-01");
  CHECK(first["geometry"]["geometries"].Size() == 3);
}

namespace {

/// Returns the ids of a GeoJSON file as JSON text: "7" for a number, "\"ln\"" for a string, "none" without one.
std::vector<std::string> read_typed_ids(const std::string& path) {
  const auto document = read_json(path);
  std::vector<std::string> ids;
  for (const auto& feature : document["features"].GetArray()) {
    if (!feature.HasMember("id")) {
      ids.emplace_back("none");
      continue;
    }
    rapidjson::StringBuffer buffer;
    rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
    feature["id"].Accept(writer);
    ids.emplace_back(buffer.GetString());
  }
  return ids;
}

}  // namespace

TEST_CASE("convert 006: ids keep their type") {
  // Each source's ids as JSON text, in order; the converted file must give the same.
  const std::string folder = "006-null-geometry-feature/";
  for (const std::string file : {"input.geojson", "variants/v1-null-first.geojson",
                                 "variants/v1b-null-first-string-ids.geojson", "variants/v2-both-null.geojson",
                                 "variants/v3-null-polygon-layer.geojson", "variants/v4-mixed-id-types.geojson"}) {
    INFO("source " << file);
    const auto out = fresh_work_folder("case006-variant") + "/out.geojson";
    const auto run = run_tool({"convert", case_file(folder + file), out});
    INFO(run.output);
    CHECK(run.exit_status == 0);
    CHECK(read_typed_ids(out) == read_typed_ids(case_file(folder + file)));
  }
  CHECK(read_typed_ids(case_file(folder + "variants/v1-null-first.geojson")) ==
        std::vector<std::string>{"7", "\"ln\"", "\"pt\""});
}

TEST_CASE("convert 006: mixed ids in other formats") {
  // GDAL reads "ln" and "pt" with FID 0 after the numeric id 7; GeoPackage
  // rejected the second FID 0 and lost a feature.
  const auto folder = fresh_work_folder("case006-formats");
  const auto source = case_file("006-null-geometry-feature/variants/v1-null-first.geojson");
  for (const std::string name : {"out.gpkg", "out.csv"}) {
    INFO("output " << name);
    const auto run = run_tool({"convert", source, folder + "/" + name});
    INFO(run.output);
    CHECK(run.exit_status == 0);
    CHECK(count_lines_with(run.output, "wrote 3 of 3 features") == 1);

    GDALDatasetUniquePtr dataset(GDALDataset::Open((folder + "/" + name).c_str(), GDAL_OF_VECTOR));
    REQUIRE(dataset);
    std::vector<std::string> ids;
    for (auto& feature : *dataset->GetLayer(0)) {
      ids.emplace_back(feature->GetFieldAsString("id"));
    }
    CHECK(ids == std::vector<std::string>{"7", "ln", "pt"});
  }

  // Problems name the string id, not GDAL's FID 0.
  std::ofstream(folder + "/broken.geojson")
      << R"({"type":"FeatureCollection","features":[)"
      << R"({"type":"Feature","id":7,"properties":{},"geometry":{"type":"Point","coordinates":[115.17,-8.72]}},)"
      << R"({"type":"Feature","id":"swapped","properties":{},"geometry":{"type":"Point","coordinates":[-8.72,115.17]}}]})";
  const auto run = run_tool({"convert", folder + "/broken.geojson", folder + "/broken-out.geojson"});
  INFO(run.output);
  CHECK(run.exit_status == 1);
  CHECK(count_lines_with(run.output, "(id swapped): latitude") == 1);
  CHECK(read_typed_ids(folder + "/broken-out.geojson") == std::vector<std::string>{"7"});
}

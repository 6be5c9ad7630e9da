// `badung-geodata convert` on variants of the numbered cases: interior
// rings not within their exterior ring (003), mixed id types (006) and
// GeometryCollection members (009).

#include <fstream>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include <catch2/catch.hpp>
#include <gdal_priv.h>
#include <ogrsf_frmts.h>

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

}  // namespace

TEST_CASE("convert 003: every stray ring removed") {
  struct Variant {
    std::string file;
    std::string feature;
    std::string warning;  ///< the one expected warning, after "feature ID: "
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
    CHECK(count_lines_with(run.output, "feature " + variant.feature + ": " + variant.warning) == 1);
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
  CHECK(count_lines_with(run.output, "feature cross \"hole crosses the east edge\": ring 1: interior ring not within "
                                     "exterior ring (it crosses the exterior ring; ring ignored)") == 1);
  CHECK(count_lines_with(run.output, "feature outside-edge \"hole shares the east edge from outside\": ring 1: interior "
                                     "ring not within exterior ring (it lies outside the exterior ring") == 1);
  CHECK(count_lines_with(run.output, "feature gc \"enclosing hole in a collection member\": polygon 1: ring 1: "
                                     "interior ring not within exterior ring (it encloses") == 1);
  CHECK(count_lines_with(run.output, "feature multi-enclosing \"enclosing hole in part 1\": polygon 1: ring 1: "
                                     "interior ring not within exterior ring (it encloses") == 1);
  // A hole inside its shell that shares an edge with it is within: MakeValid repairs it.
  CHECK(count_lines_with(run.output, "feature inside-edge \"hole shares the west edge from inside\": invalid geometry") == 1);
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
  CHECK(count_lines_with(run.output, "warning: lapangan: feature big: ring 1: interior ring not within exterior ring "
                                     "(it encloses the exterior ring; ring ignored) (repaired)") == 1);

  const auto shapes = read_shapes(folder + "/out/layers/lapangan.geojson");
  REQUIRE(shapes.count("big") == 1);
  CHECK(shapes.at("big").area == Approx(0.0009).epsilon(1e-9));
  CHECK(shapes.at("big").max_lon <= 115.25 + 1e-12);
  CHECK(shapes.at("big").interior_rings == 0);
}

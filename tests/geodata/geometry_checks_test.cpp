// The geometry rules of the ingest library, called directly.

#include <catch2/catch.hpp>

#include "errors.hpp"
#include "geometry_checks.hpp"
#include "spatial_reference.hpp"
#include "templates.hpp"

using namespace badung::geodata;

namespace {

std::unique_ptr<OGRGeometry> from_wkt(const char* wkt) {
  OGRGeometry* geometry = nullptr;
  REQUIRE(OGRGeometryFactory::createFromWkt(wkt, nullptr, &geometry) == OGRERR_NONE);
  return std::unique_ptr<OGRGeometry>(geometry);
}

}  // namespace

TEST_CASE("shape issues: multipolygon parts and rings") {
  const auto geometry = from_wkt(
      "MULTIPOLYGON(((0 0,1 0,1 1,0 0)),((0 0,2 0,2 2,0 2,0 0),(0.5 0.5,1 0.5,0.5 0.5)),((5 5,6 5,6 6,5 6)))");
  const auto issues = find_shape_issues(*geometry);
  REQUIRE(issues.size() == 2);
  CHECK(issues[0].part == 1);
  CHECK(issues[0].ring == 1);
  CHECK(issues[0].code == "ring_too_short");
  CHECK(issues[1].part == 2);
  CHECK(issues[1].ring == 0);
  CHECK(issues[1].code == "ring_not_closed");
}

TEST_CASE("shape issues: one-position line") {
  const auto geometry = from_wkt("LINESTRING(115 -8)");
  const auto issues = find_shape_issues(*geometry);
  REQUIRE(issues.size() == 1);
  CHECK(issues[0].code == "line_too_short");
}

TEST_CASE("lon/lat range: swapped axes named") {
  const auto swapped = from_wkt("POINT(-8.72 115.17)");
  const auto reason = find_outside_lon_lat(*swapped);
  REQUIRE(reason);
  CHECK(reason->find("latitude") != std::string::npos);
  CHECK_FALSE(find_outside_lon_lat(*from_wkt("POINT(115.17 -8.72)")));
}

TEST_CASE("repair: bowtie becomes valid multipolygon") {
  const auto bowtie = from_wkt("POLYGON((0 0,1 1,1 0,0 1,0 0))");
  REQUIRE(invalidity_reason(*bowtie));
  const auto repaired = repair(*bowtie);
  REQUIRE(repaired);
  CHECK_FALSE(invalidity_reason(*repaired));
  CHECK(repaired->toGeometryCollection()->getNumGeometries() == 2);
  CHECK(repaired->toMultiPolygon()->get_Area() == Approx(0.5));
}

TEST_CASE("fit to type: promote and extract") {
  auto promoted = fit_to_type(from_wkt("POLYGON((0 0,1 0,1 1,0 0))"), wkbMultiPolygon);
  REQUIRE(promoted);
  CHECK(wkbFlatten(promoted->getGeometryType()) == wkbMultiPolygon);

  auto extracted = fit_to_type(from_wkt("GEOMETRYCOLLECTION(POINT(0 0),POLYGON((0 0,1 0,1 1,0 0)))"), wkbMultiPolygon);
  REQUIRE(extracted);
  CHECK(extracted->toGeometryCollection()->getNumGeometries() == 1);

  CHECK_FALSE(fit_to_type(from_wkt("POINT(0 0)"), wkbMultiPolygon));
}

TEST_CASE("names: spaces and capitals") {
  CHECK(normalise_name("  SD NEGERI  1   KUTA ", true) == "SD Negeri 1 Kuta");
  CHECK(normalise_name("Puskesmas ABIANSEMAL III", true) == "Puskesmas Abiansemal III");
  CHECK(normalise_name("RS Khusus Bedah BIMC", true) == "RS Khusus Bedah BIMC");
  CHECK(normalise_name("SMKS TI UDAYANA", true) == "SMKS TI Udayana");
  CHECK(normalise_name("SMAS DWIJENDRA", true) == "SMAS Dwijendra");
  CHECK(normalise_name("SDS BINTANG MANDIRI", true) == "SDS Bintang Mandiri");
  CHECK(normalise_name("SMA CERDAS INSAN SEJAHTERA (CIS) BALI", true) == "SMA Cerdas Insan Sejahtera (CIS) Bali");
  CHECK(normalise_name("SLB D YPAC CABANG BALI", true) == "SLB D YPAC Cabang Bali");
  CHECK(normalise_name("SD NEGERI 1 (KUTA TENGAH)", true) == "SD Negeri 1 (Kuta Tengah)");
  CHECK(normalise_name("Pantai  Kuta", false) == "Pantai Kuta");
}

TEST_CASE("UTM zone: Badung is 50S") {
  // Case 017's points and the corners of Badung.
  CHECK(utm_epsg_for(115.17, -8.72) == 32750);
  CHECK(utm_epsg_for(115.2125, -8.6508) == 32750);
  CHECK(utm_epsg_for(115.0875, -8.5483) == 32750);
  CHECK(utm_epsg_for(115.05, -8.85) == 32750);
  CHECK(utm_epsg_for(115.30, -8.45) == 32750);
  CHECK(utm_epsg_for(115.17, 1.0) == 32650);
  CHECK(utm_epsg_for(120.5, -8.6) == 32751);
  CHECK_THROWS_AS(utm_epsg_for(115.17, -85.0), InputError);
}

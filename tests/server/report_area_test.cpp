#include "cityd_process.hpp"

#include "server/report_area.hpp"

#include <catch2/catch.hpp>
#include <httplib.h>

#include <fstream>

using namespace badung::cityd;
using namespace badung::cityd::test;

namespace {

// A square shell 115.10..115.20 E, 8.80..8.70 S with a hole 115.14..115.16 E.
ReportArea square_with_hole(double margin_m) {
    AreaPolygon polygon;
    polygon.rings = {
        {{115.10, -8.80}, {115.20, -8.80}, {115.20, -8.70}, {115.10, -8.70}, {115.10, -8.80}},
        {{115.14, -8.76}, {115.16, -8.76}, {115.16, -8.74}, {115.14, -8.74}, {115.14, -8.76}},
    };
    return ReportArea(LonLatBox{115.0, -8.9, 115.3, -8.6}, {polygon}, margin_m, "test");
}

int post_status(httplib::Client& client, const std::string& lat, const std::string& lon) {
    const auto res = client.Post("/open311/v2/requests.json", "service_code=SMP-01&lat=" + lat + "&long=" + lon,
                                 "application/x-www-form-urlencoded");
    REQUIRE(res);
    return res->status;
}

} // namespace

TEST_CASE("report area polygon with hole", "[unit][area]") {
    const ReportArea area = square_with_hole(200);
    CHECK(area.contains(115.12, -8.78));
    CHECK_FALSE(area.contains(115.15, -8.75)); // in the hole, 1 km from its edges
    CHECK(area.contains(115.2015, -8.75));     // about 165 m east of the shell
    CHECK_FALSE(area.contains(115.205, -8.75)); // about 550 m east of the shell
    CHECK_FALSE(area.contains(115.35, -8.75));  // outside the bbox
}

TEST_CASE("report area bbox alone", "[unit][area]") {
    const ReportArea area(LonLatBox{115.0, -8.9, 115.3, -8.6}, {}, 200, "");
    CHECK(area.contains(115.0, -8.9)); // closed box
    CHECK(area.contains(115.15, -8.75));
    CHECK_FALSE(area.contains(115.31, -8.75));
    CHECK(area.describe().find("115..115.3") != std::string::npos);
}

TEST_CASE("boundary layer narrows the report area", "[open311][area]") {
    TempDir dir;
    const auto config = dir.path() / "cityd.conf";
    std::ofstream(config) << "report_area_layer = kecamatan\nreport_area_margin_m = 200\nservices_file = "
                          << (shipped_config().parent_path() / "services.json").string() << "\n";
    CitydOptions options;
    options.config = config;
    CitydProcess server(options);
    httplib::Client client("127.0.0.1", server.port());
    CHECK(server.wait_for_output("event=report_area_loaded collection=kecamatan polygons=2"));

    // Inside the fixture's Kuta Selatan square (115.10..115.24 E, 8.85..8.74 S).
    CHECK(post_status(client, "-8.80", "115.17") == 201);
    // Within the report bbox but between the two polygons, like Kota Denpasar.
    CHECK(post_status(client, "-8.60", "115.17") == 400);
    // About 55 m and 550 m east of the square's east edge.
    CHECK(post_status(client, "-8.80", "115.2405") == 201);
    CHECK(post_status(client, "-8.80", "115.245") == 400);

    const auto res = client.Post("/open311/v2/requests.json", "service_code=SMP-01&lat=-8.6&long=115.17",
                                 "application/x-www-form-urlencoded");
    REQUIRE(res);
    CHECK(res->body.find("layer 'kecamatan'") != std::string::npos);
}

TEST_CASE("missing boundary layer falls back to the bbox", "[open311][area]") {
    TempDir dir;
    const auto config = dir.path() / "cityd.conf";
    std::ofstream(config) << "report_area_layer = kabupaten\nservices_file = "
                          << (shipped_config().parent_path() / "services.json").string() << "\n";
    CitydOptions options;
    options.config = config;
    CitydProcess server(options);
    httplib::Client client("127.0.0.1", server.port());

    CHECK(server.wait_for_output("event=report_area_fallback collection=kabupaten"));
    CHECK(post_status(client, "-8.60", "115.17") == 201);
}

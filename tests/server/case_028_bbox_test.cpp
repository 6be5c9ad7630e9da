// Case 028: bbox queries with world-copy longitudes (> 180) and boxes across
// the antimeridian, run against the bbox parser and the real server.
#include "cityd_process.hpp"

#include "server/bbox_parameter.hpp"

#include <catch2/catch.hpp>
#include <httplib.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <algorithm>
#include <fstream>
#include <sstream>

using namespace badung::cityd;
using namespace badung::cityd::test;

namespace {

std::filesystem::path case_dir() {
    return test_data_dir() / "cases" / "028-bbox-wrapped-longitude-antimeridian";
}

rapidjson::Document read_queries() {
    std::ifstream stream(case_dir() / "queries.json");
    std::stringstream text;
    text << stream.rdbuf();
    return parse_json(text.str());
}

// Writes numbers as JSON does (shortest text that reads back the same).
std::string bbox_text(const rapidjson::Value& bbox) {
    std::string text;
    for (const auto& number : bbox.GetArray()) {
        rapidjson::StringBuffer buffer;
        rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
        number.Accept(writer);
        if (!text.empty()) {
            text += ',';
        }
        text += buffer.GetString();
    }
    return text;
}

// A data root with one layer, "pos-pantau", containing the case's input at
// the catalog's "data" path.
void write_case_data_root(const std::filesystem::path& root) {
    std::filesystem::create_directories(root / "case");
    std::filesystem::copy_file(case_dir() / "input.geojson", root / "case" / "input.geojson");
    std::ofstream catalog(root / "catalog.json");
    catalog << R"({"layers": [{"id": "pos-pantau", "title": {"id": "Pos pantau", "en": "Lookout posts"},
                  "licence": "CC0-1.0", "attribution": "test case 028", "data": "case/input.geojson"}]})";
}

void check_box(const LonLatBox& box, double west, double south, double east, double north) {
    CHECK(box.west == Approx(west).margin(1e-9));
    CHECK(box.south == Approx(south).margin(1e-9));
    CHECK(box.east == Approx(east).margin(1e-9));
    CHECK(box.north == Approx(north).margin(1e-9));
}

} // namespace

TEST_CASE("case 028 bbox normalisation", "[bbox][case028]") {
    const auto queries = read_queries();
    for (const auto& query : queries.GetArray()) {
        const std::string id = query["id"].GetString();
        const std::string text = bbox_text(query["bbox"]);
        INFO(id << " bbox=" << text);
        const auto boxes = parse_bbox_parameter(text);

        const auto& expected = query["normalised_request_bbox"];
        if (expected.IsArray()) {
            REQUIRE(boxes.size() == 1);
            check_box(boxes[0], expected[0].GetDouble(), expected[1].GetDouble(), expected[2].GetDouble(),
                      expected[3].GetDouble());
        } else {
            // "split: [west, s, 180, n] and [-180, s, east, n]"
            const auto& bbox = query["bbox"];
            REQUIRE(boxes.size() == 2);
            check_box(boxes[0], bbox[0].GetDouble(), bbox[1].GetDouble(), 180, bbox[3].GetDouble());
            check_box(boxes[1], -180, bbox[1].GetDouble(), bbox[2].GetDouble(), bbox[3].GetDouble());
        }
        for (const auto& box : boxes) {
            CHECK(box.west >= -180);
            CHECK(box.east <= 180);
        }
    }
}

TEST_CASE("case 028 closed edges stay exact", "[bbox][case028]") {
    // Q7: edges exactly through points 2 and 3 must not move by rounding.
    const auto boxes = parse_bbox_parameter("115.17,-8.65,115.29,-8.46");
    REQUIRE(boxes.size() == 1);
    CHECK(boxes[0] == LonLatBox{115.17, -8.65, 115.29, -8.46});
}

TEST_CASE("case 028 queries against the server", "[bbox][case028]") {
    TempDir data_root;
    write_case_data_root(data_root.path());
    CitydOptions options;
    options.data_root = data_root.path();
    CitydProcess server(options);
    httplib::Client client("127.0.0.1", server.port());

    const auto queries = read_queries();
    for (const auto& query : queries.GetArray()) {
        const std::string id = query["id"].GetString();
        const std::string path = "/collections/pos-pantau/items?bbox=" + bbox_text(query["bbox"]);
        INFO(id << ": GET " << path);
        const auto res = client.Get(path.c_str());
        REQUIRE(res);
        REQUIRE(res->status == 200);
        const auto page = parse_json(res->body);

        std::vector<int> ids;
        for (const auto& feature : page["features"].GetArray()) {
            ids.push_back(feature["id"].GetInt());
        }
        std::sort(ids.begin(), ids.end());
        std::vector<int> expected;
        for (const auto& value : query["expect_ids"].GetArray()) {
            expected.push_back(value.GetInt());
        }
        CHECK(ids == expected);
        CHECK(page["numberMatched"].GetInt() == static_cast<int>(expected.size()));
    }
}

TEST_CASE("bbox parameter forms", "[bbox][unit]") {
    SECTION("6 numbers with heights") {
        const auto boxes = parse_bbox_parameter("115,-9,0,116,-8,100");
        REQUIRE(boxes.size() == 1);
        CHECK(boxes[0] == LonLatBox{115, -9, 116, -8});
    }
    SECTION("whole world") {
        const auto boxes = parse_bbox_parameter("-180,-90,180,90");
        REQUIRE(boxes.size() == 1);
        CHECK(boxes[0] == LonLatBox{-180, -90, 180, 90});
    }
    SECTION("west past 180 across the antimeridian") {
        const auto boxes = parse_bbox_parameter("-190,-9,-170,-8");
        REQUIRE(boxes.size() == 2);
        check_box(boxes[0], 170, -9, 180, -8);
        check_box(boxes[1], -180, -9, -170, -8);
    }
    SECTION("world copy with west above east") {
        const auto boxes = parse_bbox_parameter("535,-9,185,-8");
        REQUIRE(boxes.size() == 2);
        check_box(boxes[0], 175, -9, 180, -8);
        check_box(boxes[1], -180, -9, -175, -8);
    }
    SECTION("box ending at 180 meets a feature at -180") {
        const LonLatBox query{170, -9, 180, -8};
        CHECK(query.intersects(LonLatBox{-180, -8.5, -180, -8.5}));
        CHECK_FALSE(query.intersects(LonLatBox{-179, -8.5, -179, -8.5}));
    }
}

TEST_CASE("bbox parameter errors name the value", "[bbox][unit]") {
    const std::pair<const char*, const char*> cases[] = {
        {"1,2,3", "'1,2,3'"},           {"1,2,3,4,5", "5 numbers"}, {"a,-9,116,-8", "'a'"},
        {"115,-9,116,", "''"},          {"115,-95,116,-8", "-95"},  {"115,-8,116,-9", "south"},
        {"inf,-9,116,-8", "'inf'"},     {"115;-9;116;-8", "115;-9;116;-8"},
    };
    for (const auto& [text, named] : cases) {
        INFO("bbox=" << text);
        try {
            parse_bbox_parameter(text);
            FAIL("no error for " << text);
        } catch (const BBoxError& error) {
            CHECK(std::string(error.what()).find(named) != std::string::npos);
        }
    }
}

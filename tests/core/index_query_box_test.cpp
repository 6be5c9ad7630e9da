#include "core/geo/bbox.hpp"
#include "core/index/normalise_bbox.hpp"
#include "core/geojson/reader.hpp"
#include "test_data.hpp"

#include <catch2/catch.hpp>
#include <rapidjson/document.h>

#include <string>
#include <vector>

using namespace badung::geo;
using badung::index::InvalidBBox;
using badung::index::normalise_bbox;
using badung::test::read_test_file;

namespace {

void check_box(const BBox& box, double west, double south, double east, double north) {
    CHECK(box.west == Approx(west).margin(1e-9));
    CHECK(box.south == Approx(south).margin(1e-9));
    CHECK(box.east == Approx(east).margin(1e-9));
    CHECK(box.north == Approx(north).margin(1e-9));
}

} // namespace

TEST_CASE("case 028 query boxes wrap and split", "[index][cases]") {
    const std::string folder = "cases/028-bbox-wrapped-longitude-antimeridian/";
    const auto layer = badung::geojson::read(read_test_file(folder + "input.geojson"));
    REQUIRE(layer.features.size() == 3);

    rapidjson::Document queries;
    queries.Parse(read_test_file(folder + "queries.json").c_str());
    REQUIRE(queries.IsArray());
    REQUIRE(queries.Size() == 7);

    for (const auto& query : queries.GetArray()) {
        INFO("query " << query["id"].GetString());
        const auto& b = query["bbox"];
        const std::vector<BBox> boxes =
            normalise_bbox({b[0].GetDouble(), b[1].GetDouble(), b[2].GetDouble(), b[3].GetDouble()});

        // Ids of the points inside any of the boxes, each once, in layer order.
        std::vector<int> ids;
        for (const auto& feature : layer.features) {
            const LonLat p = feature.geometry->points.at(0);
            for (const BBox& box : boxes) {
                if (box.contains(p)) {
                    ids.push_back(static_cast<int>(feature.id.number()));
                    break;
                }
            }
        }
        std::vector<int> expected;
        for (const auto& id : query["expect_ids"].GetArray()) {
            expected.push_back(id.GetInt());
        }
        CHECK(ids == expected);

        const auto& request = query["normalised_request_bbox"];
        if (request.IsArray()) {
            REQUIRE(boxes.size() == 1);
            check_box(boxes[0], request[0].GetDouble(), request[1].GetDouble(),
                      request[2].GetDouble(), request[3].GetDouble());
        } else {
            // "split: [w, s, 180, n] and [-180, s, e, n]"
            REQUIRE(boxes.size() == 2);
            CHECK(boxes[0].west == b[0].GetDouble());
            CHECK(boxes[0].east == 180.0);
            CHECK(boxes[1].west == -180.0);
            CHECK(boxes[1].east == b[2].GetDouble());
            for (const BBox& box : boxes) {
                CHECK(box.south == b[1].GetDouble());
                CHECK(box.north == b[3].GetDouble());
            }
        }
    }
}

TEST_CASE("query box edge cases", "[index]") {
    CHECK_THROWS_AS(normalise_bbox({0, 10, 1, 5}), InvalidBBox);
    CHECK_THROWS_AS(normalise_bbox({0, NAN, 1, 5}), InvalidBBox);

    const auto clamped = normalise_bbox({115, -100, 116, 100});
    REQUIRE(clamped.size() == 1);
    check_box(clamped[0], 115, -90, 116, 90);

    // West in range, east in the next world copy: split at 180.
    const auto eastward = normalise_bbox({170, 0, 190, 1});
    REQUIRE(eastward.size() == 2);
    check_box(eastward[0], 170, 0, 180, 1);
    check_box(eastward[1], -180, 0, -170, 1);

    const auto whole = normalise_bbox({-180, 0, 180, 1});
    REQUIRE(whole.size() == 1);
    check_box(whole[0], -180, 0, 180, 1);
}

// Unit tests of core/mvt beyond the conformance fixtures: geometry rules,
// per-feature problems, lon/lat conversion and mutated input.

#include "core/mvt/decoder.hpp"
#include "core/mvt/geometry_decoder.hpp"
#include "core/mvt/to_geojson.hpp"
#include "test_data.hpp"

#include <catch2/catch.hpp>

#include <string>

using namespace badung;

namespace {

std::string fixture(const std::string& id) {
    return test::read_test_file("mvt-fixtures/fixtures/" + id + "/tile.mvt");
}

} // namespace

TEST_CASE("mvt geometry: ClosePath in a linestring is fatal", "[mvt]") {
    const auto result = mvt::decode_geometry(mvt::GeomType::linestring, {9, 4, 4, 18, 0, 16, 16, 0, 7});
    REQUIRE(result.problem);
    CHECK(result.problem->fatal);
    CHECK(result.problem->kind == mvt::ErrorKind::command);
    CHECK(result.problem->message.find("ClosePath") != std::string::npos);
}

TEST_CASE("mvt geometry: a huge count is refused before any reserve", "[mvt]") {
    // MoveTo with count 2^29 - 1 and one point: must not allocate for the count.
    const auto result = mvt::decode_geometry(mvt::GeomType::point, {4294967289U, 2, 2});
    REQUIRE(result.problem);
    CHECK(result.problem->kind == mvt::ErrorKind::command_count);
    CHECK(result.problem->message.find("536870911") != std::string::npos);
}

TEST_CASE("mvt geometry: polygons split where a positive ring starts", "[mvt]") {
    // Exterior 0,0 -> 10,0 -> 10,10 (clockwise with y down: positive area),
    // then a hole wound the other way, then a second exterior.
    const std::vector<std::uint32_t> commands = {
        9, 0, 0, 18, 20, 0, 0, 20, 15,   // exterior (0,0) (10,0) (10,10)
        9, 15, 13, 18, 0, 4, 4, 0, 15,   // hole (2,3) (2,5) (4,5): negative
        9, 20, 20, 18, 4, 0, 0, 4, 15,   // exterior (14,15) (16,15) (16,17)
    };
    const auto result = mvt::decode_geometry(mvt::GeomType::polygon, commands);
    REQUIRE_FALSE(result.problem);
    REQUIRE(result.geometry.polygons.size() == 2);
    CHECK(result.geometry.polygons[0].rings.size() == 2);
    CHECK(result.geometry.polygons[1].rings.size() == 1);
    CHECK(result.geometry.polygons[0].rings[1][0] == mvt::TilePoint{2, 3});
    CHECK(mvt::ring_area2(result.geometry.polygons[0].rings[0]) > 0);
}

TEST_CASE("mvt geometry: a reversed polygon is read by its first ring", "[mvt]") {
    // Exterior (0,0) (0,10) (10,10): negative area, then a positive hole.
    const auto result = mvt::decode_geometry(mvt::GeomType::polygon,
                                             {9, 0, 0, 18, 0, 20, 20, 0, 15, 9, 13, 15, 18, 4, 0, 0, 4, 15});
    REQUIRE_FALSE(result.problem);
    REQUIRE(result.geometry.polygons.size() == 1);
    REQUIRE(result.geometry.polygons[0].rings.size() == 2);
    CHECK(mvt::ring_area2(result.geometry.polygons[0].rings[0]) > 0);
    CHECK(mvt::ring_area2(result.geometry.polygons[0].rings[1]) < 0);
}

TEST_CASE("mvt decoder: recoverable problems name layer and feature", "[mvt]") {
    const mvt::Tile tile = mvt::decode_tile(fixture("005"));
    REQUIRE(tile.problems.size() == 1);
    CHECK(tile.problems[0].kind == mvt::ErrorKind::odd_tags);
    CHECK(tile.problems[0].layer == std::size_t{0});
    CHECK(tile.problems[0].feature == std::size_t{0});
    CHECK(tile.problems[0].describe() == "layer 0 feature 0: tags has 1 integers, must be key/value pairs");
}

TEST_CASE("mvt decoder: fatal errors quote the bad value", "[mvt]") {
    try {
        mvt::decode_tile(fixture("012"));
        FAIL("fixture 012 decoded");
    } catch (const mvt::format_error& e) {
        CHECK(std::string(e.what()).find("layer 0: layer version") == 0);
    }
}

TEST_CASE("mvt decoder: fatal errors carry the field offset", "[mvt]") {
    // Field 1 (a varint the decoder skips) takes bytes 0-1, so the layer
    // field that follows starts at byte 2.
    const std::string skipped("\x08\x01", 2);
    const std::string truncated_layer = skipped + std::string("\x1a\x05", 2);
    const std::string nameless_layer = skipped + std::string("\x1a\x02\x78\x02", 4);
    const std::string zero_tag = skipped + std::string("\x00\xff", 2);

    for (const std::string& bytes : {truncated_layer, nameless_layer, zero_tag}) {
        INFO("tile of " << bytes.size() << " bytes");
        try {
            mvt::decode_tile(bytes);
            FAIL("decode_tile accepted a broken tile");
        } catch (const mvt::format_error& error) {
            REQUIRE(error.problem().offset.has_value());
            CHECK(*error.problem().offset == 2);
        }
    }
}

TEST_CASE("mvt to lon/lat: tile corners map to the tile bounds", "[mvt]") {
    const geo::TileId tile{14, 13104, 8636};
    const geo::BBox bounds = geo::tile_bounds(tile);
    const geo::LonLat nw = mvt::to_lon_lat({0, 0}, 4096, tile);
    const geo::LonLat se = mvt::to_lon_lat({4096, 4096}, 4096, tile);
    CHECK(nw.lon == Approx(bounds.west).margin(1e-12));
    CHECK(nw.lat == Approx(bounds.north).margin(1e-12));
    CHECK(se.lon == Approx(bounds.east).margin(1e-12));
    CHECK(se.lat == Approx(bounds.south).margin(1e-12));
}

TEST_CASE("mvt to GeoJSON: values keep their type", "[mvt]") {
    const mvt::Tile tile = mvt::decode_tile(fixture("038"));
    const geojson::Feature f = mvt::to_geojson(tile.layers[0].features[0], 4096, {0, 0, 0});
    REQUIRE(f.geometry);
    CHECK(f.geometry->type == geojson::GeometryType::point);
    CHECK(f.property("string_value")->text == "ello");
    CHECK(f.property("bool_value")->boolean);
    CHECK(f.property("float_value")->number() == Approx(3.1));
    CHECK(f.property("sint_value")->text == "-87948");
    CHECK(f.property("uint_value")->text == "87948");
    CHECK(f.id_text() == "1");
}

TEST_CASE("mvt decoder: truncated and mutated tiles never crash", "[mvt]") {
    for (const char* id : {"019", "022", "038", "043", "056"}) {
        const std::string bytes = fixture(id);
        for (std::size_t cut = 0; cut < bytes.size(); ++cut) {
            for (int flip : {0, 0x01, 0x80, 0xff}) {
                std::string mutated = bytes.substr(0, bytes.size() - cut);
                if (!mutated.empty()) {
                    mutated[cut % mutated.size()] = static_cast<char>(mutated[cut % mutated.size()] ^ flip);
                }
                try {
                    mvt::decode_tile(mutated);
                } catch (const mvt::format_error& e) {
                    CHECK_FALSE(std::string(e.what()).empty());
                }
            }
        }
    }
}

TEST_CASE("mvt geometry: zero-area rings are skipped", "[mvt]") {
    // A flat ring (0,0) (5,0) (10,0), then the exterior (0,0) (10,0) (10,10).
    const auto result = mvt::decode_geometry(mvt::GeomType::polygon,
                                             {9, 0, 0, 18, 10, 0, 10, 0, 15, 9, 19, 0, 18, 20, 0, 0, 20, 15});
    REQUIRE_FALSE(result.problem);
    REQUIRE(result.geometry.polygons.size() == 1);
    CHECK(result.geometry.polygons[0].rings.size() == 1);
}

TEST_CASE("mvt geometry: a polygon of only flat rings is a problem", "[mvt]") {
    const auto result = mvt::decode_geometry(mvt::GeomType::polygon, {9, 0, 0, 18, 10, 0, 10, 0, 15});
    REQUIRE(result.problem);
    CHECK_FALSE(result.problem->fatal);
    CHECK(result.problem->kind == mvt::ErrorKind::degenerate);
}

// Known-hard GeoJSON inputs: each test loads a case and checks the counts,
// ids, boxes and issues that the case fixes.

#include "core/geojson/reader.hpp"
#include "core/geojson/writer.hpp"
#include "test_data.hpp"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

using namespace badung::geojson;
using badung::geo::BBox;
using badung::test::read_test_file;

namespace {

FeatureCollection load_case(const std::string& folder) {
    return read(read_test_file("cases/" + folder + "/input.geojson"));
}

std::vector<std::string> ids_of(const FeatureCollection& collection) {
    std::vector<std::string> ids;
    for (const Feature& feature : collection.features) {
        ids.push_back(feature.id_text());
    }
    return ids;
}

const Feature& feature_by_id(const FeatureCollection& collection, const std::string& id) {
    for (const Feature& feature : collection.features) {
        if (feature.id_text() == id) {
            return feature;
        }
    }
    FAIL("no feature with id " << id);
    throw std::logic_error("unreachable");
}

void check_box(const BBox& box, const BBox& expected) {
    CHECK(box.west == Approx(expected.west).margin(1e-12));
    CHECK(box.south == Approx(expected.south).margin(1e-12));
    CHECK(box.east == Approx(expected.east).margin(1e-12));
    CHECK(box.north == Approx(expected.north).margin(1e-12));
}

} // namespace

TEST_CASE("case 001 holes of any winding load", "[geojson][cases]") {
    const FeatureCollection layer = load_case("001-hole-same-winding");

    CHECK(ids_of(layer) == std::vector<std::string>{"1", "2", "3"});
    CHECK(layer.issues.empty());
    for (const Feature& feature : layer.features) {
        REQUIRE(feature.geometry);
        CHECK(feature.geometry->type == GeometryType::polygon);
        REQUIRE(feature.geometry->polygons.size() == 1);
        CHECK(feature.geometry->polygons[0].rings.size() == 2);
        CHECK(feature.id.kind == Value::Kind::number);
    }
}

TEST_CASE("case 003 stray hole becomes a warning", "[geojson][cases]") {
    const FeatureCollection layer = load_case("003-hole-outside-shell");

    CHECK(ids_of(layer) == std::vector<std::string>{"1", "2"});
    REQUIRE(layer.issues.size() == 1);
    const Issue& issue = layer.issues[0];
    CHECK(issue.severity == Issue::Severity::warning);
    CHECK(issue.code == "hole_outside_shell");
    CHECK(issue.feature_index == 0);
    CHECK(issue.feature_id == "1");
    CHECK(issue.ring == 1);
    CHECK_THAT(issue.message, Catch::Contains("interior ring not within exterior ring"));
    CHECK_THAT(issue.message, Catch::Contains("ring 1"));

    // The stray ring is gone, the exterior stays.
    const Feature& field = feature_by_id(layer, "1");
    REQUIRE(field.geometry->polygons.size() == 1);
    CHECK(field.geometry->polygons[0].rings.size() == 1);
    check_box(field.bbox(), {115.22, -8.62, 115.25, -8.59});

    const Feature& garden = feature_by_id(layer, "2");
    CHECK(garden.geometry->polygons[0].rings.size() == 1);
}

TEST_CASE("case 006 null geometry and null properties", "[geojson][cases]") {
    const FeatureCollection layer = load_case("006-null-geometry-feature");

    CHECK(ids_of(layer) == std::vector<std::string>{"pos-01", "pos-02", "pos-03", "pos-04"});
    CHECK(layer.issues.empty());

    const Feature& unmapped = feature_by_id(layer, "pos-02");
    CHECK_FALSE(unmapped.geometry.has_value());
    CHECK_FALSE(unmapped.has_location());
    CHECK(unmapped.bbox().empty());
    REQUIRE(unmapped.property("name") != nullptr);
    CHECK(unmapped.property("name")->text == "Pos Ronda Banjar Anyar");

    const Feature& bare = feature_by_id(layer, "pos-03");
    CHECK(bare.properties_null);
    CHECK(bare.properties.empty());
    CHECK(bare.has_location());

    std::size_t drawable = 0;
    for (const Feature& feature : layer.features) {
        drawable += feature.has_location() ? 1 : 0;
    }
    CHECK(drawable == 3);
    check_box(layer.bbox(), {115.1650, -8.7300, 115.1809, -8.7110});
}

TEST_CASE("case 006 export keeps nulls", "[geojson][cases]") {
    const FeatureCollection layer = load_case("006-null-geometry-feature");
    const std::string text = write(layer);
    CHECK_THAT(text, Catch::Contains("\"id\":\"pos-02\",\"geometry\":null"));
    CHECK_THAT(text, Catch::Contains("\"properties\":null"));

    const FeatureCollection again = read(text);
    CHECK(ids_of(again) == ids_of(layer));
    CHECK_FALSE(feature_by_id(again, "pos-02").geometry.has_value());
    CHECK(feature_by_id(again, "pos-03").properties_null);
    CHECK(again.issues.empty());
}

TEST_CASE("case 009 geometry collections load", "[geojson][cases]") {
    const FeatureCollection layer = load_case("009-geometrycollection");

    CHECK(ids_of(layer) == std::vector<std::string>{"tps-01", "tps-02", "ctl-01"});
    for (const Issue& issue : layer.issues) {
        CHECK(issue.severity == Issue::Severity::warning);
        CHECK(issue.code == "nested_geometry_collection");
        CHECK(issue.feature_id == "tps-02");
    }

    const Geometry& site = *feature_by_id(layer, "tps-01").geometry;
    CHECK(site.type == GeometryType::geometry_collection);
    REQUIRE(site.members.size() == 3);
    CHECK(site.members[0].type == GeometryType::point);
    CHECK(site.members[1].type == GeometryType::line_string);
    CHECK(site.members[2].type == GeometryType::polygon);
    check_box(site.bbox(), {115.1990, -8.6650, 115.2030, -8.6600});

    const Geometry& nested = *feature_by_id(layer, "tps-02").geometry;
    REQUIRE(nested.members.size() == 2);
    CHECK(nested.members[1].type == GeometryType::geometry_collection);
    REQUIRE(nested.members[1].members.size() == 1);
    CHECK(nested.members[1].members[0].type == GeometryType::polygon);
    check_box(nested.bbox(), {115.2090, -8.6710, 115.2110, -8.6690});
}

TEST_CASE("case 009 export keeps member order", "[geojson][cases]") {
    const FeatureCollection again = read(write(load_case("009-geometrycollection")));

    const Geometry& site = *feature_by_id(again, "tps-01").geometry;
    REQUIRE(site.members.size() == 3);
    CHECK(site.members[0].type == GeometryType::point);
    CHECK(site.members[1].type == GeometryType::line_string);
    CHECK(site.members[2].type == GeometryType::polygon);
    CHECK(feature_by_id(again, "tps-02").geometry->members[1].type ==
          GeometryType::geometry_collection);
}

TEST_CASE("case 011 empty coordinates stay empty", "[geojson][cases]") {
    const FeatureCollection layer = load_case("011-empty-coordinates");

    CHECK(ids_of(layer) == std::vector<std::string>{"e1", "e2", "e3", "e4", "e5", "ok"});
    for (const char* id : {"e1", "e2", "e3", "e4"}) {
        const Feature& feature = feature_by_id(layer, id);
        REQUIRE(feature.geometry);
        CHECK(feature.geometry->empty());
        CHECK_FALSE(feature.has_location());
    }

    // Only e1 to e4 are reported, and only as empty_geometry warnings.
    std::vector<std::string> warned;
    for (const Issue& issue : layer.issues) {
        CHECK(issue.severity == Issue::Severity::warning);
        CHECK(issue.code == "empty_geometry");
        warned.push_back(issue.feature_id);
    }
    CHECK(warned == std::vector<std::string>{"e1", "e2", "e3", "e4"});

    const Feature& mixed = feature_by_id(layer, "e5");
    REQUIRE(mixed.geometry->polygons.size() == 1);
    check_box(mixed.bbox(), {115.19, -8.66, 115.195, -8.655});
    check_box(layer.bbox(), {115.18, -8.66, 115.195, -8.65});
}

TEST_CASE("case 012 broken rings drop their feature", "[geojson][cases]") {
    const FeatureCollection layer = load_case("012-degenerate-ring");

    CHECK(ids_of(layer) == std::vector<std::string>{"d3", "d5"});
    REQUIRE(layer.issues.size() == 3);

    struct Expected {
        std::size_t index;
        const char* id;
        int ring;
        const char* code;
        const char* reason;
    };
    const Expected expected[] = {
        {0, "d1", 0, "ring_too_short", "fewer than 4 positions"},
        {1, "d2", 0, "ring_not_closed", "ring not closed"},
        {3, "d4", 1, "ring_too_short", "fewer than 4 positions"},
    };
    for (std::size_t i = 0; i < 3; ++i) {
        const Issue& issue = layer.issues[i];
        CHECK(issue.severity == Issue::Severity::error);
        CHECK(issue.feature_index == expected[i].index);
        CHECK(issue.feature_id == expected[i].id);
        CHECK(issue.ring == expected[i].ring);
        CHECK(issue.code == expected[i].code);
        CHECK_THAT(issue.message, Catch::Contains(expected[i].reason));
        CHECK_THAT(issue.message, Catch::Contains(expected[i].id));
    }
}

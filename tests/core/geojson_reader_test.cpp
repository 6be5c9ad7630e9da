#include "core/geojson/reader.hpp"

#include <catch2/catch.hpp>

#include <random>
#include <string>

using namespace badung::geojson;

namespace {

// Wraps one geometry's JSON text in a one-feature collection.
std::string collection_of(const std::string& geometry) {
    return R"({"type":"FeatureCollection","features":[{"type":"Feature","id":"f","properties":{},"geometry":)" +
           geometry + "}]}";
}

// Reads a collection expected to drop its only feature; returns the issue.
Issue only_error(const std::string& geometry) {
    const FeatureCollection collection = read(collection_of(geometry));
    CHECK(collection.features.empty());
    REQUIRE(collection.issues.size() == 1);
    CHECK(collection.issues[0].severity == Issue::Severity::error);
    CHECK(collection.issues[0].feature_id == "f");
    return collection.issues[0];
}

const char* const square =
    "[[115.0,-8.0],[115.1,-8.0],[115.1,-7.9],[115.0,-7.9],[115.0,-8.0]]";
const char* const inner_square =
    "[[115.02,-7.98],[115.02,-7.92],[115.08,-7.92],[115.08,-7.98],[115.02,-7.98]]";

} // namespace

TEST_CASE("reader reads every geometry type", "[geojson]") {
    const FeatureCollection collection = read(std::string(R"({"type":"FeatureCollection","features":[
        {"type":"Feature","properties":{},"geometry":{"type":"Point","coordinates":[115.1,-8.7]}},
        {"type":"Feature","properties":{},"geometry":{"type":"MultiPoint","coordinates":[[115.1,-8.7],[115.2,-8.6]]}},
        {"type":"Feature","properties":{},"geometry":{"type":"LineString","coordinates":[[115.1,-8.7],[115.2,-8.6]]}},
        {"type":"Feature","properties":{},"geometry":{"type":"MultiLineString","coordinates":[[[115.1,-8.7],[115.2,-8.6]],[[115.3,-8.7],[115.4,-8.6],[115.5,-8.5]]]}},
        {"type":"Feature","properties":{},"geometry":{"type":"Polygon","coordinates":[)") +
                                              square + "," + inner_square + R"(]}},
        {"type":"Feature","properties":{},"geometry":{"type":"MultiPolygon","coordinates":[[)" +
                                              square + "],[" + inner_square + R"(]]}},
        {"type":"Feature","properties":{},"geometry":{"type":"GeometryCollection","geometries":[
            {"type":"Point","coordinates":[115.1,-8.7]},
            {"type":"GeometryCollection","geometries":[{"type":"LineString","coordinates":[[115.1,-8.7],[115.2,-8.6]]}]}]}}
    ]})");

    REQUIRE(collection.features.size() == 7);
    const GeometryType types[] = {
        GeometryType::point,           GeometryType::multi_point,
        GeometryType::line_string,     GeometryType::multi_line_string,
        GeometryType::polygon,         GeometryType::multi_polygon,
        GeometryType::geometry_collection,
    };
    for (std::size_t i = 0; i < 7; ++i) {
        REQUIRE(collection.features[i].geometry);
        CHECK(collection.features[i].geometry->type == types[i]);
        CHECK(collection.features[i].source_index == i);
    }

    const Geometry& point = *collection.features[0].geometry;
    REQUIRE(point.points.size() == 1);
    CHECK(point.points[0] == Position{115.1, -8.7});

    CHECK(collection.features[1].geometry->points.size() == 2);
    CHECK(collection.features[2].geometry->lines.size() == 1);
    REQUIRE(collection.features[3].geometry->lines.size() == 2);
    CHECK(collection.features[3].geometry->lines[1].size() == 3);

    const Geometry& polygon = *collection.features[4].geometry;
    REQUIRE(polygon.polygons.size() == 1);
    REQUIRE(polygon.polygons[0].rings.size() == 2);
    CHECK(polygon.polygons[0].rings[1][0] == Position{115.02, -7.98});

    CHECK(collection.features[5].geometry->polygons.size() == 2);

    const Geometry& nested = *collection.features[6].geometry;
    REQUIRE(nested.members.size() == 2);
    CHECK(nested.members[1].members[0].type == GeometryType::line_string);

    // The nested collection is kept and reported once as a warning.
    REQUIRE(collection.issues.size() == 1);
    CHECK(collection.issues[0].code == "nested_geometry_collection");
    CHECK(collection.issues[0].severity == Issue::Severity::warning);
    CHECK(collection.issues[0].feature_index == 6);
}

TEST_CASE("reader keeps properties of every JSON type", "[geojson]") {
    const FeatureCollection collection = read(R"({"type":"Feature","id":7,"geometry":null,
        "properties":{"s":"Puskesmas Kuta \u00e9","i":42,"neg":-3,"big":12345678901234567890,
        "f":0.1,"e":1e-7,"t":true,"no":false,"n":null,"a":[1,"x",[null]],"o":{"k":{"z":1.5}}}})");

    REQUIRE(collection.features.size() == 1);
    const Feature& feature = collection.features[0];
    CHECK(feature.id.kind == Value::Kind::number);
    CHECK(feature.id_text() == "7");
    REQUIRE(feature.properties.size() == 11);

    CHECK(feature.property("s")->kind == Value::Kind::string);
    CHECK(feature.property("s")->text == "Puskesmas Kuta \xC3\xA9");
    CHECK(feature.property("i")->text == "42");
    CHECK(feature.property("i")->number() == 42.0);
    CHECK(feature.property("neg")->number() == -3.0);
    CHECK(feature.property("big")->text == "12345678901234567890");
    CHECK(feature.property("f")->number() == 0.1);
    CHECK(feature.property("e")->number() == 1e-7);
    CHECK(feature.property("t")->kind == Value::Kind::boolean);
    CHECK(feature.property("t")->boolean);
    CHECK_FALSE(feature.property("no")->boolean);
    CHECK(feature.property("n")->is_null());
    CHECK(feature.property("a")->kind == Value::Kind::array);
    CHECK(feature.property("a")->text == R"([1,"x",[null]])");
    CHECK(feature.property("o")->kind == Value::Kind::object);
    CHECK(feature.property("o")->text == R"({"k":{"z":1.5}})");
    CHECK(feature.property("missing") == nullptr);

    CHECK(feature.property("n")->to_display() == "");
    CHECK(feature.property("t")->to_display() == "true");
    CHECK_THROWS_AS(feature.property("s")->number(), std::domain_error);
}

TEST_CASE("reader keeps string and number ids", "[geojson]") {
    const FeatureCollection collection = read(R"({"type":"FeatureCollection","features":[
        {"type":"Feature","id":"desa-01","properties":{},"geometry":null},
        {"type":"Feature","id":3.5,"properties":{},"geometry":null},
        {"type":"Feature","properties":{},"geometry":null}]})");

    REQUIRE(collection.features.size() == 3);
    CHECK(collection.features[0].id.kind == Value::Kind::string);
    CHECK(collection.features[0].id_text() == "desa-01");
    CHECK(collection.features[1].id.kind == Value::Kind::number);
    CHECK(collection.features[1].id_text() == "3.5");
    CHECK(collection.features[2].id.is_null());
    CHECK(collection.features[2].id_text() == "");
}

TEST_CASE("reader ignores foreign members", "[geojson]") {
    const FeatureCollection collection = read(R"({"type":"FeatureCollection","name":"layer",
        "crs":{"type":"name"},"bbox":[0,0,1,1],"features":[
        {"type":"Feature","title":"x","properties":{"a":1},"bbox":[1,2,3,4],
         "geometry":{"type":"Point","coordinates":[115.1,-8.7,12.5],"extra":{"deep":[1]}}}]})");

    REQUIRE(collection.features.size() == 1);
    CHECK(collection.issues.empty());
    CHECK(collection.features[0].properties.size() == 1);
    CHECK(collection.features[0].geometry->points[0] == Position{115.1, -8.7});
}

TEST_CASE("reader reads a single feature", "[geojson]") {
    const FeatureCollection collection =
        read(R"({"type":"Feature","id":"x","properties":null,"geometry":{"type":"Point","coordinates":[1,2]}})");
    REQUIRE(collection.features.size() == 1);
    CHECK(collection.features[0].id_text() == "x");
    CHECK(collection.features[0].properties_null);
}

TEST_CASE("reader reads a bare geometry", "[geojson]") {
    const FeatureCollection collection =
        read(std::string(R"({"type":"Polygon","coordinates":[)") + square + "]}");
    REQUIRE(collection.features.size() == 1);
    CHECK(collection.features[0].id.is_null());
    CHECK(collection.features[0].geometry->type == GeometryType::polygon);
}

TEST_CASE("reader rejects unreadable documents", "[geojson]") {
    CHECK_THROWS_AS(read(R"({"type":"FeatureCollection","features":[{"type":)"), ParseError);
    CHECK_THROWS_AS(read(""), ParseError);
    CHECK_THROWS_AS(read("[1,2,3]"), ParseError);
    CHECK_THROWS_AS(read("\"FeatureCollection\""), ParseError);
    CHECK_THROWS_AS(read(R"({"type":"FeatureCollection","features":{}})"), ParseError);
    CHECK_THROWS_AS(read(R"({"type":"FeatureCollection"})"), ParseError);
    CHECK_THROWS_AS(read(R"({"type":"Topology","objects":{}})"), ParseError);
    CHECK_THROWS_AS(read(R"({"type":"FeatureCollection","features":[]} trailing)"), ParseError);
    CHECK_THROWS_AS(read(std::string(100000, '[')), ParseError);
}

TEST_CASE("parse error carries the byte offset", "[geojson]") {
    try {
        read(R"({"type":"FeatureCollection","features":[1,})");
        FAIL("expected a ParseError");
    } catch (const ParseError& error) {
        CHECK(error.offset() == 42);
        CHECK_THAT(std::string(error.what()), Catch::Contains("byte 42"));
    }

    try {
        read("  [1]");
        FAIL("expected a ParseError");
    } catch (const ParseError& error) {
        CHECK(error.offset() == 2);
        CHECK_THAT(std::string(error.what()), Catch::Contains("not a JSON object"));
    }
}

TEST_CASE("broken feature among good ones drops alone", "[geojson]") {
    const FeatureCollection collection = read(R"({"type":"FeatureCollection","features":[
        {"type":"Feature","id":"a","properties":{},"geometry":{"type":"Point","coordinates":[115,-8]}},
        {"type":"Feature","id":"b","properties":{},"geometry":{"type":"Point","coordinates":[215,-8]}},
        "not a feature",
        {"type":"Feature","id":"c","properties":[1],"geometry":null},
        {"type":"Feature","id":"d","properties":{},"geometry":{"type":"Point","coordinates":[115,-9]}}]})");

    REQUIRE(collection.features.size() == 2);
    CHECK(collection.features[0].id_text() == "a");
    CHECK(collection.features[1].id_text() == "d");
    CHECK(collection.features[1].source_index == 4);

    REQUIRE(collection.issues.size() == 3);
    CHECK(collection.issues[0].feature_index == 1);
    CHECK(collection.issues[0].code == "lon_out_of_range");
    CHECK_THAT(collection.issues[0].message, Catch::Contains("215"));
    CHECK(collection.issues[1].feature_index == 2);
    CHECK(collection.issues[1].code == "invalid_feature");
    CHECK(collection.issues[2].feature_index == 3);
    CHECK(collection.issues[2].feature_id == "c");
    CHECK(collection.issues[2].code == "invalid_properties");
}

TEST_CASE("position errors name the reason", "[geojson]") {
    CHECK(only_error(R"({"type":"Point","coordinates":[115.1,"-8.7"]})").code ==
          "position_not_numbers");
    CHECK(only_error(R"({"type":"Point","coordinates":[115.1]})").code == "position_too_short");
    CHECK(only_error(R"({"type":"Point","coordinates":[-180.5,-8.7]})").code ==
          "lon_out_of_range");
    CHECK(only_error(R"({"type":"Point","coordinates":[115.1,90.01]})").code ==
          "lat_out_of_range");

    const Issue in_ring = only_error(
        R"({"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,1],[0,0]],[[0.2,0.2],[0.4,null],[0.4,0.4],[0.2,0.2]]]})");
    CHECK(in_ring.code == "position_not_numbers");
    CHECK(in_ring.ring == 1);
}

TEST_CASE("geometry structure errors name the reason", "[geojson]") {
    CHECK(only_error(R"({"type":"Circle","coordinates":[115.1,-8.7]})").code ==
          "unknown_geometry_type");
    CHECK(only_error(R"({"coordinates":[115.1,-8.7]})").code == "invalid_geometry");
    CHECK(only_error(R"({"type":"Point"})").code == "invalid_geometry");
    CHECK(only_error(R"({"type":"GeometryCollection"})").code == "invalid_geometry");
    CHECK(only_error(R"("Point")").code == "invalid_geometry");

    CHECK(only_error(R"({"type":"Point","coordinates":[[115.1,-8.7]]})").code ==
          "wrong_nesting_depth");
    CHECK(only_error(R"({"type":"LineString","coordinates":[115.1,-8.7]})").code ==
          "wrong_nesting_depth");
    CHECK(only_error(std::string(R"({"type":"Polygon","coordinates":)") + square + "}").code ==
          "wrong_nesting_depth");
    CHECK(only_error(std::string(R"({"type":"MultiPolygon","coordinates":[)") + square + "]}")
              .code == "wrong_nesting_depth");
    CHECK(only_error(R"({"type":"LineString","coordinates":[[115.1,-8.7]]})").code ==
          "line_too_short");
}

TEST_CASE("ring errors in a multipolygon name the polygon", "[geojson]") {
    const Issue issue = only_error(std::string(R"({"type":"MultiPolygon","coordinates":[[)") +
                                   square + "],[" + square + R"(,[[0,0],[1,1],[0,0]]]]})");
    CHECK(issue.code == "ring_too_short");
    CHECK(issue.polygon == 1);
    CHECK(issue.ring == 1);
    CHECK_THAT(issue.message, Catch::Contains("polygon 1, ring 1"));
}

TEST_CASE("empty coordinates are kept as empty", "[geojson]") {
    const FeatureCollection collection = read(R"({"type":"FeatureCollection","features":[
        {"type":"Feature","properties":{},"geometry":{"type":"Point","coordinates":[]}},
        {"type":"Feature","properties":{},"geometry":{"type":"MultiLineString","coordinates":[[],[[1,1],[2,2]]]}},
        {"type":"Feature","properties":{},"geometry":{"type":"GeometryCollection","geometries":[]}}]})");

    REQUIRE(collection.features.size() == 3);
    CHECK(collection.features[0].geometry->empty());
    CHECK(collection.features[1].geometry->lines.size() == 1);
    CHECK_FALSE(collection.features[1].geometry->empty());
    CHECK(collection.features[2].geometry->empty());

    REQUIRE(collection.issues.size() == 2);
    CHECK(collection.issues[0].code == "empty_geometry");
    CHECK(collection.issues[0].feature_index == 0);
    CHECK(collection.issues[1].feature_index == 2);
}

TEST_CASE("empty rings make an empty polygon", "[geojson]") {
    const FeatureCollection collection = read(std::string(R"({"type":"FeatureCollection","features":[
        {"type":"Feature","properties":{},"geometry":{"type":"Polygon","coordinates":[[]]}},
        {"type":"Feature","properties":{},"geometry":{"type":"MultiPolygon","coordinates":[[[]],[[],[]]]}},
        {"type":"Feature","properties":{},"geometry":{"type":"Polygon","coordinates":[)") + square + R"(,[]]}},
        {"type":"Feature","properties":{},"geometry":{"type":"Polygon","coordinates":[[],)" + inner_square + R"(]}}]})");

    REQUIRE(collection.features.size() == 3);
    CHECK(collection.features[0].geometry->empty());
    CHECK(collection.features[0].geometry->polygons.empty());
    CHECK(collection.features[1].geometry->empty());
    REQUIRE(collection.features[2].geometry->polygons.size() == 1);
    CHECK(collection.features[2].geometry->polygons[0].rings.size() == 1);

    // An empty exterior ring around a real hole is an error.
    REQUIRE(collection.issues.size() == 3);
    CHECK(collection.issues[0].code == "empty_geometry");
    CHECK(collection.issues[1].code == "empty_geometry");
    CHECK(collection.issues[2].code == "ring_too_short");
    CHECK(collection.issues[2].feature_index == 3);
    CHECK(collection.issues[2].ring == 0);
}

TEST_CASE("hole outside its shell is removed", "[geojson]") {
    // The second hole lies outside; the first is inside and stays.
    const FeatureCollection collection = read(collection_of(
        std::string(R"({"type":"MultiPolygon","coordinates":[[)") + square + "],[" + square + "," +
        inner_square + R"(,[[116,-8],[116.1,-8],[116.1,-7.9],[116,-8]]]]})"));

    REQUIRE(collection.features.size() == 1);
    const Geometry& geometry = *collection.features[0].geometry;
    REQUIRE(geometry.polygons.size() == 2);
    CHECK(geometry.polygons[0].rings.size() == 1);
    CHECK(geometry.polygons[1].rings.size() == 2);

    REQUIRE(collection.issues.size() == 1);
    CHECK(collection.issues[0].code == "hole_outside_shell");
    CHECK(collection.issues[0].polygon == 1);
    CHECK(collection.issues[0].ring == 2);
}

TEST_CASE("number text reads back to the same value", "[geojson]") {
    const FeatureCollection collection = read(R"({"type":"Feature","geometry":null,
        "properties":{"a":1.50,"b":1e5,"c":-0.0,"d":0.30000000000000004,"e":-9007199254740993}})");
    const Feature& feature = collection.features.at(0);

    CHECK(feature.property("a")->text == "1.5");
    CHECK(feature.property("b")->text == "100000.0");
    CHECK(feature.property("b")->number() == 1e5);
    CHECK(feature.property("c")->text == "-0.0");
    CHECK(feature.property("d")->number() == 0.30000000000000004);
    CHECK(feature.property("e")->text == "-9007199254740993");
}

TEST_CASE("reader survives mutated documents", "[geojson]") {
    // Byte flips, cuts and insertions of structural characters in a valid
    // document: each result is a collection or a ParseError, never a crash.
    const std::string original = std::string(R"({"type":"FeatureCollection","features":[
        {"type":"Feature","id":"a","properties":{"n":[1,{"x":null}]},"geometry":{"type":"Polygon","coordinates":[)") +
                                 square + "," + inner_square + R"(]}},
        {"type":"Feature","id":2,"properties":null,"geometry":{"type":"GeometryCollection","geometries":[
            {"type":"Point","coordinates":[115.1,-8.7]},{"type":"LineString","coordinates":[[1,1],[2,2]]}]}}]})";
    const std::string alphabet = "[]{},:\"0-.eE9 nulltrue";

    std::mt19937 random(7);
    std::size_t parsed = 0;
    for (int round = 0; round < 3000; ++round) {
        std::string text = original;
        const int edits = 1 + round % 4;
        for (int e = 0; e < edits; ++e) {
            const std::size_t at = random() % text.size();
            switch (random() % 3) {
            case 0:
                text[at] = alphabet[random() % alphabet.size()];
                break;
            case 1:
                text.erase(at, 1 + random() % 8);
                break;
            default:
                text.insert(at, 1, alphabet[random() % alphabet.size()]);
                break;
            }
        }
        try {
            const FeatureCollection collection = read(text);
            CHECK(collection.features.size() <= 2);
            ++parsed;
        } catch (const ParseError& error) {
            CHECK(error.offset() <= text.size());
        }
    }
    // Some mutations keep the JSON valid, so both paths run.
    CHECK(parsed > 0);
}

TEST_CASE("number too large drops only its feature", "[geojson]") {
    const std::string text = R"({"type":"FeatureCollection","features":[)"
                             R"({"type":"Feature","id":"a","properties":{},"geometry":{"type":"Point","coordinates":[115.1,-8.6]}},)"
                             R"({"type":"Feature","id":"huge","properties":{},"geometry":{"type":"Point","coordinates":[1e999,-8.6]}},)"
                             R"({"type":"Feature","id":"digits","properties":{},"geometry":{"type":"Point","coordinates":[115.1,-)" +
                             std::string(400, '9') +
                             R"(]}},)"
                             R"({"type":"Feature","id":"b","properties":{"big":-2E+400,"n":3},"geometry":{"type":"Point","coordinates":[115.2,-8.7]}}]})";
    const FeatureCollection collection = read(text);

    REQUIRE(collection.features.size() == 2);
    CHECK(collection.features[0].id.text == "a");
    CHECK(collection.features[1].id.text == "b");
    // A huge property value keeps its feature, as the text of the number.
    CHECK(collection.features[1].property("big")->text == "-2E+400");
    CHECK(collection.features[1].property("n")->number() == 3.0);

    REQUIRE(collection.issues.size() == 2);
    CHECK(collection.issues[0].feature_id == "huge");
    CHECK(collection.issues[0].code == "number_out_of_range");
    CHECK_THAT(collection.issues[0].message, Catch::Contains("the number 1e999, which is too large for a double"));
    CHECK(collection.issues[1].feature_id == "digits");
    CHECK(collection.issues[1].code == "number_out_of_range");
}

TEST_CASE("string coordinate is not called huge", "[geojson]") {
    CHECK(only_error(R"({"type":"Point","coordinates":["1e999",-8.6]})").code == "number_out_of_range");
    CHECK(only_error(R"({"type":"Point","coordinates":["115.1",-8.6]})").code == "position_not_numbers");
    CHECK(only_error(R"({"type":"Point","coordinates":["1e9x",-8.6]})").code == "position_not_numbers");
}

TEST_CASE("syntax error after huge number keeps its offset", "[geojson]") {
    // The broken "}" sits at byte 61 of the original text; quoting the
    // numbers before it must not move the reported offset.
    const std::string text = R"({"type":"Point","coordinates":[1e999,2e999],"x":[1e500, 1}})";
    try {
        read(text);
        FAIL("the document was read");
    } catch (const ParseError& error) {
        CHECK(error.offset() == text.find('}'));
        CHECK_THAT(error.what(), Catch::Contains("at byte " + std::to_string(text.find('}'))));
    }
}

TEST_CASE("too many huge numbers reject the document", "[geojson]") {
    std::string numbers;
    for (int i = 0; i < 101; ++i) {
        numbers += (i == 0 ? "" : ",") + std::string("1e999");
    }
    const std::string text = R"({"type":"Feature","properties":{"list":[)" + numbers +
                             R"(]},"geometry":{"type":"Point","coordinates":[115.1,-8.6]}})";
    CHECK_THROWS_WITH(read(text), Catch::Contains("after 100 numbers too large for a double"));
}

TEST_CASE("reader skips a UTF-8 byte order mark", "[geojson]") {
    const std::string text = "\xEF\xBB\xBF" + collection_of(R"({"type":"Point","coordinates":[115.1,-8.6]})");
    const FeatureCollection collection = read(text);
    CHECK(collection.features.size() == 1);
    CHECK(collection.issues.empty());

    // Offsets count the mark's three bytes, as an editor shows the file.
    try {
        read("\xEF\xBB\xBF{\"type\":");
        FAIL("the document was read");
    } catch (const ParseError& error) {
        CHECK(error.offset() == 11);
    }
}

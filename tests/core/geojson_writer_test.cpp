#include "core/geojson/reader.hpp"
#include "core/geojson/writer.hpp"

#include <catch2/catch.hpp>

#include <string>

using namespace badung::geojson;

namespace {

bool same_geometry(const Geometry& a, const Geometry& b) {
    if (a.type != b.type || a.points != b.points || a.lines != b.lines ||
        a.polygons.size() != b.polygons.size() || a.members.size() != b.members.size()) {
        return false;
    }
    for (std::size_t i = 0; i < a.polygons.size(); ++i) {
        if (a.polygons[i].rings != b.polygons[i].rings) {
            return false;
        }
    }
    for (std::size_t i = 0; i < a.members.size(); ++i) {
        if (!same_geometry(a.members[i], b.members[i])) {
            return false;
        }
    }
    return true;
}

void check_same_collection(const FeatureCollection& a, const FeatureCollection& b) {
    REQUIRE(a.features.size() == b.features.size());
    for (std::size_t i = 0; i < a.features.size(); ++i) {
        const Feature& fa = a.features[i];
        const Feature& fb = b.features[i];
        CHECK(fa.id == fb.id);
        CHECK(fa.properties_null == fb.properties_null);
        CHECK(fa.properties == fb.properties);
        REQUIRE(fa.geometry.has_value() == fb.geometry.has_value());
        if (fa.geometry) {
            CHECK(same_geometry(*fa.geometry, *fb.geometry));
        }
    }
}

const char* const every_kind = R"({"type":"FeatureCollection","features":[
    {"type":"Feature","id":"p","properties":{"s":"Jl. Raya \"Kuta\"\n","i":-17,"f":115.123456789012,
     "big":18446744073709551615,"t":true,"no":false,"n":null,"a":[1,[2,{"x":null}]],"o":{"k":"v"}},
     "geometry":{"type":"Point","coordinates":[115.1702,-8.7203]}},
    {"type":"Feature","id":2,"properties":null,"geometry":null},
    {"type":"Feature","properties":{},"geometry":{"type":"MultiPoint","coordinates":[[115.1,-8.7],[115.2,-8.6]]}},
    {"type":"Feature","properties":{},"geometry":{"type":"LineString","coordinates":[[115.1,-8.7],[115.2,-8.6]]}},
    {"type":"Feature","properties":{},"geometry":{"type":"MultiLineString","coordinates":[[[115.1,-8.7],[115.2,-8.6]]]}},
    {"type":"Feature","properties":{},"geometry":{"type":"Polygon","coordinates":[
        [[115.0,-8.0],[115.1,-8.0],[115.1,-7.9],[115.0,-7.9],[115.0,-8.0]],
        [[115.02,-7.98],[115.02,-7.92],[115.08,-7.92],[115.08,-7.98],[115.02,-7.98]]]}},
    {"type":"Feature","properties":{},"geometry":{"type":"MultiPolygon","coordinates":[
        [[[115.0,-8.0],[115.1,-8.0],[115.1,-7.9],[115.0,-7.9],[115.0,-8.0]]]]}},
    {"type":"Feature","properties":{},"geometry":{"type":"GeometryCollection","geometries":[
        {"type":"LineString","coordinates":[[1,1],[2,2]]},{"type":"Point","coordinates":[3,3]},
        {"type":"GeometryCollection","geometries":[{"type":"Point","coordinates":[4,4]}]}]}},
    {"type":"Feature","properties":{},"geometry":{"type":"Polygon","coordinates":[]}}
]})";

} // namespace

TEST_CASE("writer round trip keeps everything", "[geojson][writer]") {
    const FeatureCollection original = read(every_kind);
    REQUIRE(original.features.size() == 9);

    const std::string text = write(original);
    const FeatureCollection again = read(text);
    check_same_collection(original, again);

    // A second write gives the same text: the output is stable.
    CHECK(write(again) == text);
}

TEST_CASE("writer keeps property text exactly", "[geojson][writer]") {
    const std::string text = write(read(every_kind));
    CHECK_THAT(text, Catch::Contains(R"("big":18446744073709551615)"));
    CHECK_THAT(text, Catch::Contains(R"("f":115.123456789012)"));
    CHECK_THAT(text, Catch::Contains(R"("s":"Jl. Raya \"Kuta\"\n")"));
    CHECK_THAT(text, Catch::Contains(R"("a":[1,[2,{"x":null}]])"));
    CHECK_THAT(text, Catch::Contains(R"("n":null)"));
    CHECK_THAT(text, Catch::Contains(R"({"type":"Feature","id":2,"geometry":null,"properties":null})"));
    CHECK_THAT(text, Catch::Contains(R"({"type":"Polygon","coordinates":[]})"));
}

TEST_CASE("writer writes one feature", "[geojson][writer]") {
    Feature feature;
    feature.id = Value{Value::Kind::string, false, "banjar-7"};
    feature.properties.push_back({"nama", Value{Value::Kind::string, false, "Banjar Tegal"}});
    feature.geometry = Geometry{GeometryType::point, {{115.17, -8.72}}, {}, {}, {}};

    CHECK(write(feature) ==
          R"({"type":"Feature","id":"banjar-7","geometry":{"type":"Point","coordinates":[115.17,-8.72]},"properties":{"nama":"Banjar Tegal"}})");
}

// Unit tests of core/style: parsing a v8 style, expressions, legacy
// filters, zoom functions and diagnostics for unsupported input.

#include "core/geojson/reader.hpp"
#include "core/mvt/tile.hpp"
#include "core/style/style.hpp"
#include "test_data.hpp"

#include <catch2/catch.hpp>

#include <map>
#include <random>
#include <string>

using namespace badung;
using style::Color;
using style::Value;

namespace {

// A feature with properties, an id and a geometry type, built in place.
class TestFeature final : public style::FeatureView {
public:
    std::map<std::string, Value, std::less<>> properties;
    Value feature_id;
    std::string type = "Point";

    std::optional<Value> property(std::string_view key) const override {
        const auto it = properties.find(key);
        return it == properties.end() ? std::nullopt : std::optional<Value>(it->second);
    }
    Value id() const override { return feature_id; }
    std::string_view geometry_type() const override { return type; }
};

style::Style parse_layers(const std::string& layers) {
    return style::Style::parse(R"({"version": 8, "sources": {}, "layers": )" + layers + "}");
}

// Parses one layer and returns it; fails the test when it was skipped.
style::Layer one_layer(const std::string& layer_json) {
    const style::Style style = parse_layers("[" + layer_json + "]");
    REQUIRE(style.layers.size() == 1);
    return style.layers.front();
}

bool matches(const std::string& filter, const TestFeature& feature, double zoom = 10) {
    const style::Layer layer = one_layer(R"({"id": "f", "type": "fill", "filter": )" + filter + "}");
    return layer.matches(feature, zoom);
}

bool same_color(Color a, Color b) {
    return a.r == Approx(b.r).margin(1e-3) && a.g == Approx(b.g).margin(1e-3) && a.b == Approx(b.b).margin(1e-3) &&
           a.a == Approx(b.a).margin(1e-3);
}

} // namespace

TEST_CASE("style colour: CSS forms parse", "[style]") {
    CHECK(same_color(*style::parse_color("#2F5BD3"), {47 / 255.0F, 91 / 255.0F, 211 / 255.0F, 1}));
    CHECK(same_color(*style::parse_color("#fff"), {1, 1, 1, 1}));
    CHECK(same_color(*style::parse_color("#ff000080"), {1, 0, 0, 128 / 255.0F}));
    CHECK(same_color(*style::parse_color("rgba(255, 0, 0, 0.5)"), {1, 0, 0, 0.5F}));
    CHECK(same_color(*style::parse_color("rgb(0,128,255)"), {0, 128 / 255.0F, 1, 1}));
    CHECK(same_color(*style::parse_color("hsl(120, 100%, 50%)"), {0, 1, 0, 1}));
    CHECK(same_color(*style::parse_color("transparent"), {0, 0, 0, 0}));
    CHECK_FALSE(style::parse_color("#12345"));
    CHECK_FALSE(style::parse_color("rgb(1,2)"));
    CHECK_FALSE(style::parse_color("blurple"));
}

TEST_CASE("style document: rejects a non-v8 document", "[style]") {
    CHECK_THROWS_AS(style::Style::parse("{"), style::StyleError);
    CHECK_THROWS_AS(style::Style::parse(R"({"version": 7, "layers": []})"), style::StyleError);
    CHECK_THROWS_AS(style::Style::parse(R"({"version": 8})"), style::StyleError);
    CHECK_THROWS_WITH(style::Style::parse(R"({"version": 8, "layers": 3})"), Catch::Contains("layers"));
}

TEST_CASE("style document: sources, glyphs and layer fields", "[style]") {
    const style::Style style = style::Style::parse(R"({
        "version": 8, "name": "t", "glyphs": "http://h/fonts/{fontstack}/{range}.pbf",
        "sources": {"badung": {"type": "vector", "url": "http://h/tiles/badung.json"}},
        "layers": [
            {"id": "bg", "type": "background", "paint": {"background-color": "#A9CFE0"}},
            {"id": "roads", "type": "line", "source": "badung", "source-layer": "jalan",
             "minzoom": 10, "maxzoom": 18, "paint": {"line-width": 2}},
            {"id": "hidden", "type": "circle", "source": "badung", "source-layer": "halte",
             "layout": {"visibility": "none"}}
        ]})");
    CHECK(style.name == "t");
    CHECK(style.glyphs == "http://h/fonts/{fontstack}/{range}.pbf");
    REQUIRE(style.sources.count("badung") == 1);
    CHECK(style.sources.at("badung").url == "http://h/tiles/badung.json");
    REQUIRE(style.layers.size() == 3);
    CHECK(style.diagnostics.empty());

    const style::Layer& roads = *style.find_layer("roads");
    CHECK(roads.type == style::LayerType::line);
    CHECK(roads.source_layer == "jalan");
    CHECK_FALSE(roads.shows_at(9.99));
    CHECK(roads.shows_at(10));
    CHECK(roads.shows_at(17.9));
    CHECK_FALSE(roads.shows_at(18));
    CHECK_FALSE(style.find_layer("hidden")->shows_at(12));
    CHECK(style.layers_of("jalan").size() == 1);
    CHECK(style.find_layer("nope") == nullptr);
}

TEST_CASE("style paint: constants and defaults", "[style]") {
    const style::Layer layer = one_layer(R"({"id": "w", "type": "fill", "paint": {"fill-color": "#2F5BD3"}})");
    CHECK(same_color(layer.paint_color("fill-color", 12), *style::parse_color("#2F5BD3")));
    CHECK(layer.paint_number("fill-opacity", 12) == 1.0);
    CHECK(same_color(layer.paint_color("line-color", 12), {0, 0, 0, 1}));
    CHECK(layer.paint_number("line-width", 12) == 1.0);
    CHECK(layer.paint_number("circle-radius", 12) == 5.0);
}

TEST_CASE("style paint: interpolate linear on zoom", "[style]") {
    const style::Layer layer = one_layer(R"({"id": "l", "type": "line", "paint": {
        "line-width": ["interpolate", ["linear"], ["zoom"], 10, 1, 14, 5],
        "line-color": ["interpolate", ["linear"], ["zoom"], 10, "#000000", 12, "#ffffff"]}})");
    CHECK(layer.paint_number("line-width", 8) == Approx(1));
    CHECK(layer.paint_number("line-width", 10) == Approx(1));
    CHECK(layer.paint_number("line-width", 12) == Approx(3));
    CHECK(layer.paint_number("line-width", 13) == Approx(4));
    CHECK(layer.paint_number("line-width", 20) == Approx(5));
    CHECK(same_color(layer.paint_color("line-color", 11), {0.5F, 0.5F, 0.5F, 1}));
}

TEST_CASE("style paint: interpolate exponential on zoom", "[style]") {
    const style::Layer layer = one_layer(R"({"id": "l", "type": "line", "paint": {
        "line-width": ["interpolate", ["exponential", 2], ["zoom"], 10, 0, 12, 3]}})");
    // t = (2^1 - 1) / (2^2 - 1) = 1/3 at zoom 11.
    CHECK(layer.paint_number("line-width", 11) == Approx(1.0));
    CHECK(layer.paint_number("line-width", 12) == Approx(3.0));
}

TEST_CASE("style paint: step on zoom", "[style]") {
    const style::Layer layer = one_layer(R"({"id": "c", "type": "circle", "paint": {
        "circle-radius": ["step", ["zoom"], 2, 12, 4, 15, 7]}})");
    CHECK(layer.paint_number("circle-radius", 5) == 2);
    CHECK(layer.paint_number("circle-radius", 11.99) == 2);
    CHECK(layer.paint_number("circle-radius", 12) == 4);
    CHECK(layer.paint_number("circle-radius", 14.5) == 4);
    CHECK(layer.paint_number("circle-radius", 15) == 7);
}

TEST_CASE("style paint: legacy zoom function", "[style]") {
    const style::Layer layer = one_layer(R"({"id": "l", "type": "line", "paint": {
        "line-width": {"base": 1, "stops": [[10, 2], [12, 6]]},
        "line-color": {"stops": [[10, "#000000"], [12, "#ffffff"]]}}})");
    CHECK(layer.paint_number("line-width", 11) == Approx(4));
    CHECK(same_color(layer.paint_color("line-color", 12), {1, 1, 1, 1}));
}

TEST_CASE("style paint: match, get and coalesce per feature", "[style]") {
    const style::Layer layer = one_layer(R"({"id": "k", "type": "fill", "paint": {
        "fill-color": ["match", ["get", "name"], "Kuta", "#ff0000", ["Mengwi", "Petang"], "#00ff00", "#0000ff"],
        "fill-opacity": ["coalesce", ["get", "opacity"], 0.4]}})");
    CHECK(layer.paint_is_feature_dependent("fill-color"));
    CHECK_FALSE(layer.paint_is_feature_dependent("line-width"));

    TestFeature kuta;
    kuta.properties["name"] = "Kuta";
    TestFeature petang;
    petang.properties["name"] = "Petang";
    petang.properties["opacity"] = 0.9;
    TestFeature other;
    other.properties["name"] = 7.0;

    CHECK(same_color(layer.paint_color("fill-color", 10, &kuta), {1, 0, 0, 1}));
    CHECK(same_color(layer.paint_color("fill-color", 10, &petang), {0, 1, 0, 1}));
    CHECK(same_color(layer.paint_color("fill-color", 10, &other), {0, 0, 1, 1}));
    CHECK(layer.paint_number("fill-opacity", 10, &kuta) == Approx(0.4));
    CHECK(layer.paint_number("fill-opacity", 10, &petang) == Approx(0.9));
}

TEST_CASE("style paint: wrong type falls back to default", "[style]") {
    const style::Layer layer = one_layer(R"({"id": "l", "type": "line", "paint": {
        "line-width": ["get", "width"]}})");
    TestFeature feature;
    feature.properties["width"] = "wide";
    CHECK(layer.paint_number("line-width", 10, &feature) == 1.0);
    feature.properties["width"] = 3.0;
    CHECK(layer.paint_number("line-width", 10, &feature) == 3.0);
}

TEST_CASE("style filter: comparisons in expression form", "[style]") {
    TestFeature f;
    f.properties["kind"] = "school";
    f.properties["rank"] = 3.0;

    CHECK(matches(R"(["==", ["get", "kind"], "school"])", f));
    CHECK_FALSE(matches(R"(["==", ["get", "kind"], "clinic"])", f));
    CHECK(matches(R"(["!=", ["get", "kind"], "clinic"])", f));
    CHECK(matches(R"(["<", ["get", "rank"], 4])", f));
    CHECK_FALSE(matches(R"([">", ["get", "rank"], 4])", f));
    CHECK(matches(R"([">=", ["get", "rank"], 3])", f));
    // A string compared with a number by < is an evaluation error: no match.
    CHECK_FALSE(matches(R"(["<", ["get", "kind"], 4])", f));
    CHECK(matches(R"([">", ["zoom"], 9])", f, 10));
    CHECK_FALSE(matches(R"([">", ["zoom"], 9])", f, 8));
}

TEST_CASE("style filter: in, has, all, any and match", "[style]") {
    TestFeature f;
    f.properties["kind"] = "school";

    CHECK(matches(R"(["in", ["get", "kind"], ["literal", ["school", "clinic"]]])", f));
    CHECK_FALSE(matches(R"(["in", ["get", "kind"], ["literal", ["park"]]])", f));
    CHECK(matches(R"(["in", "cho", ["get", "kind"]])", f));
    CHECK(matches(R"(["has", "kind"])", f));
    CHECK_FALSE(matches(R"(["has", "name"])", f));
    CHECK(matches(R"(["!has", "name"])", f));
    CHECK(matches(R"(["!", ["has", "name"]])", f));
    CHECK(matches(R"(["all", ["has", "kind"], ["==", ["get", "kind"], "school"]])", f));
    CHECK_FALSE(matches(R"(["all", ["has", "kind"], ["has", "name"]])", f));
    CHECK(matches(R"(["any", ["has", "name"], ["has", "kind"]])", f));
    CHECK_FALSE(matches(R"(["any"])", f));
    CHECK(matches(R"(["all"])", f));
    CHECK(matches(R"(["match", ["get", "kind"], ["school"], true, false])", f));
    CHECK(matches(R"(["==", ["geometry-type"], "Point"])", f));
    CHECK(matches("true", f));
}

TEST_CASE("style filter: legacy forms", "[style]") {
    TestFeature f;
    f.properties["kind"] = "school";
    f.properties["rank"] = 3.0;
    f.feature_id = 42.0;
    f.type = "Polygon";

    CHECK(matches(R"(["==", "kind", "school"])", f));
    CHECK(matches(R"(["!=", "kind", "clinic"])", f));
    CHECK(matches(R"(["!=", "missing", "x"])", f));
    CHECK(matches(R"(["<", "rank", 5])", f));
    CHECK(matches(R"(["in", "kind", "clinic", "school"])", f));
    CHECK_FALSE(matches(R"(["!in", "kind", "clinic", "school"])", f));
    CHECK(matches(R"(["has", "rank"])", f));
    CHECK(matches(R"(["!has", "name"])", f));
    CHECK(matches(R"(["==", "$type", "Polygon"])", f));
    CHECK(matches(R"(["==", "$id", 42])", f));
    CHECK(matches(R"(["all", ["==", "kind", "school"], ["in", "$type", "Polygon"]])", f));
    CHECK_FALSE(matches(R"(["none", ["==", "kind", "school"]])", f));
}

TEST_CASE("style diagnostics: unsupported filter skips the layer", "[style]") {
    const style::Style style = parse_layers(R"([
        {"id": "ok", "type": "fill"},
        {"id": "bad", "type": "fill", "filter": ["within", {"type": "Polygon"}]}
    ])");
    REQUIRE(style.layers.size() == 1);
    CHECK(style.layers[0].id == "ok");
    REQUIRE(style.diagnostics.size() == 1);
    CHECK(style.diagnostics[0].layer_id == "bad");
    CHECK(style.diagnostics[0].property == "filter");
    CHECK_THAT(style.diagnostics[0].message, Catch::Contains("within"));
}

TEST_CASE("style diagnostics: unsupported property is skipped once", "[style]") {
    const style::Style style = parse_layers(R"([
        {"id": "roads", "type": "line", "paint": {
            "line-width": ["*", ["zoom"], 2],
            "line-color": "#ff0000",
            "line-opacity": ["interpolate", ["cubic-bezier", 0, 0, 1, 1], ["zoom"], 1, 0, 2, 1]}}
    ])");
    REQUIRE(style.layers.size() == 1);
    REQUIRE(style.diagnostics.size() == 2);
    CHECK(style.diagnostics[0].layer_id == "roads");
    CHECK(style.diagnostics[0].property == "paint.line-width");
    CHECK_THAT(style.diagnostics[0].message, Catch::Contains("'*'"));
    CHECK(style.diagnostics[1].property == "paint.line-opacity");
    CHECK_THAT(style.diagnostics[1].message, Catch::Contains("cubic-bezier"));

    // The skipped property takes its default, the rest still applies.
    const style::Layer& layer = style.layers[0];
    CHECK(layer.paint_number("line-width", 12) == 1.0);
    CHECK(same_color(layer.paint_color("line-color", 12), {1, 0, 0, 1}));
}

TEST_CASE("style diagnostics: bad layers never crash", "[style]") {
    const style::Style style = parse_layers(R"([
        3,
        {"type": "fill"},
        {"id": "raster", "type": "raster"},
        {"id": "color", "type": "fill", "paint": {"fill-color": "nonsense"}},
        {"id": "arity", "type": "fill", "filter": ["==", ["get", "a"]]},
        {"id": "stops", "type": "line", "paint": {"line-width": ["interpolate", ["linear"], ["zoom"], 5, 1, 3, 2]}},
        {"id": "array", "type": "fill", "filter": ["in", ["get", "a"], [1, 2]]},
        {"id": "paint", "type": "fill", "paint": 5}
    ])");
    CHECK(style.diagnostics.size() == 8);
    // color, stops and paint keep their layer, the others are skipped.
    CHECK(style.layers.size() == 3);
    for (const auto& diagnostic : style.diagnostics) {
        CHECK_FALSE(diagnostic.message.empty());
    }
}

TEST_CASE("style feature view: GeoJSON properties", "[style]") {
    const auto collection = geojson::read(R"({"type": "FeatureCollection", "features": [
        {"type": "Feature", "id": "desa-1", "properties": {"name": "Kuta", "n": 4, "ok": true, "nil": null},
         "geometry": {"type": "MultiPolygon", "coordinates": [[[[0,0],[1,0],[1,1],[0,0]]]]}}]})");
    const style::GeojsonFeatureView view(collection.features.at(0));
    CHECK(view.geometry_type() == "Polygon");
    CHECK(*view.property("name") == Value("Kuta"));
    CHECK(*view.property("n") == Value(4.0));
    CHECK(*view.property("ok") == Value(true));
    CHECK(view.property("nil")->is_null());
    CHECK_FALSE(view.property("missing"));
    CHECK(view.id() == Value("desa-1"));

    const style::Layer layer = one_layer(R"({"id": "d", "type": "fill", "filter": ["all",
        ["==", ["get", "name"], "Kuta"], [">", ["get", "n"], 3], ["==", "$type", "Polygon"]]})");
    CHECK(layer.matches(view, 12));
}

TEST_CASE("style layout: array constants and text-field", "[style]") {
    const style::Style style = parse_layers(R"([
        {"id": "labels", "type": "symbol", "layout": {
            "text-field": ["get", "name"], "text-font": ["Noto Sans Regular"], "text-offset": [0, 1.2],
            "text-size": ["interpolate", ["linear"], ["zoom"], 10, 11, 16, 15]}}
    ])");
    REQUIRE(style.layers.size() == 1);
    CHECK(style.diagnostics.empty());
    const style::Layer& layer = style.layers[0];
    CHECK(layer.layout_value("text-font", 12) == Value(Value::Array{Value("Noto Sans Regular")}));
    CHECK(layer.layout_value("text-offset", 12) == Value(Value::Array{Value(0.0), Value(1.2)}));
    CHECK(*layer.layout_value("text-size", 13).as_number() == Approx(13));

    TestFeature feature;
    feature.properties["name"] = "Kuta";
    CHECK(layer.layout_value("text-field", 12, &feature) == Value("Kuta"));
}

TEST_CASE("style feature view: vector tile properties", "[style]") {
    mvt::Feature feature;
    feature.id = 7;
    feature.type = mvt::GeomType::linestring;
    mvt::Value name;
    name.type = mvt::Value::Type::string;
    name.string = "Jalan Sunset Road";
    mvt::Value lanes;
    lanes.type = mvt::Value::Type::uint;
    lanes.unsigned_integer = 4;
    mvt::Value level;
    level.type = mvt::Value::Type::sint;
    level.integer = -1;
    feature.properties = {{"name", name}, {"lanes", lanes}, {"level", level}};

    const style::MvtFeatureView view(feature);
    CHECK(view.geometry_type() == "LineString");
    CHECK(view.id() == Value(7.0));
    CHECK(*view.property("name") == Value("Jalan Sunset Road"));
    CHECK(*view.property("lanes") == Value(4.0));
    CHECK(*view.property("level") == Value(-1.0));
    CHECK_FALSE(view.property("ref"));

    const style::Layer layer = one_layer(R"({"id": "r", "type": "line", "filter": ["all",
        ["==", "$type", "LineString"], [">=", ["get", "lanes"], 2], ["<", ["get", "level"], 0]],
        "paint": {"line-width": ["match", ["get", "lanes"], 4, 6, 1]}})");
    CHECK(layer.matches(view, 14));
    CHECK(layer.paint_number("line-width", 14, &view) == 6);
}

TEST_CASE("style document: shipped style parses cleanly", "[style]") {
    const style::Style style = style::Style::parse(test::read_test_file("../../geodata/style/badung.json"));
    CHECK(style.diagnostics.empty());
    CHECK(style.layers.size() > 15);
    REQUIRE(style.find_layer("kecamatan-area") != nullptr);

    TestFeature kuta;
    kuta.type = "Polygon";
    kuta.properties["name"] = "Kuta";
    const style::Layer& area = *style.find_layer("kecamatan-area");
    CHECK(same_color(area.paint_color("fill-color", 12, &kuta), *style::parse_color("#A8D5A2")));
    CHECK(area.paint_number("fill-opacity", 12) == Approx(0.55));
}

TEST_CASE("style document: area labels give way at street level", "[style]") {
    const style::Style style = style::Style::parse(test::read_test_file("../../geodata/style/badung.json"));
    const style::Layer* kecamatan = style.find_layer("kecamatan-label");
    const style::Layer* desa = style.find_layer("desa-label");
    const style::Layer* health = style.find_layer("health-label");
    const style::Layer* school = style.find_layer("facility-label");
    REQUIRE(kecamatan != nullptr);
    REQUIRE(desa != nullptr);
    REQUIRE(health != nullptr);
    REQUIRE(school != nullptr);

    CHECK(kecamatan->shows_at(14.9));
    CHECK_FALSE(kecamatan->shows_at(15));
    CHECK(desa->shows_at(15.9));
    CHECK_FALSE(desa->shows_at(16));
    CHECK_FALSE(desa->shows_at(17));
    // From zoom 16 no area label competes with the facility labels.
    CHECK(health->shows_at(16));
    CHECK(school->shows_at(16));
}

TEST_CASE("style document: mutated styles never crash", "[style][robustness]") {
    const std::string seed = test::read_test_file("../../geodata/style/badung.json");
    std::mt19937 random(20261205);
    std::uniform_int_distribution<int> byte(0, 255);
    TestFeature feature;
    feature.properties["name"] = "Kuta";

    int parsed = 0;
    for (int i = 0; i < 2'000; ++i) {
        std::string text = seed;
        for (int edit = 0; edit < 3; ++edit) {
            std::uniform_int_distribution<std::size_t> where(0, text.size() - 1);
            text[where(random)] = static_cast<char>(byte(random));
        }
        try {
            const style::Style style = style::Style::parse(text);
            ++parsed;
            for (const style::Layer& layer : style.layers) {
                for (const double zoom : {0.0, 12.3, 30.0}) {
                    (void)layer.matches(feature, zoom);
                    for (const auto& [name, expression] : layer.paint) {
                        (void)layer.paint_value(name, zoom, &feature);
                    }
                    for (const auto& [name, expression] : layer.layout) {
                        (void)layer.layout_value(name, zoom, &feature);
                    }
                }
            }
        } catch (const style::StyleError&) {
            // Broken JSON or no v8 document: the typed error is the contract.
        }
    }
    CHECK(parsed > 0);
}

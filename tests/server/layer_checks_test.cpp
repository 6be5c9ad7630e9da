// Layer files read by the server follow the core reader's rules, as the
// map and badung-geodata do: features with broken rings are dropped, rings
// outside their shell are removed from what is served and from the bbox,
// and invalid UTF-8 costs the bytes it is made of, not the layer.
#include "cityd_process.hpp"

#include <catch2/catch.hpp>
#include <httplib.h>

#include <fstream>
#include <memory>
#include <string>
#include <vector>

using namespace badung::cityd::test;

namespace {

// Feature 1 has a stray ring north of its shell, feature 2 a hole that
// encloses its shell, "open" a ring that is not closed, "short" a ring of
// three positions, and "ok" nothing wrong.
constexpr const char* checked_layer = R"({"type": "FeatureCollection", "features": [
  {"type": "Feature", "id": 1, "properties": {"name": "one"}, "geometry": {"type": "Polygon", "coordinates": [
    [[115.22, -8.62], [115.25, -8.62], [115.25, -8.59], [115.22, -8.59], [115.22, -8.62]],
    [[115.23, -8.58], [115.235, -8.58], [115.235, -8.575], [115.23, -8.575], [115.23, -8.58]]]}},
  {"type": "Feature", "id": 2, "properties": {"name": "two"}, "geometry": {"type": "Polygon", "coordinates": [
    [[115.30, -8.62], [115.31, -8.62], [115.31, -8.61], [115.30, -8.61], [115.30, -8.62]],
    [[115.28, -8.64], [115.33, -8.64], [115.33, -8.59], [115.28, -8.59], [115.28, -8.64]]]}},
  {"type": "Feature", "id": "open", "properties": {}, "geometry": {"type": "Polygon", "coordinates": [
    [[115.20, -8.70], [115.21, -8.70], [115.21, -8.69], [115.20, -8.69]]]}},
  {"type": "Feature", "id": "short", "properties": {}, "geometry": {"type": "Polygon", "coordinates": [
    [[115.21, -8.70], [115.22, -8.70], [115.21, -8.70]]]}},
  {"type": "Feature", "id": "ok", "properties": {"name": "ok"}, "geometry": {"type": "Polygon", "coordinates": [
    [[115.24, -8.70], [115.245, -8.70], [115.245, -8.695], [115.24, -8.695], [115.24, -8.70]]]}}]})";

// Writes a data root with the one layer `id` and starts the server on it.
std::unique_ptr<CitydProcess> serve_layer(const std::filesystem::path& root, const std::string& id,
                                          const std::string& geojson) {
    std::filesystem::create_directories(root / "layers");
    std::ofstream(root / "layers" / (id + ".geojson")) << geojson;
    std::ofstream(root / "catalog.json")
        << R"({"layers": [{"id": ")" << id << R"(", "title": {"id": "Uji", "en": "Test"}, "licence": "CC0-1.0"}]})";
    CitydOptions options;
    options.data_root = root;
    return std::make_unique<CitydProcess>(options);
}

std::vector<std::string> ids_of(const std::string& body) {
    const auto page = parse_json(body);
    std::vector<std::string> ids;
    for (const auto& feature : page["features"].GetArray()) {
        ids.push_back(feature["id"].IsString() ? feature["id"].GetString() : std::to_string(feature["id"].GetInt()));
    }
    return ids;
}

} // namespace

TEST_CASE("layer rings follow core rules", "[layers]") {
    TempDir data_root;
    const auto server = serve_layer(data_root.path(), "rings", checked_layer);
    httplib::Client client("127.0.0.1", server->port());

    const auto all = client.Get("/collections/rings/items?limit=100");
    REQUIRE(all);
    REQUIRE(all->status == 200);
    CHECK(ids_of(all->body) == std::vector<std::string>{"1", "2", "ok"});

    // The stray ring north of feature 1 is neither served nor searched.
    const auto stray = client.Get("/collections/rings/items?bbox=115.23,-8.58,115.235,-8.575");
    REQUIRE(stray);
    CHECK(ids_of(stray->body).empty());
    const auto first = client.Get("/collections/rings/items/1");
    REQUIRE(first);
    REQUIRE(first->status == 200);
    const auto feature = parse_json(first->body);
    CHECK(feature["geometry"]["coordinates"].Size() == 1);
    CHECK(feature["properties"]["name"] == "one");

    // The ring around feature 2 is not its hole: only the shell stays.
    const auto around = client.Get("/collections/rings/items?bbox=115.285,-8.635,115.29,-8.63");
    REQUIRE(around);
    CHECK(ids_of(around->body).empty());
    const auto inside = client.Get("/collections/rings/items?bbox=115.304,-8.616,115.306,-8.614");
    REQUIRE(inside);
    CHECK(ids_of(inside->body) == std::vector<std::string>{"2"});

    // The layer's extent leaves the removed rings out.
    const auto collection = client.Get("/collections/rings");
    REQUIRE(collection);
    const auto info = parse_json(collection->body);
    const auto& bbox = info["extent"]["spatial"]["bbox"][0];
    CHECK(bbox[2].GetDouble() == Approx(115.31));
    CHECK(bbox[3].GetDouble() == Approx(-8.59));
}

TEST_CASE("invalid UTF-8 in a layer file is repaired", "[layers]") {
    TempDir data_root;
    // Bytes FF FE in the first name, as a file saved in another code page.
    const std::string layer = R"({"type": "FeatureCollection", "features": [
  {"type": "Feature", "id": "a", "properties": {"name": "Pura )" "\xFF\xFE" R"( Dalem"},
   "geometry": {"type": "Point", "coordinates": [115.17, -8.72]}},
  {"type": "Feature", "id": "b", "properties": {"name": "Pura Desa"},
   "geometry": {"type": "Point", "coordinates": [115.18, -8.71]}}]})";
    const auto server = serve_layer(data_root.path(), "pura", layer);
    httplib::Client client("127.0.0.1", server->port());

    const auto all = client.Get("/collections/pura/items");
    REQUIRE(all);
    REQUIRE(all->status == 200);
    CHECK(ids_of(all->body) == std::vector<std::string>{"a", "b"});
    const auto repaired = parse_json(client.Get("/collections/pura/items/a")->body);
    CHECK(std::string(repaired["properties"]["name"].GetString()) == "Pura \xEF\xBF\xBD\xEF\xBF\xBD Dalem");
    CHECK(server->wait_for_output("event=layer_repaired collection=pura"));
}

// The style and glyph API of badung-cityd over loopback: the shipped style
// with absolute URLs, glyph ranges, and errors for unknown names and ranges.

#include "cityd_process.hpp"

#include "server/styles_api.hpp"

#include <catch2/catch.hpp>
#include <httplib.h>
#include <protozero/pbf_reader.hpp>

#include <fstream>
#include <iterator>

using namespace badung::cityd;
using namespace badung::cityd::test;

namespace {

const std::string glyph_bytes = "glyph range bytes";

// A copy of the server's fixture data plus the shipped style and one glyph range.
struct StyleData {
    TempDir dir;

    StyleData() {
        namespace fs = std::filesystem;
        fs::copy(fixture_data_root(), dir.path(), fs::copy_options::recursive);
        fs::create_directories(dir.path() / "styles");
        fs::copy_file(fs::path(BADUNG_SOURCE_DIR) / "geodata" / "style" / "badung.json",
                      dir.path() / "styles" / "badung.json");
        fs::create_directories(dir.path() / "fonts" / "Noto Sans Regular");
        std::ofstream(dir.path() / "fonts" / "Noto Sans Regular" / "0-255.pbf", std::ios::binary) << glyph_bytes;
    }

    CitydOptions options() const {
        CitydOptions options;
        options.data_root = dir.path();
        return options;
    }
};

void check_ogc_error(const httplib::Result& res, int status, const std::string& fragment) {
    REQUIRE(res);
    CHECK(res->status == status);
    const auto doc = parse_json(res->body);
    REQUIRE(doc.IsObject());
    CHECK(doc.HasMember("code"));
    INFO(res->body);
    CHECK(std::string(doc["description"].GetString()).find(fragment) != std::string::npos);
}

} // namespace

TEST_CASE("styles: absolute URLs from the Host header", "[styles]") {
    StyleData data;
    CitydProcess server(data.options());
    httplib::Client client("127.0.0.1", server.port());

    const auto res = client.Get("/styles/badung.json");
    REQUIRE(res);
    CHECK(res->status == 200);
    CHECK(res->get_header_value("Content-Type") == "application/json");
    const auto style = parse_json(res->body);
    const std::string base = server.base_url();
    CHECK(style["version"].GetInt() == 8);
    CHECK(std::string(style["sources"]["badung"]["url"].GetString()) == base + "/tiles/badung.json");
    CHECK(std::string(style["glyphs"].GetString()) == base + "/fonts/{fontstack}/{range}.pbf");
    CHECK(style["layers"].Size() > 10);

    const auto proxied = client.Get("/styles/badung.json", {{"Host", "peta.example.test:8443"}});
    REQUIRE(proxied);
    const auto proxied_style = parse_json(proxied->body);
    CHECK(std::string(proxied_style["glyphs"].GetString()) ==
          "http://peta.example.test:8443/fonts/{fontstack}/{range}.pbf");
}

TEST_CASE("styles: the offline pack download gets the style as built", "[styles]") {
    StyleData data;
    CitydProcess server(data.options());
    httplib::Client client("127.0.0.1", server.port());

    std::ifstream file(data.dir.path() / "styles" / "badung.json", std::ios::binary);
    const std::string built((std::istreambuf_iterator<char>(file)), std::istreambuf_iterator<char>());
    for (const char* host : {"127.0.0.1", "peta.example.test:8443"}) {
        INFO(host);
        const auto res = client.Get("/styles/badung.json", {{"Host", host}, {"X-Badung-Pack", "download"}});
        REQUIRE(res);
        CHECK(res->status == 200);
        CHECK(res->body == built);
        CHECK(res->get_header_value("Vary") == "X-Badung-Pack, Accept-Encoding");
    }
}

TEST_CASE("styles: absolute_style_urls keeps absolute URLs", "[styles]") {
    const std::string rewritten = absolute_style_urls(
        R"({"version": 8, "glyphs": "https://cdn.test/{fontstack}/{range}.pbf", "sprite": "/sprites/a",
            "sources": {"a": {"type": "vector", "tiles": ["/t/{z}/{x}/{y}.mvt", "//cdn.test/t.mvt"]}}, "layers": []})",
        "http://h");
    const auto style = parse_json(rewritten);
    CHECK(std::string(style["glyphs"].GetString()) == "https://cdn.test/{fontstack}/{range}.pbf");
    CHECK(std::string(style["sprite"].GetString()) == "http://h/sprites/a");
    CHECK(std::string(style["sources"]["a"]["tiles"][0].GetString()) == "http://h/t/{z}/{x}/{y}.mvt");
    CHECK(std::string(style["sources"]["a"]["tiles"][1].GetString()) == "//cdn.test/t.mvt");
    CHECK_THROWS(absolute_style_urls("[1]", "http://h"));
}

TEST_CASE("styles: unknown style is 404", "[styles]") {
    StyleData data;
    CitydProcess server(data.options());
    httplib::Client client("127.0.0.1", server.port());
    check_ogc_error(client.Get("/styles/dark.json"), 404, "no style 'dark'");
    // A decoded "/" leaves the style route: the static file route returns 404.
    const auto escaped = client.Get("/styles/..%2Fcatalog.json");
    REQUIRE(escaped);
    CHECK(escaped->status == 404);
}

TEST_CASE("fonts: glyph ranges by fontstack", "[styles]") {
    StyleData data;
    CitydProcess server(data.options());
    httplib::Client client("127.0.0.1", server.port());

    const auto stored = client.Get("/fonts/Noto%20Sans%20Regular/0-255.pbf");
    REQUIRE(stored);
    CHECK(stored->status == 200);
    CHECK(stored->get_header_value("Content-Type") == "application/x-protobuf");
    CHECK(stored->body == glyph_bytes);

    // A fontstack list falls back to the first font the server has.
    const auto fallback = client.Get("/fonts/Open%20Sans%20Bold,Noto%20Sans%20Regular/0-255.pbf");
    REQUIRE(fallback);
    CHECK(fallback->status == 200);
    CHECK(fallback->body == glyph_bytes);

    // A range the font has no file for is an empty but valid glyphs message.
    const auto missing = client.Get("/fonts/Noto%20Sans%20Regular/19968-20223.pbf");
    REQUIRE(missing);
    CHECK(missing->status == 200);
    protozero::pbf_reader glyphs(missing->body);
    REQUIRE(glyphs.next(1));
    protozero::pbf_reader stack = glyphs.get_message();
    REQUIRE(stack.next(1));
    CHECK(stack.get_string() == "Noto Sans Regular");
    REQUIRE(stack.next(2));
    CHECK(stack.get_string() == "19968-20223");
    CHECK_FALSE(stack.next(3));
}

TEST_CASE("fonts: unknown fontstack and bad ranges", "[styles]") {
    StyleData data;
    CitydProcess server(data.options());
    httplib::Client client("127.0.0.1", server.port());
    check_ogc_error(client.Get("/fonts/Comic%20Sans/0-255.pbf"), 404, "no font 'Comic Sans'");
    check_ogc_error(client.Get("/fonts/..%20styles/0-255.pbf"), 404, "no font");
    const auto escaped = client.Get("/fonts/..%2F..%2Fstyles/0-255.pbf");
    REQUIRE(escaped);
    CHECK(escaped->status == 404);
    check_ogc_error(client.Get("/fonts/Noto%20Sans%20Regular/0-511.pbf"), 400, "invalid glyph range '0-511'");
    check_ogc_error(client.Get("/fonts/Noto%20Sans%20Regular/100-355.pbf"), 400, "multiple of 256");
    check_ogc_error(client.Get("/fonts/Noto%20Sans%20Regular/65536-65791.pbf"), 400, "65280");
    check_ogc_error(client.Get("/fonts/Noto%20Sans%20Regular/-256--1.pbf"), 400, "invalid glyph range '-256--1'");
    check_ogc_error(client.Get("/fonts/Noto%20Sans%20Regular/a-b.pbf"), 400, "invalid glyph range 'a-b'");
}

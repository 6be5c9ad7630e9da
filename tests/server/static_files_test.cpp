#include "cityd_process.hpp"

#include "server/static_files.hpp"

#include <catch2/catch.hpp>
#include <httplib.h>

#include <fstream>
#include <iterator>

using namespace badung::cityd;
using namespace badung::cityd::test;

namespace {

std::string read_file(const std::filesystem::path& file) {
    std::ifstream stream(file, std::ios::binary);
    return std::string((std::istreambuf_iterator<char>(stream)), std::istreambuf_iterator<char>());
}

} // namespace

TEST_CASE("static files get their media types", "[static]") {
    CitydProcess server;
    httplib::Client client("127.0.0.1", server.port());

    const std::pair<const char*, const char*> expected[] = {
        {"/index.html", "text/html; charset=utf-8"},
        {"/app.js", "text/javascript; charset=utf-8"},
        {"/style.css", "text/css; charset=utf-8"},
        {"/app.wasm", "application/wasm"},
        {"/fonts/test.ttf", "font/ttf"},
        {"/icon.png", "image/png"},
        {"/manifest.webmanifest", "application/manifest+json"},
        {"/data/catalog.json", "application/json"},
        {"/data/layers/fasilitas.geojson", "application/geo+json"},
    };
    for (const auto& [path, type] : expected) {
        INFO("path " << path);
        const auto res = client.Get(path);
        REQUIRE(res);
        CHECK(res->status == 200);
        CHECK(res->get_header_value("Content-Type") == type);
    }
}

TEST_CASE("static file bodies match the files", "[static]") {
    CitydProcess server;
    httplib::Client client("127.0.0.1", server.port());

    const auto wasm = client.Get("/app.wasm");
    REQUIRE(wasm);
    CHECK(wasm->body == read_file(fixture_web_root() / "app.wasm"));

    const auto layer = client.Get("/data/layers/kecamatan.geojson");
    REQUIRE(layer);
    CHECK(layer->body == read_file(fixture_data_root() / "layers" / "kecamatan.geojson"));
}

TEST_CASE("static files revalidate with ETag", "[static]") {
    CitydProcess server;
    httplib::Client client("127.0.0.1", server.port());

    const auto first = client.Get("/app.js");
    REQUIRE(first);
    const std::string etag = first->get_header_value("ETag");
    CHECK(etag.size() > 2);
    CHECK(first->get_header_value("Cache-Control") == "no-cache");

    const auto again = client.Get("/app.js", {{"If-None-Match", etag}});
    REQUIRE(again);
    CHECK(again->status == 304);
    CHECK(again->body.empty());

    const auto other = client.Get("/app.js", {{"If-None-Match", "\"other\""}});
    REQUIRE(other);
    CHECK(other->status == 200);
    CHECK(other->body == first->body);
}

TEST_CASE("range request gets exact bytes uncompressed", "[static]") {
    CitydProcess server;
    const std::string response = raw_http(server.port(), "GET /app.js HTTP/1.1\r\nHost: x\r\nRange: bytes=0-6\r\n"
                                                         "Accept-Encoding: gzip, br\r\nConnection: close\r\n\r\n");
    CHECK(raw_status(response) == 206);
    CHECK(response.find("Content-Encoding") == std::string::npos);
    CHECK(response.find("Content-Range: bytes 0-6/") != std::string::npos);
    const auto headers_end = response.find("\r\n\r\n");
    REQUIRE(headers_end != std::string::npos);
    CHECK(response.substr(headers_end + 4) == read_file(fixture_web_root() / "app.js").substr(0, 7));
}

TEST_CASE("unsatisfiable ranges get 416", "[static]") {
    CitydProcess server;
    const std::string file = read_file(fixture_web_root() / "app.js");

    // Past the end and several ranges reach the handler; a range ending
    // before it starts is rejected by the library. None may send file bytes.
    for (const std::string range : {"bytes=999999999-", "bytes=0-1,2000-2063", "bytes=5-2"}) {
        INFO("Range: " << range);
        const std::string response = raw_http(server.port(), "GET /app.js HTTP/1.1\r\nHost: x\r\nRange: " +
                                                                 range + "\r\nConnection: close\r\n\r\n");
        CHECK(raw_status(response) == 416);
        const auto headers_end = response.find("\r\n\r\n");
        REQUIRE(headers_end != std::string::npos);
        CHECK(response.substr(headers_end + 4).find(file.substr(0, 8)) == std::string::npos);
        if (range != "bytes=5-2") {
            CHECK(response.find("Content-Range: bytes */" + std::to_string(file.size())) != std::string::npos);
        }
        // The whole error body, not a slice or a multipart of it.
        CHECK(response.substr(headers_end + 4).rfind("{\"code\":\"RangeNotSatisfiable\"", 0) == 0);
        CHECK(response.find("multipart") == std::string::npos);
    }
}

TEST_CASE("range on API and error responses is ignored", "[static]") {
    CitydProcess server;
    httplib::Client client("127.0.0.1", server.port());
    const auto whole = client.Get("/conformance");
    REQUIRE(whole);

    // cpp-httplib would cut these bodies to the range, under status 200 or 404.
    const std::pair<const char*, int> cases[] = {{"/conformance", 200}, {"/no-such-file", 404}};
    for (const auto& [path, status] : cases) {
        for (const std::string range : {"bytes=0-5", "bytes=0-1,3-4"}) {
            INFO("path " << path << ", Range: " << range);
            const std::string response = raw_http(server.port(), std::string("GET ") + path +
                                                                     " HTTP/1.1\r\nHost: x\r\nRange: " + range +
                                                                     "\r\nConnection: close\r\n\r\n");
            CHECK(raw_status(response) == status);
            CHECK(response.find("Content-Range") == std::string::npos);
            const auto headers_end = response.find("\r\n\r\n");
            REQUIRE(headers_end != std::string::npos);
            const std::string body = response.substr(headers_end + 4);
            CHECK(body.front() == '{');
            CHECK(body.back() == '}');
            if (status == 200) {
                CHECK(body == whole->body);
            }
        }
    }
}

TEST_CASE("range past the end is cut", "[static]") {
    CitydProcess server;
    const std::string file = read_file(fixture_web_root() / "app.js");
    const std::string response = raw_http(server.port(), "GET /app.js HTTP/1.1\r\nHost: x\r\nRange: bytes=2-99999\r\n"
                                                         "Connection: close\r\n\r\n");
    CHECK(raw_status(response) == 206);
    const auto headers_end = response.find("\r\n\r\n");
    REQUIRE(headers_end != std::string::npos);
    CHECK(response.substr(headers_end + 4) == file.substr(2));
}

TEST_CASE("root serves index.html to browsers", "[static]") {
    CitydProcess server;
    httplib::Client client("127.0.0.1", server.port());

    const auto res = client.Get("/", {{"Accept", "text/html,application/xhtml+xml,*/*;q=0.8"}});
    REQUIRE(res);
    CHECK(res->status == 200);
    CHECK(res->get_header_value("Content-Type") == "text/html; charset=utf-8");
    CHECK(res->body == read_file(fixture_web_root() / "index.html"));
}

TEST_CASE("HEAD of a static file has headers only", "[static]") {
    CitydProcess server;
    const std::string response = raw_http(server.port(), "HEAD /app.wasm HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    CHECK(raw_status(response) == 200);
    CHECK(response.find("Content-Type: application/wasm") != std::string::npos);
    const auto headers_end = response.find("\r\n\r\n");
    REQUIRE(headers_end != std::string::npos);
    CHECK(response.substr(headers_end + 4).empty());
}

TEST_CASE("missing static file gets 404 JSON", "[static]") {
    CitydProcess server;
    httplib::Client client("127.0.0.1", server.port());

    for (const char* path : {"/nope.js", "/data/layers/nope.geojson", "/fonts/"}) {
        INFO("path " << path);
        const auto res = client.Get(path);
        REQUIRE(res);
        CHECK(res->status == 404);
        const auto body = parse_json(res->body);
        CHECK(std::string(body["code"].GetString()) == "NotFound");
        CHECK(std::string(body["description"].GetString()).find(path) != std::string::npos);
    }
}

TEST_CASE("traversal attempts get 404", "[static]") {
    CitydProcess server;
    const char* attempts[] = {
        "/../secret.txt",
        "/%2e%2e/secret.txt",
        "/%2E%2E/%2E%2E/server/secret.txt",
        "/data/../../secret.txt",
        "/data/%2e%2e/%2e%2e/secret.txt",
        "/data/..%2f..%2fsecret.txt",
        "/fonts/..%2F..%2Fsecret.txt",
        "/..%5csecret.txt",
        "/./index.html/../../secret.txt",
        "//etc/passwd",
        "/data//etc/passwd",
        "/%00secret.txt",
    };
    for (const char* path : attempts) {
        INFO("path " << path);
        const std::string response =
            raw_http(server.port(), std::string("GET ") + path + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
        CHECK((raw_status(response) == 404 || raw_status(response) == 400));
        CHECK(response.find("outside both served roots") == std::string::npos);
        CHECK(response.find("root:") == std::string::npos);
    }
}

TEST_CASE("static path resolution rejects dot segments", "[static][unit]") {
    const auto root = fixture_web_root();
    CHECK(resolve_static_path(root, "/app.js") == root / "app.js");
    CHECK(resolve_static_path(root, "/") == root / "index.html");
    CHECK_FALSE(resolve_static_path(root, "/../secret.txt"));
    CHECK_FALSE(resolve_static_path(root, "/fonts/./test.ttf"));
    CHECK_FALSE(resolve_static_path(root, "/fonts\\test.ttf"));
    CHECK_FALSE(resolve_static_path(root, "/fonts"  "/missing.ttf"));
}

TEST_CASE("media types by extension", "[static][unit]") {
    CHECK(media_type_for("a.WASM") == "application/wasm");
    CHECK(media_type_for("layer.geojson") == "application/geo+json");
    CHECK(media_type_for("Noto.ttf") == "font/ttf");
    CHECK(media_type_for("tile.mvt") == "application/vnd.mapbox-vector-tile");
    CHECK(media_type_for("unknown.bin") == "application/octet-stream");
    CHECK(media_type_for("no-extension") == "application/octet-stream");
}

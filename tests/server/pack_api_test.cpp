// GET /data/pack.json: the offline pack manifest with a strong ETag and
// no-cache revalidation, and ETags on the files and tiles it lists.
#include "cityd_process.hpp"

#include <catch2/catch.hpp>
#include <httplib.h>

#include <fstream>

using namespace badung::cityd::test;

namespace {

// A data root with the fixture's files and a pack.json of `text`.
void make_data_root(const std::filesystem::path& folder, const std::string& text) {
    std::filesystem::copy(fixture_data_root(), folder, std::filesystem::copy_options::recursive);
    std::ofstream(folder / "pack.json") << text;
}

const std::string first_pack = R"({"format": 1, "data_version": "aaaa", "files": [], "tiles": {"entries": []}})";
const std::string second_pack = R"({"format": 1, "data_version": "bbbbbb", "files": [], "tiles": {"entries": []}})";

// A manifest large enough (over 4 KB) for the server to send it gzipped.
std::string large_pack() {
    std::string large = first_pack;
    large.insert(large.size() - 1, ", \"padding\": \"" + std::string(4000, 'x') + "\"");
    return large;
}

// Options for a server whose data root, in folder, has a pack.json of text.
CitydOptions pack_server_options(const TempDir& folder, const std::string& text) {
    const auto data = folder.path() / "data";
    make_data_root(data, text);
    CitydOptions options;
    options.data_root = data;
    return options;
}

} // namespace

TEST_CASE("pack manifest revalidates with a strong ETag", "[pack]") {
    TempDir folder;
    const auto data = folder.path() / "data";
    make_data_root(data, first_pack);
    CitydOptions options;
    options.data_root = data;
    CitydProcess server(options);
    httplib::Client client("127.0.0.1", server.port());

    const auto first = client.Get("/data/pack.json");
    REQUIRE(first);
    CHECK(first->status == 200);
    CHECK(first->body == first_pack);
    CHECK(first->get_header_value("Cache-Control") == "no-cache");
    CHECK(first->get_header_value("Content-Type") == "application/json");
    const std::string etag = first->get_header_value("ETag");
    // A strong validator: quoted, no W/ prefix, a SHA-256 in hex.
    CHECK(etag.size() == 66);
    CHECK(etag.front() == '"');
    CHECK(etag.rfind("W/", 0) == std::string::npos);

    const auto unchanged = client.Get("/data/pack.json", {{"If-None-Match", etag}});
    REQUIRE(unchanged);
    CHECK(unchanged->status == 304);
    CHECK(unchanged->body.empty());

    std::ofstream(data / "pack.json") << second_pack;
    const auto changed = client.Get("/data/pack.json", {{"If-None-Match", etag}});
    REQUIRE(changed);
    CHECK(changed->status == 200);
    CHECK(changed->body == second_pack);
    CHECK(changed->get_header_value("ETag") != etag);
}

TEST_CASE("pack manifest is gzipped on request", "[pack]") {
    TempDir folder;
    const std::string large = large_pack();
    CitydProcess server(pack_server_options(folder, large));

    const std::string response = raw_http(server.port(), "GET /data/pack.json HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                                                         "Accept-Encoding: gzip\r\nConnection: close\r\n\r\n");
    CHECK(raw_status(response) == 200);
    CHECK(response.find("Content-Encoding: gzip") != std::string::npos);
    CHECK(response.size() < large.size());
}

TEST_CASE("pack manifest is compressed once", "[pack]") {
    // A browser accepts gzip and brotli at once: the manifest must come
    // in one coding, the server's own gzip copy, never compressed again.
    TempDir folder;
    const std::string large = large_pack();
    CitydProcess server(pack_server_options(folder, large));
    httplib::Client client("127.0.0.1", server.port());

    const auto both = client.Get("/data/pack.json", {{"Accept-Encoding", "gzip, deflate, br"}});
    REQUIRE(both);
    CHECK(both->get_header_value_count("Content-Encoding") == 1);
    CHECK(both->get_header_value("Content-Encoding") == "gzip");
    CHECK(both->body == large);

    // A client that takes brotli only gets the plain manifest under its ETag.
    const auto plain = client.Get("/data/pack.json", {{"Accept-Encoding", "identity"}});
    const auto brotli = client.Get("/data/pack.json", {{"Accept-Encoding", "br"}});
    REQUIRE(plain);
    REQUIRE(brotli);
    CHECK_FALSE(brotli->has_header("Content-Encoding"));
    CHECK(brotli->body == large);
    CHECK(brotli->get_header_value("ETag") == plain->get_header_value("ETag"));
}

TEST_CASE("missing pack manifest is a 404 with a hint", "[pack]") {
    CitydProcess server;
    httplib::Client client("127.0.0.1", server.port());
    const auto res = client.Get("/data/pack.json");
    REQUIRE(res);
    CHECK(res->status == 404);
    const auto body = parse_json(res->body);
    CHECK(std::string(body["description"].GetString()).find("badung-geodata build") != std::string::npos);
}

TEST_CASE("pack files and tiles carry ETags", "[pack]") {
    CitydProcess server;
    httplib::Client client("127.0.0.1", server.port());
    const auto layer = client.Get("/data/layers/kecamatan.geojson");
    REQUIRE(layer);
    const std::string etag = layer->get_header_value("ETag");
    CHECK(!etag.empty());
    const auto again = client.Get("/data/layers/kecamatan.geojson", {{"If-None-Match", etag}});
    REQUIRE(again);
    CHECK(again->status == 304);
}

TEST_CASE("layers are gzipped on request", "[pack]") {
    CitydProcess server;
    const std::string request = "GET /data/layers/kecamatan.geojson HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                                "Accept-Encoding: gzip\r\nConnection: close\r\n\r\n";
    const std::string response = raw_http(server.port(), request);
    CHECK(raw_status(response) == 200);
    CHECK(response.find("Content-Encoding: gzip") != std::string::npos);
    CHECK(response.find("Content-Type: application/geo+json") != std::string::npos);
    // One Vary header, not one from each helper the route goes through.
    const std::size_t vary = response.find("Vary: Accept-Encoding");
    CHECK(vary != std::string::npos);
    CHECK(response.find("Vary:", vary + 1) == std::string::npos);
    CHECK(response.find("ETag: \"") != std::string::npos);

    const std::string plain = raw_http(server.port(), "GET /data/layers/kecamatan.geojson HTTP/1.1\r\n"
                                                      "Host: 127.0.0.1\r\nConnection: close\r\n\r\n");
    CHECK(raw_status(plain) == 200);
    CHECK(plain.find("Content-Encoding") == std::string::npos);
}

TEST_CASE("gzip and plain layers differ in ETag", "[pack]") {
    CitydProcess server;
    httplib::Client client("127.0.0.1", server.port());
    client.set_decompress(false);
    const char* path = "/data/layers/kecamatan.geojson";

    const auto gzipped = client.Get(path, {{"Accept-Encoding", "gzip"}});
    const auto plain = client.Get(path, {{"Accept-Encoding", "identity"}});
    REQUIRE(gzipped);
    REQUIRE(plain);
    REQUIRE(gzipped->get_header_value("Content-Encoding") == "gzip");
    const std::string gzip_etag = gzipped->get_header_value("ETag");
    const std::string plain_etag = plain->get_header_value("ETag");
    CHECK(gzip_etag != plain_etag);
    CHECK(gzip_etag.find("-gz\"") != std::string::npos);

    const auto cross_plain = client.Get(path, {{"Accept-Encoding", "identity"}, {"If-None-Match", gzip_etag}});
    REQUIRE(cross_plain);
    CHECK(cross_plain->status == 200);
    CHECK_FALSE(cross_plain->has_header("Content-Encoding"));
    const auto cross_gzip = client.Get(path, {{"Accept-Encoding", "gzip"}, {"If-None-Match", plain_etag}});
    REQUIRE(cross_gzip);
    CHECK(cross_gzip->status == 200);
    const auto same_gzip = client.Get(path, {{"Accept-Encoding", "gzip"}, {"If-None-Match", gzip_etag}});
    REQUIRE(same_gzip);
    CHECK(same_gzip->status == 304);
}

TEST_CASE("gzip and plain pack manifests differ in ETag", "[pack]") {
    TempDir folder;
    const std::string large = large_pack();
    CitydProcess server(pack_server_options(folder, large));
    httplib::Client client("127.0.0.1", server.port());
    client.set_decompress(false);

    const auto gzipped = client.Get("/data/pack.json", {{"Accept-Encoding", "gzip"}});
    const auto plain = client.Get("/data/pack.json", {{"Accept-Encoding", "identity"}});
    REQUIRE(gzipped);
    REQUIRE(plain);
    REQUIRE(gzipped->get_header_value("Content-Encoding") == "gzip");
    const std::string gzip_etag = gzipped->get_header_value("ETag");
    CHECK(gzip_etag != plain->get_header_value("ETag"));

    const auto cross_plain = client.Get("/data/pack.json", {{"Accept-Encoding", "identity"}, {"If-None-Match", gzip_etag}});
    REQUIRE(cross_plain);
    CHECK(cross_plain->status == 200);
    CHECK(cross_plain->body == large);
}

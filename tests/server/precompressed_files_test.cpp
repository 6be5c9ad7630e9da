#include "cityd_process.hpp"

#include "server/accept_encoding.hpp"
#include "server/gzip_body.hpp"

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <string>

using namespace badung::cityd;
using namespace badung::cityd::test;

namespace {

const std::string script = "console.log('Badung');\n" + std::string(4000, ' ') + "// padding that compresses well\n";

void write_file(const std::filesystem::path& file, const std::string& bytes) {
    std::ofstream stream(file, std::ios::binary);
    stream << bytes;
}

// A web root with app.js and, when with_copy is true, its gzip copy beside it.
struct PrecompressedRoot {
    TempDir folder;
    std::string gzipped = *gzip_compress(script);

    explicit PrecompressedRoot(bool with_copy = true) {
        write_file(folder.path() / "index.html", "<!doctype html><title>t</title>");
        write_file(folder.path() / "app.js", script);
        if (with_copy) {
            write_file(folder.path() / "app.js.gz", gzipped);
        }
    }

    CitydOptions options() const {
        CitydOptions options;
        options.web_root = folder.path();
        return options;
    }
};

std::string get(int port, const std::string& headers) {
    return raw_http(port, "GET /app.js HTTP/1.1\r\nHost: x\r\n" + headers + "Connection: close\r\n\r\n");
}

std::string header_of(const std::string& response, const std::string& name) {
    const auto start = response.find("\r\n" + name + ": ");
    if (start == std::string::npos) {
        return {};
    }
    const auto value = start + name.size() + 4;
    return response.substr(value, response.find("\r\n", value) - value);
}

} // namespace

TEST_CASE("gzip copy goes to gzip clients", "[static][gzip]") {
    PrecompressedRoot root;
    CitydProcess server(root.options());

    const std::string response = get(server.port(), "Accept-Encoding: gzip, deflate, br\r\n");
    CHECK(raw_status(response) == 200);
    CHECK(header_of(response, "Content-Encoding") == "gzip");
    CHECK(header_of(response, "Content-Type") == "text/javascript; charset=utf-8");
    CHECK(header_of(response, "Vary") == "Accept-Encoding");
    CHECK(raw_body(response) == root.gzipped);
}

TEST_CASE("file without gzip goes out as it is", "[static][gzip]") {
    PrecompressedRoot root;
    CitydProcess server(root.options());

    for (const std::string accept : {"", "Accept-Encoding: identity\r\n", "Accept-Encoding: gzip;q=0, br\r\n",
                                     "Accept-Encoding: *;q=0\r\n"}) {
        INFO("headers: " << accept);
        const std::string response = get(server.port(), accept);
        CHECK(raw_status(response) == 200);
        CHECK(header_of(response, "Content-Encoding").empty());
        CHECK(header_of(response, "Vary") == "Accept-Encoding");
        CHECK(raw_body(response) == script);
    }
}

TEST_CASE("range request ignores the gzip copy", "[static][gzip]") {
    PrecompressedRoot root;
    CitydProcess server(root.options());

    const std::string response = get(server.port(), "Accept-Encoding: gzip\r\nRange: bytes=0-6\r\n");
    CHECK(raw_status(response) == 206);
    CHECK(header_of(response, "Content-Encoding").empty());
    CHECK(raw_body(response) == script.substr(0, 7));
}

TEST_CASE("stale gzip copy is ignored", "[static][gzip]") {
    PrecompressedRoot root;
    const std::filesystem::path copy = root.folder.path() / "app.js.gz";
    std::filesystem::last_write_time(copy, std::filesystem::last_write_time(root.folder.path() / "app.js") -
                                               std::chrono::hours(1));
    CitydProcess server(root.options());

    const std::string response = get(server.port(), "Accept-Encoding: gzip\r\n");
    CHECK(raw_status(response) == 200);
    CHECK(header_of(response, "Content-Encoding").empty());
    CHECK(raw_body(response) == script);
}

TEST_CASE("each encoding has its own ETag", "[static][gzip]") {
    PrecompressedRoot root;
    CitydProcess server(root.options());

    const std::string gzip_etag = header_of(get(server.port(), "Accept-Encoding: gzip\r\n"), "ETag");
    const std::string plain_etag = header_of(get(server.port(), ""), "ETag");
    REQUIRE(gzip_etag.size() > 2);
    REQUIRE(plain_etag.size() > 2);
    CHECK(gzip_etag != plain_etag);

    const std::string revalidated = get(server.port(), "Accept-Encoding: gzip\r\nIf-None-Match: " + gzip_etag + "\r\n");
    CHECK(raw_status(revalidated) == 304);
    CHECK(raw_body(revalidated).empty());

    // A plain client holding the gzip tag gets the plain file again.
    const std::string plain = get(server.port(), "If-None-Match: " + gzip_etag + "\r\n");
    CHECK(raw_status(plain) == 200);
    CHECK(raw_body(plain) == script);
}

TEST_CASE("file without a gzip copy is unchanged", "[static][gzip]") {
    PrecompressedRoot root(false);
    CitydProcess server(root.options());

    const std::string response = get(server.port(), "Accept-Encoding: gzip\r\n");
    CHECK(raw_status(response) == 200);
    CHECK(header_of(response, "Content-Encoding").empty());
    CHECK(header_of(response, "Vary").empty());
    CHECK(raw_body(response) == script);
}

TEST_CASE("Accept-Encoding values", "[static][gzip][unit]") {
    const std::pair<const char*, bool> cases[] = {
        {"gzip", true},
        {"gzip, deflate, br", true},
        {"br;q=1.0, gzip;q=0.8, *;q=0.1", true},
        {"GZIP", true},
        {"x-gzip", true},
        {"*", true},
        {" deflate ,\tgzip ; q=0.5", true},
        {"", false},
        {"identity", false},
        {"br, deflate", false},
        {"gzip;q=0", false},
        {"gzip;q=0.000", false},
        {"*;q=0", false},
        {"gzip;q=0, *", false},
        {"*;q=0, gzip", true},
        {"gzip;q=abc", false},
        {"gzip;q=2", false},
        {"gzipped", false},
        {"nogzip", false},
    };
    for (const auto& [header, expected] : cases) {
        INFO("Accept-Encoding: " << header);
        CHECK(accepts_gzip(header) == expected);
    }
}

// Absolute links come from the Host header only when it is a valid
// host[:port]; with public_base_url set the header is not used.

#include "report_test_support.hpp"

#include "server/host_header.hpp"

#include <catch2/catch.hpp>

using namespace badung::cityd::test;
using badung::cityd::is_valid_host_header;

TEST_CASE("host header syntax", "[host]") {
    for (const char* good : {"localhost", "127.0.0.1:8080", "peta.badungkab.go.id", "peta.badungkab.go.id.",
                             "[::1]", "[::1]:8443", "my_host:1", "a-b.c:65535"}) {
        INFO(good);
        CHECK(is_valid_host_header(good));
    }
    for (const char* bad : {"", "evil.example/x", "user@evil.example", "evil.example:", "evil.example:0",
                            "evil.example:65536", "evil.example:80:80", "evil example", "evil\"example",
                            "evil.example?x=1", "evil..example", ".evil.example", "[::1", "[::1]x", "[evil]",
                            "evil.example#x", "<script>"}) {
        INFO(bad);
        CHECK_FALSE(is_valid_host_header(bad));
    }
    CHECK_FALSE(is_valid_host_header(std::string(64, 'a') + ".example"));
}

TEST_CASE("links use a valid Host header", "[host]") {
    CitydProcess server;
    httplib::Client client("127.0.0.1", server.port());

    const auto res = client.Get("/collections?f=json", {{"Host", "peta.example:8080"}});
    REQUIRE(res);
    CHECK(res->status == 200);
    CHECK(res->body.find("http://peta.example:8080/collections") != std::string::npos);
}

TEST_CASE("an invalid Host header gets 400 in the path's error format", "[host]") {
    CitydProcess server;
    httplib::Client client("127.0.0.1", server.port());

    for (const char* host : {"evil.example/\"><script>", "user@evil.example", "evil.example:99999"}) {
        INFO(host);
        const auto layers = client.Get("/collections?f=json", {{"Host", host}});
        REQUIRE(layers);
        CHECK(layers->status == 400);
        CHECK(layers->body.find("\"code\":\"InvalidParameterValue\"") != std::string::npos);
        CHECK(layers->body.find("public_base_url") != std::string::npos);
        CHECK(layers->body.find("Host header") != std::string::npos);
        CHECK(layers->get_header_value("Content-Type").find("json") != std::string::npos);

        const auto reports = client.Get("/open311/v2/services.json", {{"Host", host}});
        check_open311_error(reports, 400, "Host header");
    }
}

TEST_CASE("public_base_url makes the Host header irrelevant", "[host]") {
    TempDir dir;
    CitydOptions options;
    options.config = write_config(dir.path(), "public_base_url = https://peta.badungkab.go.id/");
    CitydProcess server(options);
    httplib::Client client("127.0.0.1", server.port());

    const auto res = client.Get("/collections?f=json", {{"Host", "evil.example/\"x"}});
    REQUIRE(res);
    CHECK(res->status == 200);
    CHECK(res->body.find("https://peta.badungkab.go.id/collections") != std::string::npos);
    CHECK(res->body.find("evil.example") == std::string::npos);
}

TEST_CASE("ambiguous framing headers get 400", "[host][bad-input]") {
    CitydProcess server;
    const std::pair<std::string, std::string> cases[] = {
        {"POST /open311/v2/requests.json HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nContent-Length: 50\r\n"
         "Content-Type: application/x-www-form-urlencoded\r\nConnection: close\r\n\r\nhello",
         "[{\"code\":400,\"description\":\"the request has 2 Content-Length headers; send exactly one\"}]"},
        {"POST /open311/v2/requests.json HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n"
         "Connection: close\r\n\r\n0\r\n\r\n",
         "[{\"code\":400,\"description\":\"the request has both Content-Length and Transfer-Encoding; send one "
         "of them\"}]"},
        {"GET /collections HTTP/1.1\r\nHost: a\r\nHost: b\r\nConnection: close\r\n\r\n",
         "\"the request has 2 Host headers; send exactly one\""},
    };
    for (const auto& [request, body] : cases) {
        INFO(request);
        const std::string response = raw_http(server.port(), request);
        CHECK(raw_status(response) == 400);
        CHECK(response.find(body) != std::string::npos);
    }

    // Nothing was stored from the rejected posts.
    CHECK(query_database(server.database(), "SELECT COUNT(*) FROM service_requests").at(0) == "0");
}

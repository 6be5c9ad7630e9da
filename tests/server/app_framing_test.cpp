// The app's pages may be framed only by pages of their own origin; /embed
// keeps its own allow-list.

#include "report_test_support.hpp"

#include <catch2/catch.hpp>

using namespace badung::cityd::test;

namespace {

// Every Content-Security-Policy header of a response, joined by " | ".
std::string policies_of(const httplib::Response& res) {
    std::string joined;
    const auto [first, last] = res.headers.equal_range("Content-Security-Policy");
    for (auto it = first; it != last; ++it) {
        joined += (joined.empty() ? "" : " | ") + it->second;
    }
    return joined;
}

} // namespace

TEST_CASE("app pages may be framed by their own origin only", "[headers][framing]") {
    CitydProcess server;
    httplib::Client client("127.0.0.1", server.port());

    for (const char* path : {"/", "/index.html", "//index.html"}) {
        INFO(path);
        const auto res = client.Get(path);
        REQUIRE(res);
        CHECK(res->status == 200);
        CHECK(res->get_header_value_count("Content-Security-Policy") == 1);
        const std::string policy = policies_of(*res);
        CHECK(policy.find("frame-ancestors 'self'") != std::string::npos);
        // The configured policy still applies in the same header.
        CHECK(policy.find("script-src 'self' 'wasm-unsafe-eval'") != std::string::npos);
        CHECK(res->get_header_value("X-Frame-Options") == "SAMEORIGIN");
    }
}

TEST_CASE("app page framing keeps a policy from the config", "[headers][framing]") {
    TempDir dir;
    CitydOptions options;
    options.config = write_config(dir.path(), "content_security_policy = default-src 'none';");
    CitydProcess server(options);
    httplib::Client client("127.0.0.1", server.port());

    const auto page = client.Get("/");
    REQUIRE(page);
    CHECK(page->get_header_value("Content-Security-Policy") == "default-src 'none'; frame-ancestors 'self'");

    const auto api = client.Get("/open311/v2/services.json");
    REQUIRE(api);
    CHECK(api->get_header_value("Content-Security-Policy") == "default-src 'none';");
}

TEST_CASE("embed and API responses keep their own framing", "[headers][framing]") {
    CitydProcess server;
    httplib::Client client("127.0.0.1", server.port());

    const auto embed = client.Get("/embed");
    REQUIRE(embed);
    CHECK(embed->status == 200);
    CHECK_FALSE(embed->has_header("X-Frame-Options"));
    const std::string policy = policies_of(*embed);
    CHECK(policy.find("frame-ancestors 'self' http://localhost:* http://127.0.0.1:*") != std::string::npos);

    for (const char* path : {"/open311/v2/services.json", "/collections?f=json", "/style.css"}) {
        INFO(path);
        const auto res = client.Get(path);
        REQUIRE(res);
        CHECK_FALSE(res->has_header("X-Frame-Options"));
        CHECK(policies_of(*res).find("frame-ancestors") == std::string::npos);
    }
}

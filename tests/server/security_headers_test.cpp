#include "report_test_support.hpp"

#include <catch2/catch.hpp>

using namespace badung::cityd::test;

TEST_CASE("responses carry the security headers", "[headers]") {
    CitydProcess server;
    httplib::Client client("127.0.0.1", server.port());

    for (const char* path : {"/", "/open311/v2/services.json", "/collections/nope", "/open311/v2/requests/x.json"}) {
        INFO(path);
        const auto res = client.Get(path);
        REQUIRE(res);
        CHECK(res->get_header_value("X-Content-Type-Options") == "nosniff");
        const std::string policy = res->get_header_value("Content-Security-Policy");
        CHECK(policy.find("script-src 'self' 'wasm-unsafe-eval' 'unsafe-eval'") != std::string::npos);
        CHECK(policy.find("default-src 'self'") != std::string::npos);
        CHECK(policy.find("object-src 'none'") != std::string::npos);
        CHECK(res->get_header_value_count("Content-Security-Policy") == 1);
    }
}

TEST_CASE("content security policy comes from the config", "[headers]") {
    TempDir dir;
    CitydOptions options;
    options.config = write_config(dir.path(), "content_security_policy = default-src 'none'");
    CitydProcess server(options);
    httplib::Client client("127.0.0.1", server.port());
    const auto res = client.Get("/open311/v2/services.json");
    REQUIRE(res);
    CHECK(res->get_header_value("Content-Security-Policy") == "default-src 'none'");
}

TEST_CASE("CORS preflight answers partner origins only", "[headers]") {
    TempDir dir;
    CitydOptions options;
    options.config = write_config(dir.path(), "cors_allow_origins = https://mitra.contoh.id, https://desa.contoh.id");
    CitydProcess server(options);
    httplib::Client client("127.0.0.1", server.port());

    const httplib::Headers preflight = {{"Origin", "https://desa.contoh.id"},
                                        {"Access-Control-Request-Method", "POST"},
                                        {"Access-Control-Request-Headers", "content-type, idempotency-key"}};
    const auto allowed = client.Options("/open311/v2/requests.json", preflight);
    REQUIRE(allowed);
    CHECK(allowed->status == 204);
    CHECK(allowed->get_header_value("Access-Control-Allow-Origin") == "https://desa.contoh.id");
    CHECK(allowed->get_header_value("Access-Control-Allow-Methods").find("POST") != std::string::npos);
    CHECK(allowed->get_header_value("Access-Control-Allow-Headers").find("Idempotency-Key") != std::string::npos);

    const auto other = client.Options("/open311/v2/requests.json", {{"Origin", "https://jahat.contoh.id"},
                                                                    {"Access-Control-Request-Method", "POST"}});
    REQUIRE(other);
    CHECK_FALSE(other->has_header("Access-Control-Allow-Origin"));

    const auto post = post_road_report(client, "", {{"Origin", "https://mitra.contoh.id"}});
    REQUIRE(post);
    CHECK(post->status == 201);
    CHECK(post->get_header_value("Access-Control-Allow-Origin") == "https://mitra.contoh.id");
    CHECK(post->get_header_value("Vary").find("Origin") != std::string::npos);
}

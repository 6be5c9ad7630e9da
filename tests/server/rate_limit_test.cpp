#include "report_test_support.hpp"

#include "server/rate_limit.hpp"

#include <catch2/catch.hpp>

using namespace badung::cityd;
using namespace badung::cityd::test;

TEST_CASE("rate limiter refills over time", "[rate-limit]") {
    RateLimiter limiter(60, 2);
    const auto start = std::chrono::steady_clock::now();
    CHECK_FALSE(limiter.take("10.0.0.1", start));
    CHECK_FALSE(limiter.take("10.0.0.1", start));
    const auto limited = limiter.take("10.0.0.1", start);
    REQUIRE(limited);
    CHECK(*limited == 1);
    CHECK_FALSE(limiter.take("10.0.0.2", start));
    CHECK_FALSE(limiter.take("10.0.0.1", start + std::chrono::milliseconds(1001)));
    CHECK(limiter.take("10.0.0.1", start + std::chrono::milliseconds(1002)));

    RateLimiter off(0, 1);
    for (int i = 0; i < 100; ++i) {
        CHECK_FALSE(off.take("10.0.0.1", start));
    }
}

TEST_CASE("POST over the limit gets 429 with Retry-After", "[rate-limit]") {
    TempDir dir;
    CitydOptions options;
    options.config = write_config(dir.path(), "rate_limit_posts_per_minute = 2\nrate_limit_burst = 3");
    CitydProcess server(options);
    httplib::Client client("127.0.0.1", server.port());

    for (int i = 0; i < 3; ++i) {
        const auto res = post_road_report(client);
        REQUIRE(res);
        CHECK(res->status == 201);
    }
    const auto limited = post_road_report(client, "", {{"Idempotency-Key", "limited-1"}});
    check_open311_error(limited, 429, "too many requests");
    const int retry_after = std::stoi(limited->get_header_value("Retry-After"));
    CHECK(retry_after >= 1);
    CHECK(retry_after <= 30);
    check_open311_error(client.Post("/media", "x", "image/jpeg"), 429, "Retry-After");

    // Reads are not limited, and nothing was stored for the limited POST.
    const auto list = client.Get("/open311/v2/requests.json");
    REQUIRE(list);
    CHECK(list->status == 200);
    CHECK(query_database(server.database(), "SELECT COUNT(*) FROM service_requests").at(0) == "3");
    CHECK(query_database(server.database(), "SELECT COUNT(*) FROM idempotency_keys").at(0) == "0");
}

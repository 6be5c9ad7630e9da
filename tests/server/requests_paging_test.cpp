#include "report_test_support.hpp"

#include <catch2/catch.hpp>

using namespace badung::cityd::test;

namespace {

std::string created_id(httplib::Client& client) {
    const auto res = post_road_report(client);
    REQUIRE(res);
    REQUIRE(res->status == 201);
    return request_id_of(res->body);
}

} // namespace

TEST_CASE("requests list pages with page and page_size", "[open311]") {
    CitydProcess server;
    httplib::Client client("127.0.0.1", server.port());
    std::vector<std::string> ids;
    for (int i = 0; i < 5; ++i) {
        ids.push_back(created_id(client));
    }

    const auto first = parse_json(client.Get("/open311/v2/requests.json?page_size=2")->body);
    REQUIRE(first.Size() == 2);
    CHECK(std::string(first[0]["service_request_id"].GetString()) == ids[4]);
    CHECK(std::string(first[1]["service_request_id"].GetString()) == ids[3]);

    const auto last = parse_json(client.Get("/open311/v2/requests.json?page_size=2&page=3")->body);
    REQUIRE(last.Size() == 1);
    CHECK(std::string(last[0]["service_request_id"].GetString()) == ids[0]);
    CHECK(parse_json(client.Get("/open311/v2/requests.json?page_size=2&page=4")->body).Size() == 0);

    check_open311_error(client.Get("/open311/v2/requests.json?page_size=0"), 400, "page_size '0'");
    check_open311_error(client.Get("/open311/v2/requests.json?page=abc"), 400, "page 'abc'");
    check_open311_error(client.Get("/open311/v2/requests.json?page_size=1001"), 400, "1..1000");
}

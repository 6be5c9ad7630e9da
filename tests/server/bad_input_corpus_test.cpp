#include "report_test_support.hpp"

#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>

using namespace badung::cityd::test;

namespace {

struct BadRequest {
    std::string name;
    int status = 0;
    std::string content_type;
    std::string body;
};

std::vector<BadRequest> load_corpus() {
    std::vector<BadRequest> corpus;
    for (const auto& entry : std::filesystem::directory_iterator(test_data_dir() / "open311" / "bad-requests")) {
        if (entry.path().extension() != ".req") {
            continue;
        }
        std::ifstream file(entry.path(), std::ios::binary);
        std::stringstream text;
        text << file.rdbuf();
        const std::string content = text.str();
        const auto newline = content.find('\n');

        BadRequest request;
        request.name = entry.path().stem().string();
        request.status = std::stoi(request.name.substr(0, 3));
        request.content_type = content.substr(0, newline);
        request.body = content.substr(newline + 1);
        corpus.push_back(std::move(request));
    }
    return corpus;
}

void check_alive_and_empty(CitydProcess& server) {
    httplib::Client client("127.0.0.1", server.port());
    const auto alive = client.Get("/open311/v2/services.json");
    REQUIRE(alive);
    CHECK(alive->status == 200);
    CHECK(query_database(server.database(), "SELECT COUNT(*) FROM service_requests").at(0) == "0");
}

} // namespace

TEST_CASE("bad-input corpus gets Open311 errors", "[bad-input]") {
    TempDir dir;
    CitydOptions options;
    options.config = write_config(dir.path(), "rate_limit_posts_per_minute = 0");
    CitydProcess server(options);
    httplib::Client client("127.0.0.1", server.port());

    const auto corpus = load_corpus();
    REQUIRE(corpus.size() >= 40);
    for (const auto& request : corpus) {
        INFO(request.name);
        if (request.content_type == "-") {
            // httplib adds a default type when none is given, so send raw bytes.
            const std::string raw = raw_http(server.port(), "POST /open311/v2/requests.json HTTP/1.1\r\n"
                                                            "Host: 127.0.0.1\r\nConnection: close\r\n"
                                                            "Content-Length: " +
                                                                std::to_string(request.body.size()) + "\r\n\r\n" +
                                                                request.body);
            CHECK(raw_status(raw) == request.status);
            CHECK(raw.find("[{\"code\":" + std::to_string(request.status)) != std::string::npos);
            continue;
        }
        check_open311_error(client.Post("/open311/v2/requests.json", request.body, request.content_type.c_str()),
                            request.status, "");
    }
    check_alive_and_empty(server);
}

TEST_CASE("huge bodies get 413", "[bad-input]") {
    CitydProcess server;
    httplib::Client client("127.0.0.1", server.port());

    const std::string huge_form = "service_code=SMP-01&lat=-8.7&long=115.17&description=" + std::string(300000, 'a');
    check_open311_error(client.Post("/open311/v2/requests.json", huge_form, form_type), 413, "larger than");

    const std::string huge_json = R"({"service_code": "SMP-01", "description": ")" + std::string(300000, 'a') + "\"}";
    check_open311_error(client.Post("/open311/v2/requests.json", huge_json, "application/json"), 413, "larger than");

    // A chunked body has no Content-Length, so the limit applies while reading.
    std::string chunked = "POST /open311/v2/requests.json HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
                          "Content-Type: application/x-www-form-urlencoded\r\nTransfer-Encoding: chunked\r\n\r\n";
    for (int i = 0; i < 40; ++i) {
        chunked += "2000\r\n" + std::string(0x2000, 'a') + "\r\n";
    }
    chunked += "0\r\n\r\n";
    const std::string response = raw_http(server.port(), chunked);
    CHECK(raw_status(response) == 413);
    CHECK(response.find("[{\"code\":413") != std::string::npos);

    // A declared length far above the limit is rejected before any body.
    const std::string declared = raw_http(server.port(), "POST /open311/v2/requests.json HTTP/1.1\r\n"
                                                         "Host: 127.0.0.1\r\nConnection: close\r\n"
                                                         "Content-Type: application/json\r\n"
                                                         "Content-Length: 10000000000\r\n\r\n{");
    CHECK(raw_status(declared) == 413);

    check_alive_and_empty(server);
}

TEST_CASE("bad list queries get Open311 errors", "[bad-input]") {
    CitydProcess server;
    httplib::Client client("127.0.0.1", server.port());
    check_open311_error(client.Get("/open311/v2/requests.json?start_date=2026-13-40T00:00:00Z"), 400, "start_date");
    check_open311_error(client.Get("/open311/v2/requests.json?status=open'%20OR%20'1'='1"), 400, "status");
    const auto injected =
        client.Get("/open311/v2/requests.json?service_request_id=BDG-1'%3B%20DROP%20TABLE%20service_requests%3B--");
    REQUIRE(injected);
    CHECK(injected->status == 200);
    CHECK(injected->body == "[]");
    check_open311_error(client.Get("/open311/v2/requests/%27%20OR%201%3D1.json"), 404, "does not exist");
    check_alive_and_empty(server);
}

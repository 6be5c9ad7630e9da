#include "report_test_support.hpp"

#include "server/staff_api.hpp"

#include <catch2/catch.hpp>

#include <regex>
#include <thread>

using namespace badung::cityd;
using namespace badung::cityd::test;

namespace {

std::string create_report(httplib::Client& client) {
    const auto res = post_road_report(client);
    REQUIRE(res);
    REQUIRE(res->status == 201);
    return request_id_of(res->body);
}

httplib::Headers staff_headers(const std::string& token = staff_token) {
    return {{"Authorization", "Bearer " + token}};
}

std::string status_path(const std::string& id) {
    return "/open311/v2/requests/" + id + "/status.json";
}

struct StaffServer {
    TempDir dir;
    CitydProcess server;
    explicit StaffServer(const std::string& token = staff_token)
        : server([this, &token] {
              CitydOptions options;
              options.config = write_config(dir.path(), "staff_token = " + token);
              return options;
          }()) {}
};

} // namespace

TEST_CASE("staff change sets status, notes, agency and expected time", "[staff]") {
    StaffServer staff;
    httplib::Client client("127.0.0.1", staff.server.port());
    const std::string id = create_report(client);
    const auto before = parse_json(client.Get(("/open311/v2/requests/" + id + ".json").c_str())->body);
    const std::string created_at = before[0]["updated_datetime"].GetString();
    CHECK(std::string(before[0]["expected_datetime"].GetString()).empty());

    std::this_thread::sleep_for(std::chrono::milliseconds(5));
    const auto res = client.Post(status_path(id).c_str(), staff_headers(),
                                 "status=closed&status_notes=Sudah+ditambal&agency_responsible=Dinas+PUPR+Badung"
                                 "&expected_datetime=2026-12-10T09:00:00Z",
                                 form_type);
    REQUIRE(res);
    INFO(res->body);
    REQUIRE(res->status == 200);
    const auto changed = parse_json(res->body);
    CHECK(std::string(changed[0]["status"].GetString()) == "closed");

    const auto after = parse_json(client.Get(("/open311/v2/requests/" + id + ".json").c_str())->body);
    CHECK(std::string(after[0]["status"].GetString()) == "closed");
    CHECK(std::string(after[0]["status_notes"].GetString()) == "Sudah ditambal");
    CHECK(std::string(after[0]["agency_responsible"].GetString()) == "Dinas PUPR Badung");
    CHECK(std::string(after[0]["expected_datetime"].GetString()) == "2026-12-10T17:00:00+08:00");
    const std::string updated_at = after[0]["updated_datetime"].GetString();
    CHECK(updated_at != created_at);
    CHECK(std::regex_match(updated_at, std::regex(R"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{3})?\+08:00)")));

    const auto closed = client.Get("/open311/v2/requests.json?status=closed");
    REQUIRE(closed);
    CHECK(closed->body.find(id) != std::string::npos);
}

TEST_CASE("staff change keeps other fields and the history", "[staff]") {
    StaffServer staff;
    httplib::Client client("127.0.0.1", staff.server.port());
    const std::string id = create_report(client);

    REQUIRE(client.Post(status_path(id).c_str(), staff_headers(), R"({"agency_responsible": "Satpol PP"})",
                        "application/json")->status == 200);
    REQUIRE(client.Post(status_path(id).c_str(), staff_headers(), "status=closed", form_type)->status == 200);
    REQUIRE(client.Post(("/open311/v2/requests/" + id + "/status").c_str(), staff_headers(),
                        "status=open&status_notes=Dibuka+lagi", form_type)->status == 200);

    const auto current = parse_json(client.Get(("/open311/v2/requests/" + id + ".json").c_str())->body);
    CHECK(std::string(current[0]["agency_responsible"].GetString()) == "Satpol PP");
    CHECK(std::string(current[0]["status"].GetString()) == "open");

    const auto res = client.Get(("/open311/v2/requests/" + id + "/history.json").c_str(), staff_headers());
    REQUIRE(res);
    REQUIRE(res->status == 200);
    const auto history = parse_json(res->body);
    REQUIRE(history.IsArray());
    REQUIRE(history.Size() == 3);
    CHECK(std::string(history[0]["previous_status"].GetString()) == "open");
    CHECK(std::string(history[0]["status"].GetString()) == "open");
    CHECK(std::string(history[1]["status"].GetString()) == "closed");
    CHECK(std::string(history[2]["previous_status"].GetString()) == "closed");
    CHECK(std::string(history[2]["status_notes"].GetString()) == "Dibuka lagi");
    CHECK(std::string(history[2]["changed_datetime"].GetString()).find("+08:00") != std::string::npos);

    check_open311_error(client.Get(("/open311/v2/requests/" + id + "/history.json").c_str()), 401,
                        "staff token is missing");
}

TEST_CASE("staff route rejects missing and wrong tokens", "[staff]") {
    StaffServer staff;
    httplib::Client client("127.0.0.1", staff.server.port());
    const std::string id = create_report(client);

    const auto missing = client.Post(status_path(id).c_str(), "status=closed", form_type);
    check_open311_error(missing, 401, "staff token is missing");
    CHECK(missing->get_header_value("WWW-Authenticate").rfind("Bearer", 0) == 0);

    check_open311_error(client.Post(status_path(id).c_str(), staff_headers("staff-token-for-tests-0123456788"),
                                    "status=closed", form_type),
                        403, "staff token is not valid");
    check_open311_error(client.Post(status_path(id).c_str(), {{"Authorization", std::string("Basic ") + staff_token}},
                                    "status=closed", form_type),
                        403, "staff token is not valid");

    const auto unchanged = parse_json(client.Get(("/open311/v2/requests/" + id + ".json").c_str())->body);
    CHECK(std::string(unchanged[0]["status"].GetString()) == "open");
    CHECK(staff.server.output().find(staff_token) == std::string::npos);
}

TEST_CASE("staff route takes the scheme in any case", "[staff]") {
    StaffServer staff;
    httplib::Client client("127.0.0.1", staff.server.port());
    const std::string id = create_report(client);

    const auto res = client.Post(status_path(id).c_str(), {{"Authorization", std::string("bearer ") + staff_token}},
                                 "status=closed", form_type);
    REQUIRE(res);
    CHECK(res->status == 200);
}

TEST_CASE("staff route is disabled without a token", "[staff]") {
    CitydProcess server;
    httplib::Client client("127.0.0.1", server.port());
    const std::string id = create_report(client);
    check_open311_error(client.Post(status_path(id).c_str(), staff_headers(), "status=closed", form_type), 403,
                        "staff changes are disabled");
}

TEST_CASE("staff change validates its fields", "[staff]") {
    StaffServer staff;
    httplib::Client client("127.0.0.1", staff.server.port());
    const std::string id = create_report(client);
    const auto change = [&](const std::string& body) {
        return client.Post(status_path(id).c_str(), staff_headers(), body, form_type);
    };

    check_open311_error(change("status=done"), 400, "status 'done'");
    check_open311_error(change("expected_datetime=besok"), 400, "expected_datetime 'besok'");
    check_open311_error(change("description=x"), 400, "field 'description' cannot be changed");
    check_open311_error(change(""), 400, "changes nothing");
    check_open311_error(change("status_notes=%FF"), 400, "status_notes is not valid UTF-8");
    check_open311_error(client.Post(status_path("BDG-999999").c_str(), staff_headers(), "status=closed", form_type),
                        404, "BDG-999999");
    check_open311_error(client.Post(status_path(id).c_str(), staff_headers(), "status=closed", "text/plain"), 415,
                        "text/plain");
}

TEST_CASE("staff change is logged without the token", "[staff]") {
    StaffServer staff;
    httplib::Client client("127.0.0.1", staff.server.port());
    const std::string id = create_report(client);
    REQUIRE(client.Post(status_path(id).c_str(), staff_headers(), "status=closed", form_type)->status == 200);

    CHECK(staff.server.wait_for_output("event=staff_change service_request_id=" + id +
                                       " previous_status=open status=closed"));
    CHECK(staff.server.output().find(staff_token) == std::string::npos);
}

TEST_CASE("staff token comparison", "[staff]") {
    CHECK(secrets_equal("abcdef", "abcdef"));
    CHECK_FALSE(secrets_equal("abcdeg", "abcdef"));
    CHECK_FALSE(secrets_equal("abcde", "abcdef"));
    CHECK_FALSE(secrets_equal("abcdefg", "abcdef"));
    CHECK_FALSE(secrets_equal("", "abcdef"));
}

TEST_CASE("staff change based on an old state gets 409", "[staff]") {
    StaffServer staff;
    httplib::Client client("127.0.0.1", staff.server.port());
    const std::string id = create_report(client);
    const auto seen = parse_json(client.Get(("/open311/v2/requests/" + id + ".json").c_str())->body);
    std::string seen_at = seen[0]["updated_datetime"].GetString();
    seen_at.replace(seen_at.find('+'), 1, "%2B");

    std::this_thread::sleep_for(std::chrono::milliseconds(5));
    const auto first = client.Post(status_path(id).c_str(), staff_headers(),
                                   "status=closed&updated_datetime=" + seen_at, form_type);
    REQUIRE(first);
    CHECK(first->status == 200);

    const auto stale = client.Post(status_path(id).c_str(), staff_headers(),
                                   "status=open&status_notes=Dibuka&updated_datetime=" + seen_at, form_type);
    check_open311_error(stale, 409, "reload the request");
    const auto current = parse_json(client.Get(("/open311/v2/requests/" + id + ".json").c_str())->body);
    CHECK(std::string(current[0]["status"].GetString()) == "closed");
    CHECK(std::string(current[0]["status_notes"].GetString()).empty());

    check_open311_error(client.Post(status_path(id).c_str(), staff_headers(), "status=open&updated_datetime=kemarin",
                                    form_type),
                        400, "updated_datetime 'kemarin'");
}

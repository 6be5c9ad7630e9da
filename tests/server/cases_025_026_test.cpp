// Cases 025 (double submit) and 026 (Open311 date-times in WITA): the
// server's side of each, run against the real server and database.
#include "cityd_process.hpp"

#include "server/wita_time.hpp"

#include <catch2/catch.hpp>
#include <httplib.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>
#include <sqlite3.h>

#include <algorithm>
#include <fstream>
#include <regex>
#include <sstream>
#include <thread>

using namespace badung::cityd;
using namespace badung::cityd::test;

namespace {

rapidjson::Document read_case_json(const std::string& case_name, const std::string& file) {
    std::ifstream stream(test_data_dir() / "cases" / case_name / file);
    std::stringstream text;
    text << stream.rdbuf();
    return parse_json(text.str());
}

int count_rows(const std::filesystem::path& database) {
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open_v2(database.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK);
    sqlite3_stmt* statement = nullptr;
    REQUIRE(sqlite3_prepare_v2(db, "SELECT COUNT(*) FROM service_requests", -1, &statement, nullptr) == SQLITE_OK);
    REQUIRE(sqlite3_step(statement) == SQLITE_ROW);
    const int count = sqlite3_column_int(statement, 0);
    sqlite3_finalize(statement);
    sqlite3_close(db);
    return count;
}

// Stores requests with given ids and times straight into the database, as
// if they had been sent at those times.
void insert_requests_at(const std::filesystem::path& database, const rapidjson::Value& requests) {
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open(database.c_str(), &db) == SQLITE_OK);
    sqlite3_busy_timeout(db, 5000);
    for (const auto& request : requests.GetArray()) {
        const auto instant = parse_iso8601(request["requested_datetime"].GetString());
        REQUIRE(instant);
        sqlite3_stmt* statement = nullptr;
        REQUIRE(sqlite3_prepare_v2(db,
                                   "INSERT INTO service_requests (service_request_id, service_code, lat, long, "
                                   "requested_at_ms, updated_at_ms) VALUES (?, ?, ?, ?, ?, ?)",
                                   -1, &statement, nullptr) == SQLITE_OK);
        sqlite3_bind_text(statement, 1, request["service_request_id"].GetString(), -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(statement, 2, request["service_code"].GetString(), -1, SQLITE_TRANSIENT);
        sqlite3_bind_double(statement, 3, request["lat"].GetDouble());
        sqlite3_bind_double(statement, 4, request["long"].GetDouble());
        sqlite3_bind_int64(statement, 5, *instant);
        sqlite3_bind_int64(statement, 6, *instant);
        REQUIRE(sqlite3_step(statement) == SQLITE_DONE);
        sqlite3_finalize(statement);
    }
    sqlite3_close(db);
}

std::vector<std::string> request_ids(httplib::Client& client, const std::string& path) {
    const auto res = client.Get(path.c_str());
    REQUIRE(res);
    INFO("GET " << path << " -> " << res->body);
    REQUIRE(res->status == 200);
    const auto requests = parse_json(res->body);
    std::vector<std::string> ids;
    for (const auto& request : requests.GetArray()) {
        ids.emplace_back(request["service_request_id"].GetString());
    }
    std::sort(ids.begin(), ids.end());
    return ids;
}

} // namespace

TEST_CASE("case 025 double submit stores one request", "[open311][case025]") {
    const auto form = read_case_json("025-double-submit", "form.json");
    rapidjson::Document body;
    body.SetObject();
    for (const char* field : {"service_code", "lat", "long", "description"}) {
        body.AddMember(rapidjson::StringRef(field), rapidjson::Value(form[field], body.GetAllocator()),
                       body.GetAllocator());
    }
    rapidjson::StringBuffer buffer;
    rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
    body.Accept(writer);
    const std::string json = buffer.GetString();
    // The outbox sends every attempt of one item with the item's local id as key.
    const httplib::Headers key = {{"Idempotency-Key", form["local_id"].GetString()}};

    CitydProcess server;

    // Two taps and an Enter race each other; then a retry after a lost response.
    std::vector<std::string> ids(3);
    std::vector<std::thread> taps;
    for (std::size_t i = 0; i < ids.size(); ++i) {
        taps.emplace_back([&, i] {
            httplib::Client client("127.0.0.1", server.port());
            const auto res = client.Post("/open311/v2/requests.json", key, json, "application/json");
            if (res && res->status == 201) {
                ids[i] = request_id_of(res->body);
            }
        });
    }
    for (auto& tap : taps) {
        tap.join();
    }
    httplib::Client client("127.0.0.1", server.port());
    const auto retry = client.Post("/open311/v2/requests.json", key, json, "application/json");
    REQUIRE(retry);
    CHECK(retry->status == 201);
    const std::string retry_id = parse_json(retry->body)[0]["service_request_id"].GetString();

    CHECK_FALSE(ids[0].empty());
    for (const auto& id : ids) {
        CHECK(id == ids[0]);
    }
    CHECK(retry_id == ids[0]);
    CHECK(count_rows(server.database()) == 1);
}

TEST_CASE("case 026 today query selects by instant", "[open311][case026][time]") {
    const auto requests = read_case_json("026-open311-datetime-wita", "requests_response.json");
    const auto expected = read_case_json("026-open311-datetime-wita", "expected.json");
    std::vector<std::string> today;
    for (const auto& id : expected["today_ids"].GetArray()) {
        today.emplace_back(id.GetString());
    }

    CitydProcess server; // started with TZ=UTC, while the case's device is in WITA
    insert_requests_at(server.database(), requests);
    httplib::Client client("127.0.0.1", server.port());

    CHECK(request_ids(client, "/open311/v2/requests.json?" + std::string(expected["today_query"].GetString())) ==
          today);
    CHECK(request_ids(client, "/open311/v2/requests.json?" +
                                  std::string(expected["today_query_equivalent_utc"].GetString())) == today);

    // Every requested_datetime comes back as the expected WITA local time.
    const auto res = client.Get("/open311/v2/requests.json");
    REQUIRE(res);
    const auto all = parse_json(res->body);
    for (const auto& item : expected["items"].GetArray()) {
        const std::string id = item["id"].GetString();
        INFO("request " << id);
        bool found = false;
        for (const auto& request : all.GetArray()) {
            if (id == request["service_request_id"].GetString()) {
                found = true;
                CHECK(std::string(request["requested_datetime"].GetString()) ==
                      // The server writes milliseconds, the case microseconds.
                      std::regex_replace(std::string(item["local_wita"].GetString()), std::regex(R"(\.(\d{3})000)"),
                                         ".$1"));
            }
        }
        CHECK(found);
    }
}

#include "cityd_process.hpp"

#include "server/wita_time.hpp"

#include <catch2/catch.hpp>
#include <httplib.h>
#include <sqlite3.h>

#include <regex>
#include <thread>

using namespace badung::cityd;
using namespace badung::cityd::test;

namespace {

const char* const requests_path = "/open311/v2/requests.json";
const char* const form_type = "application/x-www-form-urlencoded";

// Runs a query on the server's database and returns the first column of
// each row as text.
std::vector<std::string> query_column(const std::filesystem::path& database, const std::string& sql) {
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open_v2(database.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK);
    sqlite3_stmt* statement = nullptr;
    REQUIRE(sqlite3_prepare_v2(db, sql.c_str(), -1, &statement, nullptr) == SQLITE_OK);
    std::vector<std::string> values;
    while (sqlite3_step(statement) == SQLITE_ROW) {
        const auto* text = sqlite3_column_text(statement, 0);
        values.emplace_back(text != nullptr ? reinterpret_cast<const char*>(text) : "");
    }
    sqlite3_finalize(statement);
    sqlite3_close(db);
    return values;
}

int count_requests(const CitydProcess& server) {
    return std::stoi(query_column(server.database(), "SELECT COUNT(*) FROM service_requests").at(0));
}

httplib::Result post(httplib::Client& client, const std::string& body, const char* type,
                     const httplib::Headers& headers = {}) {
    return client.Post(requests_path, headers, body, type);
}

std::string created_id(const httplib::Result& res) {
    REQUIRE(res);
    INFO("body: " << res->body);
    REQUIRE(res->status == 201);
    const auto body = parse_json(res->body);
    REQUIRE(body.IsArray());
    REQUIRE(body.Size() == 1);
    CHECK(body[0]["service_notice"].IsString());
    return body[0]["service_request_id"].GetString();
}

// Checks an Open311 error array: [{"code": status, "description": ...}]
// whose description names `field`.
void check_open311_error(const httplib::Result& res, int status, const std::string& field) {
    REQUIRE(res);
    INFO("body: " << res->body);
    CHECK(res->status == status);
    const auto body = parse_json(res->body);
    REQUIRE(body.IsArray());
    REQUIRE(body.Size() == 1);
    CHECK(body[0]["code"].GetInt() == status);
    CHECK(std::string(body[0]["description"].GetString()).find(field) != std::string::npos);
}

const std::string road_form = "service_code=JLN-01&lat=-8.7177&long=115.1691"
                              "&description=Jalan+berlubang+di+depan+balai+banjar%0ADekat+pura"
                              "&attribute%5Btingkat%5D=berat&first_name=Made&last_name=Sari"
                              "&email=made%40contoh.id&phone=%2B62+361+123456&device_id=u9&consent=true";

} // namespace

TEST_CASE("form report is stored in SQLite", "[open311]") {
    CitydProcess server;
    httplib::Client client("127.0.0.1", server.port());

    const std::string id = created_id(post(client, road_form, form_type));
    CHECK(std::regex_match(id, std::regex("BDG-[0-9]+")));

    const std::string where = " FROM service_requests WHERE service_request_id = '" + id + "'";
    CHECK(query_column(server.database(), "SELECT service_code" + where).at(0) == "JLN-01");
    CHECK(query_column(server.database(), "SELECT description" + where).at(0) ==
          "Jalan berlubang di depan balai banjar\nDekat pura");
    CHECK(query_column(server.database(), "SELECT lat" + where).at(0) == "-8.7177");
    CHECK(query_column(server.database(), "SELECT long" + where).at(0) == "115.1691");
    CHECK(query_column(server.database(), "SELECT attributes_json" + where).at(0) == R"({"tingkat":["berat"]})");
    CHECK(query_column(server.database(), "SELECT email" + where).at(0) == "made@contoh.id");
    CHECK(query_column(server.database(), "SELECT phone" + where).at(0) == "+62 361 123456");
    CHECK(query_column(server.database(), "SELECT first_name || ' ' || last_name" + where).at(0) == "Made Sari");
    CHECK(query_column(server.database(), "SELECT status" + where).at(0) == "open");
    CHECK(count_requests(server) == 1);
}

TEST_CASE("JSON report is stored in SQLite", "[open311]") {
    CitydProcess server;
    httplib::Client client("127.0.0.1", server.port());

    const std::string body = R"({"service_code": "SMP-01", "lat": -8.65, "long": "115.13",
        "description": "Sampah menumpuk di pinggir sungai", "attribute": {"jenis": ["plastik", "rumah_tangga"]},
        "media_url": "https://contoh.id/foto/1.jpg", "jurisdiction_id": "badung"})";
    const std::string id = created_id(post(client, body, "application/json; charset=utf-8"));

    const std::string where = " FROM service_requests WHERE service_request_id = '" + id + "'";
    CHECK(query_column(server.database(), "SELECT service_code" + where).at(0) == "SMP-01");
    CHECK(query_column(server.database(), "SELECT long" + where).at(0) == "115.13");
    CHECK(query_column(server.database(), "SELECT attributes_json" + where).at(0) ==
          R"({"jenis":["plastik","rumah_tangga"]})");
    CHECK(query_column(server.database(), "SELECT media_url" + where).at(0) == "https://contoh.id/foto/1.jpg");
}

TEST_CASE("database uses WAL and schema migrations", "[open311]") {
    CitydProcess server;
    CHECK(query_column(server.database(), "PRAGMA journal_mode").at(0) == "wal");
    CHECK(query_column(server.database(), "SELECT version FROM schema_migrations") ==
          std::vector<std::string>{"1", "2"});
}

TEST_CASE("long non-Latin description over 8 KiB is accepted", "[open311]") {
    CitydProcess server;
    httplib::Client client("127.0.0.1", server.port());

    // Balinese letter A (U+1B05) is 3 bytes in UTF-8 and 9 when percent-encoded.
    std::string letters;
    std::string encoded;
    for (int i = 0; i < 4000; ++i) {
        letters += "\xE1\xAC\x85";
        encoded += "%E1%AC%85";
    }
    const std::string body = "service_code=LPJ-01&lat=-8.60&long=115.18&description=" + encoded;
    REQUIRE(body.size() > 8192);
    const std::string id = created_id(post(client, body, form_type));
    CHECK(query_column(server.database(),
                       "SELECT description FROM service_requests WHERE service_request_id = '" + id + "'")
              .at(0) == letters);

    check_open311_error(post(client, body + "%E1%AC%85", form_type), 400, "description has 4001 characters");
    CHECK(count_requests(server) == 1);
}

TEST_CASE("invalid reports get the Open311 error array", "[open311]") {
    CitydProcess server;
    httplib::Client client("127.0.0.1", server.port());

    const std::string place = "&lat=-8.7177&long=115.1691";
    const std::pair<std::string, std::string> cases[] = {
        {"lat=-8.7177&long=115.1691", "service_code is missing"},
        {"service_code=XYZ-99" + place, "'XYZ-99'"},
        {"service_code=JLN-01&lat=-6.2&long=106.8", "outside Kabupaten Badung"},
        {"service_code=JLN-01&lat=-8.95&long=115.15", "outside Kabupaten Badung"},
        {"service_code=JLN-01&lat=-8.7177", "long is missing"},
        {"service_code=JLN-01", "location is missing"},
        {"service_code=JLN-01&lat=abc&long=115.1691", "lat 'abc'"},
        {"service_code=JLN-01&lat=-98&long=115.1691", "lat '-98'"},
        {"service_code=JLN-01" + place + "&email=bukan-email", "email 'bukan-email'"},
        {"service_code=JLN-01" + place + "&phone=abc", "phone 'abc'"},
        {"service_code=JLN-01" + place + "&attribute%5Btingkat%5D=parah", "attribute[tingkat] 'parah'"},
        {"service_code=JLN-01" + place + "&attribute%5Bwarna%5D=merah", "'warna'"},
        {"service_code=DRN-01" + place, "attribute[genangan] is required"},
        {"service_code=JLN-01" + place + "&media_url=ftp%3A%2F%2Fx%2Fa.jpg", "media_url"},
        {"service_code=JLN-01" + place + "&description=%FF%FE", "description is not valid UTF-8"},
        {"service_code=JLN-01" + place + "&first_name=a%00b", "first_name contains a control character"},
        {"service_code=JLN-01" + place + "&lat=-8.7", "'lat' appears more than once"},
        {"service_code=JLN-01" + place + "&description=100%25%ZZ", "'%ZZ'"},
    };
    for (const auto& [body, named] : cases) {
        INFO("body: " << body);
        check_open311_error(post(client, body, form_type), 400, named);
    }

    check_open311_error(post(client, "{\"service_code\": ", "application/json"), 400, "not valid JSON");
    check_open311_error(post(client, "[1, 2]", "application/json"), 400, "must be an object");
    check_open311_error(post(client, R"({"service_code": ["JLN-01"]})", "application/json"), 400, "'service_code'");
    CHECK(count_requests(server) == 0);
}

TEST_CASE("wrong content type gets 415 and large body 413", "[open311]") {
    CitydProcess server;
    httplib::Client client("127.0.0.1", server.port());

    check_open311_error(post(client, road_form, "text/plain"), 415, "text/plain");
    check_open311_error(post(client, road_form, "multipart/form-data; boundary=x"), 415, "multipart/form-data");

    const std::string huge = road_form + "&description=" + std::string(300 * 1024, 'a');
    check_open311_error(post(client, huge, form_type), 413, "larger than 262144 bytes");
    CHECK(count_requests(server) == 0);
}

TEST_CASE("idempotency key replays the first response", "[open311]") {
    CitydProcess server;
    httplib::Client client("127.0.0.1", server.port());
    const httplib::Headers key = {{"Idempotency-Key", "u9-2026-12-04-0001"}};

    const auto first = post(client, road_form, form_type, key);
    const std::string id = created_id(first);
    const auto retry = post(client, road_form, form_type, key);
    CHECK(created_id(retry) == id);
    CHECK(retry->body == first->body);
    CHECK(retry->get_header_value("Idempotent-Replayed") == "true");
    CHECK(count_requests(server) == 1);

    // The same request as JSON is the same request.
    const std::string as_json = R"({"service_code": "JLN-01", "lat": -8.7177, "long": 115.1691,
        "description": "Jalan berlubang di depan balai banjar\nDekat pura", "attribute": {"tingkat": "berat"},
        "first_name": "Made", "last_name": "Sari", "email": "made@contoh.id", "phone": "+62 361 123456",
        "device_id": "u9", "consent": true})";
    CHECK(created_id(post(client, as_json, "application/json", key)) == id);

    const auto changed = post(client, road_form + "&address_string=Jalan+Raya+Kuta", form_type, key);
    check_open311_error(changed, 422, id);
    CHECK(count_requests(server) == 1);

    // Another key is another request.
    const std::string second = created_id(post(client, road_form, form_type, {{"Idempotency-Key", "other"}}));
    CHECK(second != id);
    CHECK(count_requests(server) == 2);
    CHECK(query_column(server.database(), "SELECT COUNT(*) FROM idempotency_keys").at(0) == "2");
}

TEST_CASE("concurrent retries with one key store one request", "[open311]") {
    CitydProcess server;
    std::vector<std::string> ids(6);
    std::vector<std::thread> senders;
    for (std::size_t i = 0; i < ids.size(); ++i) {
        senders.emplace_back([&server, &ids, i] {
            httplib::Client client("127.0.0.1", server.port());
            const auto res = client.Post(requests_path, {{"Idempotency-Key", "double-tap"}}, road_form, form_type);
            if (res && res->status == 201) {
                ids[i] = request_id_of(res->body);
            }
        });
    }
    for (auto& sender : senders) {
        sender.join();
    }
    for (const auto& id : ids) {
        CHECK(id == ids[0]);
    }
    CHECK_FALSE(ids[0].empty());
    CHECK(count_requests(server) == 1);
}

TEST_CASE("invalid idempotency key gets 400", "[open311]") {
    CitydProcess server;
    httplib::Client client("127.0.0.1", server.port());
    check_open311_error(post(client, road_form, form_type, {{"Idempotency-Key", std::string(300, 'k')}}), 400,
                        "Idempotency-Key");
    check_open311_error(post(client, road_form, form_type, {{"Idempotency-Key", "dua kata"}}), 400,
                        "Idempotency-Key");
    CHECK(count_requests(server) == 0);
}

TEST_CASE("requested time is WITA under TZ=UTC", "[open311][time]") {
    CitydProcess server; // started with TZ=UTC
    httplib::Client client("127.0.0.1", server.port());

    const std::int64_t before = now_unix_ms();
    const std::string id = created_id(post(client, road_form, form_type));
    const std::int64_t after = now_unix_ms();

    const auto res = client.Get(("/open311/v2/requests/" + id + ".json").c_str());
    REQUIRE(res);
    REQUIRE(res->status == 200);
    const auto body = parse_json(res->body);
    const std::string requested = body[0]["requested_datetime"].GetString();
    INFO("requested_datetime " << requested);
    CHECK(std::regex_match(requested, std::regex(R"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{3})?\+08:00)")));

    const auto instant = parse_iso8601(requested);
    REQUIRE(instant);
    CHECK(*instant >= before - 1000);
    CHECK(*instant <= after + 1000);

    // The hour is the UTC hour plus 8, whatever the host zone.
    const std::time_t seconds = static_cast<std::time_t>(*instant / 1000);
    std::tm utc{};
    gmtime_r(&seconds, &utc);
    CHECK(std::stoi(requested.substr(11, 2)) == (utc.tm_hour + 8) % 24);
}

#include "cityd_process.hpp"

#include "server/wita_time.hpp"

#include <catch2/catch.hpp>
#include <httplib.h>

#include <set>

using namespace badung::cityd;
using namespace badung::cityd::test;

namespace {

const char* const form_type = "application/x-www-form-urlencoded";

rapidjson::Document get_json(httplib::Client& client, const std::string& path, int expected_status) {
    const auto res = client.Get(path.c_str());
    REQUIRE(res);
    INFO("GET " << path << " -> " << res->body);
    REQUIRE(res->status == expected_status);
    return parse_json(res->body);
}

std::string create(httplib::Client& client, const std::string& body) {
    const auto res = client.Post("/open311/v2/requests.json", body, form_type);
    REQUIRE(res);
    REQUIRE(res->status == 201);
    return parse_json(res->body)[0]["service_request_id"].GetString();
}

std::string query_time(std::int64_t unix_ms) {
    std::string text = format_wita(unix_ms);
    return text.replace(text.find('+'), 1, "%2B");
}

} // namespace

TEST_CASE("services list has Badung's categories", "[open311]") {
    CitydProcess server;
    httplib::Client client("127.0.0.1", server.port());

    const auto services = get_json(client, "/open311/v2/services.json", 200);
    std::set<std::string> codes;
    for (const auto& service : services.GetArray()) {
        codes.insert(service["service_code"].GetString());
        CHECK(service["service_name"].IsString());
        CHECK(service["service_name_en"].IsString());
        CHECK(service["group"].IsString());
        CHECK(service["metadata"].IsBool());
        CHECK(service["keywords"].IsString());
    }
    CHECK(codes == std::set<std::string>{"JLN-01", "DRN-01", "LPJ-01", "PHN-01", "SMP-01", "KAM-01"});
}

TEST_CASE("service definition lists attributes", "[open311]") {
    CitydProcess server;
    httplib::Client client("127.0.0.1", server.port());

    const auto drain = get_json(client, "/open311/v2/services/DRN-01.json", 200);
    CHECK(std::string(drain["service_code"].GetString()) == "DRN-01");
    REQUIRE(drain["attributes"].Size() == 1);
    const auto& flooded = drain["attributes"][0];
    CHECK(std::string(flooded["code"].GetString()) == "genangan");
    CHECK(std::string(flooded["datatype"].GetString()) == "singlevaluelist");
    CHECK(flooded["required"].GetBool());
    REQUIRE(flooded["values"].Size() == 2);
    CHECK(std::string(flooded["values"][0]["key"].GetString()) == "ya");
    CHECK(std::string(flooded["values"][0]["name"].GetString()) == "Ya");
    CHECK(std::string(flooded["values"][0]["name_en"].GetString()) == "Yes");

    const auto missing = get_json(client, "/open311/v2/services/NOPE.json", 404);
    CHECK(missing[0]["code"].GetInt() == 404);
    CHECK(std::string(missing[0]["description"].GetString()).find("'NOPE'") != std::string::npos);
}

TEST_CASE("GET requests never returns personal fields", "[open311]") {
    CitydProcess server;
    httplib::Client client("127.0.0.1", server.port());

    const std::string id = create(client, "service_code=PHN-01&lat=-8.5&long=115.2&attribute%5Bmenghalangi_jalan%5D=ya"
                                          "&first_name=Ketut&last_name=Rahayu&email=ketut%40contoh.id"
                                          "&phone=081234567890&device_id=perangkat-7&consent=true");
    for (const std::string& path : {std::string("/open311/v2/requests.json"), "/open311/v2/requests/" + id + ".json"}) {
        const auto res = client.Get(path.c_str());
        REQUIRE(res);
        INFO("GET " << path << " -> " << res->body);
        CHECK(res->status == 200);
        for (const char* personal : {"Ketut", "Rahayu", "ketut@contoh.id", "081234567890", "perangkat-7", "email",
                                     "phone", "first_name", "last_name", "device_id"}) {
            CHECK(res->body.find(personal) == std::string::npos);
        }
        const auto body = parse_json(res->body);
        REQUIRE(body.Size() == 1);
        CHECK(std::string(body[0]["service_request_id"].GetString()) == id);
        CHECK(std::string(body[0]["service_name"].GetString()) == "Pohon tumbang");
        CHECK(body[0]["lat"].GetDouble() == Approx(-8.5));
    }
}

TEST_CASE("GET requests filters by date range and code", "[open311][time]") {
    CitydProcess server;
    httplib::Client client("127.0.0.1", server.port());

    const std::string road = create(client, "service_code=JLN-01&lat=-8.7&long=115.17");
    const std::string light = create(client, "service_code=LPJ-01&lat=-8.6&long=115.18");
    const std::int64_t now = now_unix_ms();
    const std::int64_t hour = 3600 * 1000;

    const auto recent = get_json(client, "/open311/v2/requests.json?start_date=" + query_time(now - hour) +
                                             "&end_date=" + query_time(now + hour), 200);
    CHECK(recent.Size() == 2);

    const auto earlier = get_json(client, "/open311/v2/requests.json?end_date=" + query_time(now - hour), 200);
    CHECK(earlier.Size() == 0);

    // The same instant written in UTC selects the same requests.
    const auto utc = get_json(client, "/open311/v2/requests.json?start_date=2000-01-01T00:00:00Z", 200);
    CHECK(utc.Size() == 2);

    const auto lights = get_json(client, "/open311/v2/requests.json?service_code=LPJ-01", 200);
    REQUIRE(lights.Size() == 1);
    CHECK(std::string(lights[0]["service_request_id"].GetString()) == light);

    const auto both = get_json(client, "/open311/v2/requests.json?service_request_id=" + road + "," + light, 200);
    CHECK(both.Size() == 2);

    const auto date_only = get_json(client, "/open311/v2/requests.json?start_date=2026-12-04", 400);
    CHECK(std::string(date_only[0]["description"].GetString()).find("'2026-12-04'") != std::string::npos);

    get_json(client, "/open311/v2/requests/BDG-999999.json", 404);
}

TEST_CASE("GET requests rejects repeated parameters", "[open311]") {
    CitydProcess server;
    httplib::Client client("127.0.0.1", server.port());

    const std::vector<std::pair<std::string, std::string>> cases = {
        {"page_size=5&page_size=5", "'page_size'"},
        {"page=1&page=2", "'page'"},
        {"status=open&status=open", "'status'"},
        {"service_code=JLN-01&service_code=JLN-01", "'service_code'"},
        {"start_date=2000-01-01T00:00:00Z&start_date=2000-01-01T00:00:00Z", "'start_date'"},
    };
    for (const auto& [query, name] : cases) {
        INFO(query);
        const auto error = get_json(client, "/open311/v2/requests.json?" + query, 400);
        REQUIRE(error.IsArray());
        CHECK(error[0]["code"].GetInt() == 400);
        const std::string description = error[0]["description"].GetString();
        CHECK(description.find(name) != std::string::npos);
        CHECK(description.find("appears more than once") != std::string::npos);
    }

    // Parameters the route does not read stay ignored, as Open311 clients send them.
    get_json(client, "/open311/v2/requests.json?api_key=x&api_key=x&status=open", 200);
}

#include "core/open311/json_value.hpp"
#include "core/open311/requests_query.hpp"
#include "core/open311/service_request.hpp"
#include "core/time/date_time.hpp"
#include "core/time/local_day.hpp"

#include "test_data.hpp"

#include <catch2/catch.hpp>
#include <rapidjson/document.h>

#include <cstdlib>
#include <ctime>
#include <string>
#include <vector>

using namespace badung;
using badung::test::read_test_file;

namespace {

const std::string case_026 = "cases/026-open311-datetime-wita/";

// Sets the process time zone, so a test can show that results ignore it.
void set_process_time_zone(const char* zone) {
    ::setenv("TZ", zone, 1);
    ::tzset();
}

std::vector<std::string> ids_of(const std::vector<open311::ServiceRequest>& requests) {
    std::vector<std::string> ids;
    for (const auto& request : requests) {
        ids.push_back(request.service_request_id);
    }
    return ids;
}

// Checks every item of the case against expected.json: the UTC instant, the
// WITA local time, the "today" flag, the today list and the query string.
void check_case_026() {
    rapidjson::Document expected;
    expected.Parse(read_test_file(case_026 + "expected.json").c_str());
    REQUIRE(expected.IsObject());

    const auto list = open311::parse_service_requests(read_test_file(case_026 + "requests_response.json"));
    CHECK(list.problems.empty());
    REQUIRE(list.requests.size() == expected["items"].Size());

    const time::CivilDate today = time::parse_civil_date(expected["today_local"].GetString());
    const time::InstantRange today_range = time::local_day_range(today, time::wita_offset_minutes);

    time::FormatOptions as_expected;
    as_expected.fraction_digits = 6;

    for (rapidjson::SizeType i = 0; i < expected["items"].Size(); ++i) {
        const auto& item = expected["items"][i];
        const auto& request = list.requests[i];
        INFO("item " << item["id"].GetString());
        REQUIRE(request.service_request_id == item["id"].GetString());
        REQUIRE(request.requested_datetime);

        const std::int64_t utc_ms = request.requested_datetime->utc_ms;
        CHECK(utc_ms == time::parse_date_time(item["utc"].GetString()).utc_ms);
        CHECK(time::format_date_time(utc_ms, 0, as_expected) == item["utc"].GetString());
        CHECK(time::format_wita(utc_ms, as_expected) == item["local_wita"].GetString());
        CHECK(today_range.contains(utc_ms) == item["in_today_2026_12_04"].GetBool());
    }

    std::vector<std::string> expected_ids;
    for (const auto& id : expected["today_ids"].GetArray()) {
        expected_ids.emplace_back(id.GetString());
    }
    CHECK(ids_of(open311::requested_within(list.requests, today_range)) == expected_ids);

    // Any instant of the local day gives the same query, also the first and last.
    CHECK(open311::day_query(today_range.begin_ms) == expected["today_query"].GetString());
    CHECK(open311::day_query(today_range.end_ms - 1) == expected["today_query"].GetString());
    // The UTC form of the same range, with each value percent-encoded.
    const std::string utc_query = expected["today_query_equivalent_utc"].GetString();
    const std::size_t start = utc_query.find('=') + 1;
    const std::size_t amp = utc_query.find('&');
    const std::size_t end = utc_query.find('=', amp) + 1;
    const std::string encoded_utc_query =
        "start_date=" + open311::percent_encode(utc_query.substr(start, amp - start)) +
        "&end_date=" + open311::percent_encode(utc_query.substr(end));
    CHECK(open311::date_range_query(today_range, 0) == encoded_utc_query);
}

} // namespace

TEST_CASE("case 026 Open311 date-times in WITA", "[open311][time][case]") {
    const char* saved = std::getenv("TZ");
    const std::string saved_zone = saved ? saved : "";

    for (const char* zone : {"UTC", "Asia/Makassar", "Asia/Jakarta", "America/New_York"}) {
        INFO("process TZ=" << zone);
        set_process_time_zone(zone);
        check_case_026();
    }

    if (saved) {
        set_process_time_zone(saved_zone.c_str());
    } else {
        ::unsetenv("TZ");
        ::tzset();
    }
}

TEST_CASE("percent encoding of query values", "[open311]") {
    CHECK(open311::percent_encode("2026-12-04T00:00:00+08:00") == "2026-12-04T00%3A00%3A00%2B08%3A00");
    CHECK(open311::percent_encode("a b&c=d~_.-") == "a%20b%26c%3Dd~_.-");
    CHECK(open311::percent_encode("jalan \xC3\xA9") == "jalan%20%C3%A9");
}

TEST_CASE("service requests keep good entries", "[open311]") {
    const auto list = open311::parse_service_requests(R"([
        {"service_request_id": "a1", "requested_datetime": "2026-13-01T00:00:00Z", "lat": "-8.7"},
        {"requested_datetime": "2026-12-04T07:30:00+08:00"},
        {"service_request_id": 17, "lat": "north", "long": 115.2},
        {"service_request_id": {"nested": true}},
        "text"
    ])");

    REQUIRE(list.requests.size() == 2);
    CHECK(list.requests[0].service_request_id == "a1");
    CHECK_FALSE(list.requests[0].requested_datetime);
    CHECK(list.requests[0].lat == Approx(-8.7));
    CHECK(list.requests[1].service_request_id == "17");
    CHECK_FALSE(list.requests[1].lat);
    CHECK(list.requests[1].lon == Approx(115.2));

    REQUIRE(list.problems.size() == 5);
    CHECK(list.problems[0].index == 0);
    CHECK_THAT(list.problems[0].message, Catch::Contains("\"2026-13-01T00:00:00Z\""));
    CHECK(list.problems[1].index == 1);
    CHECK_THAT(list.problems[1].message, Catch::Contains("service_request_id is missing"));
    CHECK(list.problems[2].index == 2);
    CHECK_THAT(list.problems[2].message, Catch::Contains("\"north\""));
    CHECK(list.problems[3].index == 3);
    CHECK(list.problems[4].index == 4);
}

TEST_CASE("service requests reject non-lists", "[open311]") {
    CHECK_THROWS_AS(open311::parse_service_requests("{\"a\":1}"), open311::InvalidOpen311Json);
    CHECK_THROWS_WITH(open311::parse_service_requests("[{\"a\":"), Catch::Contains("at byte"));

    try {
        open311::parse_service_requests(R"([{"code":404,"description":"service_code not found"}])");
        FAIL("an error array was accepted");
    } catch (const open311::Open311ErrorResponse& error) {
        REQUIRE(error.errors().size() == 1);
        CHECK(error.errors()[0].code == 404);
        CHECK(error.errors()[0].description == "service_code not found");
    }
}

TEST_CASE("POST response id or token", "[open311]") {
    CHECK(open311::parse_post_response(R"([{"service_request_id":"BDG-1001","service_notice":""}])")
              .service_request_id == "BDG-1001");
    CHECK(open311::parse_post_response(R"([{"token":"12345"}])").token == "12345");
    CHECK(open311::parse_post_response(R"({"service_request_id":42})").service_request_id == "42");
    CHECK_THROWS_AS(open311::parse_post_response(R"([{}])"), open311::InvalidOpen311Json);
    CHECK_THROWS_AS(open311::parse_post_response(R"([{"code":400,"description":"lat missing"}])"),
                    open311::Open311ErrorResponse);
}

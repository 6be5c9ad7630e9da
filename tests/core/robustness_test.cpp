// Random and mutated inputs for the report parsers: each must return or raise
// its own typed error, never crash or raise anything else.

#include "core/open311/form_validator.hpp"
#include "core/open311/service.hpp"
#include "core/open311/service_request.hpp"
#include "core/outbox/outbox_json.hpp"
#include "core/time/date_time.hpp"

#include <catch2/catch.hpp>

#include <cstdint>
#include <random>
#include <string>

using namespace badung;

namespace {

// Returns text with a few bytes replaced, inserted or removed.
std::string mutate(std::string text, std::mt19937& random) {
    std::uniform_int_distribution<int> edits(1, 4);
    std::uniform_int_distribution<int> byte(0, 255);
    const int count = edits(random);
    for (int i = 0; i < count && !text.empty(); ++i) {
        std::uniform_int_distribution<std::size_t> where(0, text.size() - 1);
        const std::size_t pos = where(random);
        switch (byte(random) % 3) {
        case 0:
            text[pos] = static_cast<char>(byte(random));
            break;
        case 1:
            text.insert(pos, 1, static_cast<char>(byte(random)));
            break;
        default:
            text.erase(pos, 1);
            break;
        }
    }
    return text;
}

} // namespace

TEST_CASE("date-time parser on mutated input", "[time][robustness]") {
    std::mt19937 random(20261204);
    const std::string seeds[] = {"2026-12-04T07:30:00.250+08:00", "2026-12-03T23:30:00Z", "2026-12-04T24:00:00-05:30"};
    int accepted = 0;
    for (int i = 0; i < 20'000; ++i) {
        const std::string text = mutate(seeds[i % 3], random);
        try {
            const time::DateTime value = time::parse_date_time(text);
            ++accepted;
            // Whatever parses must format and parse back to the same instant.
            REQUIRE(time::parse_date_time(time::format_date_time(value)).utc_ms == value.utc_ms);
        } catch (const time::InvalidDateTime& error) {
            REQUIRE(error.value() == text);
        }
    }
    CHECK(accepted > 0);
}

TEST_CASE("date-time random instants round trip", "[time][robustness]") {
    std::mt19937_64 random(42);
    // 0001-01-01 to 9999-12-31, at every offset a quarter-hour apart.
    std::uniform_int_distribution<std::int64_t> instants(-62'135'596'800'000 + 86'400'000,
                                                         253'402'300'799'999 - 86'400'000);
    std::uniform_int_distribution<int> offsets(-95, 95);
    for (int i = 0; i < 20'000; ++i) {
        const time::DateTime value{instants(random), offsets(random) * 15};
        const std::string text = time::format_date_time(value);
        REQUIRE(time::parse_date_time(text) == value);
    }
}

TEST_CASE("JSON readers on mutated input", "[open311][outbox][robustness]") {
    std::mt19937 random(7);
    const std::string requests =
        R"([{"service_request_id":"r1","requested_datetime":"2026-12-03T23:30:00Z","lat":-8.7,"long":115.1}])";
    const std::string services =
        R"([{"service_code":"JLN-01","service_name":"Jalan","metadata":true,"type":"realtime","keywords":"a,b"}])";
    const std::string definition =
        R"({"service_code":"JLN-01","attributes":[{"code":"t","datatype":"singlevaluelist","values":[{"key":"a","name":"A"}]}]})";
    const std::string outbox =
        R"({"format":"badung-outbox","version":1,"items":[{"local_id":"u1","idempotency_key":"k","state":"pending","created_at":"2026-12-04T06:10:00+08:00","fields":[["lat","-8.7"]]}]})";

    for (int i = 0; i < 5'000; ++i) {
        try {
            open311::parse_service_requests(mutate(requests, random));
        } catch (const open311::InvalidOpen311Json&) {
        } catch (const open311::Open311ErrorResponse&) {
        }
        try {
            open311::parse_service_list(mutate(services, random));
        } catch (const open311::InvalidOpen311Json&) {
        } catch (const open311::Open311ErrorResponse&) {
        }
        try {
            open311::parse_service_definition(mutate(definition, random));
        } catch (const open311::InvalidOpen311Json&) {
        } catch (const open311::Open311ErrorResponse&) {
        }
        try {
            outbox::items_from_json(mutate(outbox, random));
        } catch (const outbox::InvalidOutboxJson&) {
        }
    }
    SUCCEED("no other exception escaped");
}

TEST_CASE("form validator on random bytes", "[open311][form][robustness]") {
    std::mt19937 random(11);
    std::uniform_int_distribution<int> byte(0, 255);
    std::uniform_int_distribution<int> length(0, 40);
    const char* names[] = {"service_code", "lat", "long", "description", "email", "phone", "media_url",
                           "attribute[t]", "attribute[t][]", "attribute[x", "address_string"};
    const open311::ServiceDefinition definition =
        open311::parse_service_definition(
            R"({"service_code":"JLN-01","attributes":[{"code":"t","datatype":"multivaluelist","required":true,"values":[{"key":"a"}]}]})")
            .definition;

    for (int i = 0; i < 3'000; ++i) {
        open311::FormFields fields;
        for (const char* name : names) {
            std::string value;
            const int size = length(random);
            for (int j = 0; j < size; ++j) {
                value += static_cast<char>(byte(random));
            }
            fields.add(name, value);
        }
        const auto errors = open311::validate_report_form(fields, definition);
        REQUIRE_FALSE(errors.empty());
        for (const auto& error : errors) {
            REQUIRE_FALSE(open311::field_error_message(error, open311::Language::indonesian).empty());
        }
    }
}

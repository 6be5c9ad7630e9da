// Unit tests of the request parsers, the config reader and WITA times.
#include "server/command_line.hpp"
#include "server/config.hpp"
#include "server/report_input.hpp"
#include "server/report_validation.hpp"
#include "server/wita_time.hpp"

#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>

using namespace badung::cityd;

TEST_CASE("form body decoding", "[unit][open311]") {
    const auto input = parse_form_report("service_code=JLN-01&description=Jalan+rusak%21%0A%E2%9C%93"
                                         "&attribute%5Bjenis%5D%5B%5D=plastik&attribute[jenis][]=lainnya&empty=&&flag");
    CHECK(input.fields.at("service_code") == "JLN-01");
    CHECK(input.fields.at("description") == "Jalan rusak!\n\xE2\x9C\x93");
    CHECK(input.fields.at("empty").empty());
    CHECK(input.fields.at("flag").empty());
    CHECK(input.attributes.at("jenis") == std::vector<std::string>{"plastik", "lainnya"});

    CHECK_THROWS_AS(parse_form_report("a=%4"), RequestBodyError);
    CHECK_THROWS_AS(parse_form_report("a=%G0"), RequestBodyError);
    CHECK_THROWS_AS(parse_form_report("a=1&a=2"), RequestBodyError);
    // Attribute fields without a code are errors, not unknown fields.
    for (const char* body : {"attribute[]=x", "attribute[][]=x", "attribute[=x", "attribute[tingkat=x"}) {
        INFO("body " << body);
        CHECK_THROWS_WITH(parse_form_report(body), Catch::Contains("names no attribute code"));
    }
}

TEST_CASE("JSON body reading", "[unit][open311]") {
    const auto input = parse_json_report(R"({"lat": -8.7177, "long": 115.1691, "email": null,
        "attribute": {"tingkat": "berat", "jumlah": 3}, "attribute[jenis]": ["a", "b"]})");
    CHECK(input.fields.at("lat") == "-8.7177");
    CHECK(input.fields.at("long") == "115.1691");
    CHECK(input.fields.count("email") == 0);
    CHECK(input.attributes.at("tingkat") == std::vector<std::string>{"berat"});
    CHECK(input.attributes.at("jumlah") == std::vector<std::string>{"3"});
    CHECK(input.attributes.at("jenis") == std::vector<std::string>{"a", "b"});

    CHECK_THROWS_AS(parse_json_report("{"), RequestBodyError);
    CHECK_THROWS_AS(parse_json_report(R"({"description": {"x": 1}})"), RequestBodyError);
}

TEST_CASE("UTF-8 character counting", "[unit][open311]") {
    CHECK(count_utf8_characters("abc") == 3u);
    CHECK(count_utf8_characters("\xE1\xAC\x85\xF0\x9F\x98\x80") == 2u);
    CHECK_FALSE(count_utf8_characters("\xC0\xAF"));         // overlong '/'
    CHECK_FALSE(count_utf8_characters("\xED\xA0\x80"));     // surrogate
    CHECK_FALSE(count_utf8_characters("\xE1\xAC"));         // truncated
    CHECK_FALSE(count_utf8_characters("\xF4\x90\x80\x80")); // past U+10FFFF
}

TEST_CASE("WITA formatting ignores the host zone", "[unit][time]") {
    CHECK(format_wita(0) == "1970-01-01T08:00:00+08:00");
    CHECK(format_wita(1796340600000) == "2026-12-04T07:30:00+08:00");
    CHECK(format_wita(1796340600250) == "2026-12-04T07:30:00.250+08:00");
    CHECK(format_wita(-1) == "1970-01-01T07:59:59.999+08:00");
}

TEST_CASE("case 026 date-times parse to the same instants", "[unit][time]") {
    // requested_datetime forms from case 026 with their UTC instants.
    const std::pair<const char*, const char*> cases[] = {
        {"2026-12-03T23:30:00Z", "2026-12-04T07:30:00+08:00"},
        {"2026-12-04T07:30:00+08:00", "2026-12-04T07:30:00+08:00"},
        {"2026-12-04T07:30:00.250+08:00", "2026-12-04T07:30:00.250+08:00"},
        {"2026-12-03T16:00:00Z", "2026-12-04T00:00:00+08:00"},
        {"2026-12-03T15:59:59Z", "2026-12-03T23:59:59+08:00"},
        {"2026-12-04T16:00:00Z", "2026-12-05T00:00:00+08:00"},
        {"2026-12-04T08:00:00+07:00", "2026-12-04T09:00:00+08:00"},
    };
    for (const auto& [text, wita] : cases) {
        INFO(text);
        const auto instant = parse_iso8601(text);
        REQUIRE(instant);
        CHECK(format_wita(*instant) == wita);
    }
    CHECK_FALSE(parse_iso8601("2026-12-04"));
    CHECK_FALSE(parse_iso8601("2026-12-04T07:30:00"));
    CHECK_FALSE(parse_iso8601("2026-12-04T07:30:00 08:00"));
    CHECK_FALSE(parse_iso8601("2026-13-04T07:30:00Z"));
}

TEST_CASE("config file keys and errors", "[unit][config]") {
    const Config config = parse_config("# settings\ncors_allow_origins = https://a.id, https://b.id\n"
                                       "report_area_bbox = 115,-9,116,-8\nitems_limit_max = 500\n",
                                       "test.conf");
    CHECK(config.cors_allow_origins == std::vector<std::string>{"https://a.id", "https://b.id"});
    CHECK(config.report_area == LonLatBox{115, -9, 116, -8});
    CHECK(config.items_limit_max == 500);
    CHECK(config.items_limit_default == 10);

    const std::pair<const char*, const char*> errors[] = {
        {"threads = many", "test.conf:1: 'many'"},
        {"report_area_bbox = 116,-9,115,-8", "test.conf:1: '116,-9,115,-8'"},
        {"\nno equals sign", "test.conf:2: 'no equals sign'"},
        {"items_limit_default = 20\nitems_limit_max = 10", "items_limit_default 20 is above items_limit_max 10"},
    };
    for (const auto& [text, message] : errors) {
        INFO(text);
        try {
            parse_config(text, "test.conf");
            FAIL("no error");
        } catch (const ConfigError& error) {
            CHECK(std::string(error.what()).find(message) != std::string::npos);
        }
    }
}

TEST_CASE("shipped config and services load", "[unit][config]") {
    const Config config = load_config(std::filesystem::path(BADUNG_SOURCE_DIR) / "server" / "cityd.conf");
    CHECK(config.services_file == std::filesystem::path(BADUNG_SOURCE_DIR) / "server" / "services.json");
    CHECK(config.report_area.contains(115.1691, -8.7177));
    CHECK_FALSE(config.report_area.contains(106.8, -6.2));
}

TEST_CASE("command line names unknown options", "[unit][config]") {
    using badung::cityd::parse_command_line;
    using badung::cityd::UsageError;
    const std::vector<std::string> roots{"--web-root", "w", "--data-root", "d"};
    const auto with = [&roots](std::vector<std::string> extra) {
        std::vector<std::string> args = roots;
        args.insert(args.end(), extra.begin(), extra.end());
        return args;
    };
    CHECK_THROWS_WITH(parse_command_line(with({"--bogus", "x"})), "unknown option '--bogus'; see --help");
    CHECK_THROWS_WITH(parse_command_line(with({"--bogus"})), "unknown option '--bogus'; see --help");
    CHECK_THROWS_WITH(parse_command_line(with({"--port"})), "option --port needs a value");
    CHECK_THROWS_WITH(parse_command_line(with({"extra"})), "unexpected argument 'extra'");
    CHECK(parse_command_line(with({"--port", "0"})).port == 0);
}

#include "core/time/civil_date.hpp"
#include "core/time/date_time.hpp"
#include "core/time/local_day.hpp"

#include <catch2/catch.hpp>

#include <string>

using namespace badung::time;

namespace {

std::string parse_error(const std::string& text, const ParseOptions& options = {}) {
    try {
        parse_date_time(text, options);
    } catch (const InvalidDateTime& error) {
        CHECK(error.value() == text);
        return error.what();
    }
    return "(accepted)";
}

} // namespace

TEST_CASE("civil date round trip over four centuries", "[time]") {
    // Every day from 1900-01-01 to 2300-12-31 maps to its count and back.
    const std::int64_t first = days_since_epoch({1900, 1, 1});
    const std::int64_t last = days_since_epoch({2300, 12, 31});
    CivilDate expected{1900, 1, 1};
    for (std::int64_t day = first; day <= last; ++day) {
        const CivilDate date = civil_date_from_days(day);
        REQUIRE(date == expected);
        REQUIRE(days_since_epoch(date) == day);

        ++expected.day;
        if (expected.day > days_in_month(expected.year, expected.month)) {
            expected.day = 1;
            if (++expected.month > 12) {
                expected.month = 1;
                ++expected.year;
            }
        }
    }
}

TEST_CASE("civil date known day counts", "[time]") {
    CHECK(days_since_epoch({1970, 1, 1}) == 0);
    CHECK(days_since_epoch({1969, 12, 31}) == -1);
    CHECK(days_since_epoch({2000, 3, 1}) == 11'017);
    CHECK(days_since_epoch({2026, 12, 4}) == 20'791);
    CHECK(days_in_month(2024, 2) == 29);
    CHECK(days_in_month(2100, 2) == 28);
    CHECK(days_in_month(2000, 2) == 29);
    CHECK(days_in_month(2026, 13) == 0);
}

TEST_CASE("date-time parses W3C forms", "[time]") {
    const std::int64_t expected = parse_date_time("2026-12-03T23:30:00Z").utc_ms;
    CHECK(expected == 1'796'340'600'000);

    CHECK(parse_date_time("2026-12-04T07:30:00+08:00") == DateTime{expected, 480});
    CHECK(parse_date_time("2026-12-04T07:30+08:00") == DateTime{expected, 480});
    CHECK(parse_date_time("2026-12-04T07:30:00+0800") == DateTime{expected, 480});
    CHECK(parse_date_time("2026-12-04T07:30:00+08") == DateTime{expected, 480});
    CHECK(parse_date_time("2026-12-04t07:30:00+08:00") == DateTime{expected, 480});
    CHECK(parse_date_time("2026-12-04 07:30:00+08:00") == DateTime{expected, 480});
    CHECK(parse_date_time("2026-12-03T23:30:00z") == DateTime{expected, 0});
    CHECK(parse_date_time("2026-12-03T23:30:00-00:00") == DateTime{expected, 0});
    CHECK(parse_date_time("2026-12-03T18:30:00-05:00") == DateTime{expected, -300});
    CHECK(parse_date_time("2026-12-04T07:00:00+07:30") == DateTime{expected, 450});
}

TEST_CASE("date-time fraction truncates to milliseconds", "[time]") {
    const std::int64_t base = parse_date_time("2026-12-03T23:30:00Z").utc_ms;
    CHECK(parse_date_time("2026-12-03T23:30:00.250Z").utc_ms == base + 250);
    CHECK(parse_date_time("2026-12-03T23:30:00.25Z").utc_ms == base + 250);
    CHECK(parse_date_time("2026-12-03T23:30:00.2Z").utc_ms == base + 200);
    CHECK(parse_date_time("2026-12-03T23:30:00.999999999Z").utc_ms == base + 999);
    CHECK(parse_date_time("2026-12-03T23:30:00,5Z").utc_ms == base + 500);
}

TEST_CASE("date-time hour 24 and leap second", "[time]") {
    CHECK(parse_date_time("2026-12-04T24:00:00+08:00") == parse_date_time("2026-12-05T00:00:00+08:00"));
    CHECK(parse_date_time("2026-12-31T24:00+08:00") == parse_date_time("2027-01-01T00:00:00+08:00"));
    CHECK(parse_date_time("2016-12-31T23:59:60Z") == parse_date_time("2017-01-01T00:00:00Z"));

    CHECK_THAT(parse_error("2026-12-04T24:00:01+08:00"), Catch::Contains("hour 24"));
    CHECK_THAT(parse_error("2026-12-04T24:30:00+08:00"), Catch::Contains("24 is allowed only as 24:00:00"));
    CHECK_THAT(parse_error("2026-12-04T24:00:00.5+08:00"), Catch::Contains("hour 24"));
}

TEST_CASE("date-time rejects invalid values", "[time]") {
    CHECK_THAT(parse_error("2026-13-01T00:00:00Z"), Catch::Contains("month 13 is out of range"));
    CHECK_THAT(parse_error("2026-00-01T00:00:00Z"), Catch::Contains("month 0 is out of range"));
    CHECK_THAT(parse_error("2026-02-30T00:00:00Z"), Catch::Contains("day 30 does not exist in 2026-02"));
    CHECK_THAT(parse_error("2026-02-29T00:00:00Z"), Catch::Contains("day 29 does not exist"));
    CHECK(parse_error("2024-02-29T00:00:00Z") == "(accepted)");
    CHECK_THAT(parse_error("2026-04-31T00:00:00Z"), Catch::Contains("day 31"));
    CHECK_THAT(parse_error("2026-12-04T07:60:00Z"), Catch::Contains("minute 60"));
    CHECK_THAT(parse_error("2026-12-04T07:30:61Z"), Catch::Contains("second 61"));
    CHECK_THAT(parse_error("2026-12-04T07:30:00+24:00"), Catch::Contains("offset +24:00 is out of range"));
    CHECK_THAT(parse_error("2026-12-04T07:30:00+08:60"), Catch::Contains("offset +08:60"));
    CHECK_THAT(parse_error("2026-12-04"), Catch::Contains("a date without a time"));
    CHECK_THAT(parse_error("2026-12-04T07:30:00"), Catch::Contains("offset is missing"));
    CHECK_THAT(parse_error("2026-12-04T07:30:00 WITA"), Catch::Contains("\" WITA\""));
    CHECK_THAT(parse_error("2026-12-04T07:30:00Zjunk"), Catch::Contains("\"junk\" after the offset"));
    CHECK_THAT(parse_error("2026-12-04T07:30:00."), Catch::Contains("digits after the decimal sign"));
    CHECK_THAT(parse_error("26-12-04T07:30:00Z"), Catch::Contains("4 digits for the year"));
    CHECK_THAT(parse_error("2026/12/04T07:30:00Z"), Catch::Contains("expected '-' after the year"));
    CHECK_THAT(parse_error("2026-12-4T07:30:00Z"), Catch::Contains("2 digits for the day"));
    CHECK_THAT(parse_error("2026-12-04T7:30:00Z"), Catch::Contains("2 digits for the hour"));
    CHECK_THAT(parse_error(""), Catch::Contains("4 digits for the year"));
    CHECK_THAT(parse_error("1796340600000"), Catch::Contains("expected '-' after the year"));
}

TEST_CASE("date-time error quotes value and form", "[time]") {
    const std::string message = parse_error("2026-02-30T00:00:00Z");
    CHECK_THAT(message, Catch::StartsWith("invalid date-time \"2026-02-30T00:00:00Z\""));
    CHECK_THAT(message, Catch::EndsWith("use the form 2026-12-04T07:30:00+08:00"));
}

TEST_CASE("date-time default offset for local values", "[time]") {
    ParseOptions wita;
    wita.default_offset_minutes = wita_offset_minutes;
    CHECK(parse_date_time("2026-12-04T07:30", wita) == parse_date_time("2026-12-04T07:30:00+08:00"));

    // An explicit offset wins over the default.
    CHECK(parse_date_time("2026-12-04T07:30Z", wita).offset_minutes == 0);
}

TEST_CASE("civil date parse", "[time]") {
    CHECK(parse_civil_date("2026-12-04") == CivilDate{2026, 12, 4});
    CHECK_THROWS_AS(parse_civil_date("2026-02-30"), InvalidDateTime);
    CHECK_THROWS_AS(parse_civil_date("2026-12-04T00:00Z"), InvalidDateTime);
}

TEST_CASE("date-time formats with offset", "[time]") {
    const std::int64_t instant = parse_date_time("2026-12-03T23:30:00Z").utc_ms;
    CHECK(format_date_time(instant, 0) == "2026-12-03T23:30:00Z");
    CHECK(format_date_time(instant, 480) == "2026-12-04T07:30:00+08:00");
    CHECK(format_date_time(instant, -300) == "2026-12-03T18:30:00-05:00");
    CHECK(format_date_time(instant, 330) == "2026-12-04T05:00:00+05:30");
    CHECK(format_wita(instant) == "2026-12-04T07:30:00+08:00");

    FormatOptions plus_zero;
    plus_zero.utc_as_z = false;
    CHECK(format_date_time(instant, 0, plus_zero) == "2026-12-03T23:30:00+00:00");

    FormatOptions always_fraction;
    always_fraction.omit_zero_fraction = false;
    CHECK(format_wita(instant, always_fraction) == "2026-12-04T07:30:00.000+08:00");
    CHECK(format_wita(instant + 250) == "2026-12-04T07:30:00.250+08:00");

    FormatOptions micro;
    micro.fraction_digits = 6;
    CHECK(format_wita(instant + 250, micro) == "2026-12-04T07:30:00.250000+08:00");

    FormatOptions seconds_only;
    seconds_only.fraction_digits = 0;
    CHECK(format_wita(instant + 250, seconds_only) == "2026-12-04T07:30:00+08:00");
}

TEST_CASE("date-time format round trips", "[time]") {
    for (const char* text : {"1969-12-31T23:59:59.999Z", "1970-01-01T00:00:00Z", "2000-02-29T12:00:00+08:00",
                             "0001-01-01T00:00:00Z", "9999-12-31T23:59:59.999-11:30"}) {
        const DateTime value = parse_date_time(text);
        CHECK(format_date_time(value) == text);
    }
    CHECK(parse_date_time("1969-12-31T23:59:59.999Z").utc_ms == -1);
}

TEST_CASE("date-time format rejects out of range", "[time]") {
    CHECK_THROWS_AS(format_date_time(0, 24 * 60), std::out_of_range);
    CHECK_THROWS_AS(format_date_time(300'000'000'000'000, 0), std::out_of_range);
    FormatOptions bad;
    bad.fraction_digits = 10;
    CHECK_THROWS_AS(format_date_time(0, 0, bad), std::invalid_argument);
}

TEST_CASE("local day range in WITA", "[time]") {
    const InstantRange today = local_day_range({2026, 12, 4}, wita_offset_minutes);
    CHECK(today.begin_ms == parse_date_time("2026-12-03T16:00:00Z").utc_ms);
    CHECK(today.end_ms == parse_date_time("2026-12-04T16:00:00Z").utc_ms);
    CHECK(today.contains(today.begin_ms));
    CHECK_FALSE(today.contains(today.end_ms));
    CHECK_FALSE(today.contains(today.begin_ms - 1));

    CHECK(local_date(today.begin_ms, wita_offset_minutes) == CivilDate{2026, 12, 4});
    CHECK(local_date(today.begin_ms - 1, wita_offset_minutes) == CivilDate{2026, 12, 3});
    CHECK(local_date(today.end_ms, wita_offset_minutes) == CivilDate{2026, 12, 5});
    CHECK(local_date(-1, 0) == CivilDate{1969, 12, 31});
}

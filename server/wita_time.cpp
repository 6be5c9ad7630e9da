#include "server/wita_time.hpp"

#include <charconv>
#include <cstdio>
#include <ctime>

namespace badung::cityd {

namespace {

// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's
// days_from_civil algorithm, public domain).
std::int64_t days_from_civil(std::int64_t year, unsigned month, unsigned day) {
    year -= month <= 2 ? 1 : 0;
    const std::int64_t era = (year >= 0 ? year : year - 399) / 400;
    const auto year_of_era = static_cast<unsigned>(year - era * 400);
    const unsigned day_of_year = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
    const unsigned day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    return era * 146097 + static_cast<std::int64_t>(day_of_era) - 719468;
}

bool read_digits(std::string_view text, std::size_t pos, std::size_t count, int& value) {
    if (pos + count > text.size()) {
        return false;
    }
    for (std::size_t i = pos; i < pos + count; ++i) {
        if (text[i] < '0' || text[i] > '9') {
            return false;
        }
    }
    const auto* first = text.data() + pos;
    return std::from_chars(first, first + count, value).ec == std::errc{};
}

bool expect_char(std::string_view text, std::size_t pos, char c) {
    return pos < text.size() && text[pos] == c;
}

} // namespace

std::string format_wita(std::int64_t unix_ms) {
    std::int64_t seconds = unix_ms / 1000;
    std::int64_t millis = unix_ms % 1000;
    if (millis < 0) {
        millis += 1000;
        seconds -= 1;
    }

    const std::time_t local = static_cast<std::time_t>(seconds + wita_offset_seconds);
    std::tm parts{};
    gmtime_r(&local, &parts);

    char text[96];
    if (millis == 0) {
        std::snprintf(text, sizeof text, "%04d-%02d-%02dT%02d:%02d:%02d+08:00", parts.tm_year + 1900,
                      parts.tm_mon + 1, parts.tm_mday, parts.tm_hour, parts.tm_min, parts.tm_sec);
    } else {
        std::snprintf(text, sizeof text, "%04d-%02d-%02dT%02d:%02d:%02d.%03d+08:00", parts.tm_year + 1900,
                      parts.tm_mon + 1, parts.tm_mday, parts.tm_hour, parts.tm_min, parts.tm_sec,
                      static_cast<int>(millis));
    }
    return text;
}

std::int64_t now_unix_ms() {
    using namespace std::chrono;
    return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

std::string now_wita() {
    return format_wita(now_unix_ms());
}

std::optional<std::int64_t> parse_iso8601(std::string_view text) {
    int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0;
    if (!read_digits(text, 0, 4, year) || !expect_char(text, 4, '-') || !read_digits(text, 5, 2, month) ||
        !expect_char(text, 7, '-') || !read_digits(text, 8, 2, day)) {
        return std::nullopt;
    }
    if (!(expect_char(text, 10, 'T') || expect_char(text, 10, 't') || expect_char(text, 10, ' ')) ||
        !read_digits(text, 11, 2, hour) || !expect_char(text, 13, ':') || !read_digits(text, 14, 2, minute) ||
        !expect_char(text, 16, ':') || !read_digits(text, 17, 2, second)) {
        return std::nullopt;
    }
    if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 60) {
        return std::nullopt;
    }

    std::size_t pos = 19;
    std::int64_t millis = 0;
    if (expect_char(text, pos, '.')) {
        ++pos;
        int scale = 100;
        const std::size_t digits_start = pos;
        while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') {
            millis += (text[pos] - '0') * scale;
            scale /= 10;
            ++pos;
        }
        if (pos == digits_start) {
            return std::nullopt;
        }
    }

    int offset_seconds = 0;
    if (expect_char(text, pos, 'Z') || expect_char(text, pos, 'z')) {
        ++pos;
    } else if (expect_char(text, pos, '+') || expect_char(text, pos, '-')) {
        const int sign = text[pos] == '-' ? -1 : 1;
        int offset_hours = 0, offset_minutes = 0;
        if (!read_digits(text, pos + 1, 2, offset_hours) || !expect_char(text, pos + 3, ':') ||
            !read_digits(text, pos + 4, 2, offset_minutes) || offset_hours > 23 || offset_minutes > 59) {
            return std::nullopt;
        }
        offset_seconds = sign * (offset_hours * 3600 + offset_minutes * 60);
        pos += 6;
    } else {
        return std::nullopt;
    }
    if (pos != text.size()) {
        return std::nullopt;
    }

    const std::int64_t days = days_from_civil(year, static_cast<unsigned>(month), static_cast<unsigned>(day));
    const std::int64_t seconds = days * 86400 + hour * 3600 + minute * 60 + second - offset_seconds;
    return seconds * 1000 + millis;
}

} // namespace badung::cityd

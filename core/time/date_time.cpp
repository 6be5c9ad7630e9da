#include "core/time/date_time.hpp"

#include <cstdlib>

namespace badung::time {

namespace {

constexpr const char* expected_form = "use the form 2026-12-04T07:30:00+08:00";

std::string quoted(std::string_view value) {
    std::string out(1, '"');
    out += value;
    out += '"';
    return out;
}

// A cursor over the text that reads fixed-width digit fields.
class Reader {
public:
    explicit Reader(std::string_view text) : m_text(text) {}

    bool at_end() const noexcept { return m_pos == m_text.size(); }
    char peek() const noexcept { return at_end() ? '\0' : m_text[m_pos]; }
    std::size_t position() const noexcept { return m_pos; }
    std::string_view rest() const noexcept { return m_text.substr(m_pos); }

    bool accept(char c) noexcept {
        if (peek() != c) {
            return false;
        }
        ++m_pos;
        return true;
    }

    // Reads exactly width digits, or returns nothing and leaves the cursor.
    std::optional<int> digits(int width) noexcept {
        if (m_text.size() - m_pos < static_cast<std::size_t>(width)) {
            return std::nullopt;
        }
        int value = 0;
        for (int i = 0; i < width; ++i) {
            const char c = m_text[m_pos + static_cast<std::size_t>(i)];
            if (c < '0' || c > '9') {
                return std::nullopt;
            }
            value = value * 10 + (c - '0');
        }
        m_pos += static_cast<std::size_t>(width);
        return value;
    }

    bool is_digit() const noexcept { return peek() >= '0' && peek() <= '9'; }

    void skip() noexcept { ++m_pos; }

private:
    std::string_view m_text;
    std::size_t m_pos = 0;
};

struct LocalFields {
    CivilDate date;
    int hour = 0;
    int minute = 0;
    int second = 0;
    int millisecond = 0;
    bool fraction_is_zero = true;
};

[[noreturn]] void fail(std::string_view text, const std::string& reason) {
    throw InvalidDateTime(std::string(text), reason);
}

int read_field(Reader& reader, int width, std::string_view text, const char* what) {
    const auto value = reader.digits(width);
    if (!value) {
        fail(text, std::string("expected ") + std::to_string(width) + " digits for the " + what +
                       " at position " + std::to_string(reader.position() + 1));
    }
    return *value;
}

void expect(Reader& reader, char c, std::string_view text, const char* after) {
    if (!reader.accept(c)) {
        fail(text, std::string("expected '") + c + "' after the " + after + " at position " +
                       std::to_string(reader.position() + 1));
    }
}

CivilDate read_date(Reader& reader, std::string_view text) {
    CivilDate date;
    date.year = read_field(reader, 4, text, "year");
    expect(reader, '-', text, "year");
    date.month = read_field(reader, 2, text, "month");
    expect(reader, '-', text, "month");
    date.day = read_field(reader, 2, text, "day");

    if (date.month < 1 || date.month > 12) {
        fail(text, "month " + std::to_string(date.month) + " is out of range 01-12");
    }
    const int month_length = days_in_month(date.year, date.month);
    if (date.day < 1 || date.day > month_length) {
        fail(text, "day " + std::to_string(date.day) + " does not exist in " +
                       std::to_string(date.year) + "-" + (date.month < 10 ? "0" : "") +
                       std::to_string(date.month) + " (it has " + std::to_string(month_length) +
                       " days)");
    }
    return date;
}

// Reads [.fraction]: any number of digits, kept to milliseconds.
void read_fraction(Reader& reader, LocalFields& fields, std::string_view text) {
    if (!reader.accept('.') && !reader.accept(',')) {
        return;
    }
    if (!reader.is_digit()) {
        fail(text, "expected digits after the decimal sign of the seconds");
    }

    int scale = 100;
    while (reader.is_digit()) {
        const int digit = reader.peek() - '0';
        fields.millisecond += digit * scale;
        fields.fraction_is_zero = fields.fraction_is_zero && digit == 0;
        scale /= 10;
        reader.skip();
    }
}

void read_time(Reader& reader, LocalFields& fields, std::string_view text) {
    fields.hour = read_field(reader, 2, text, "hour");
    expect(reader, ':', text, "hour");
    fields.minute = read_field(reader, 2, text, "minute");

    if (reader.accept(':')) {
        fields.second = read_field(reader, 2, text, "second");
        read_fraction(reader, fields, text);
    }

    const bool end_of_day = fields.hour == 24 && fields.minute == 0 && fields.second == 0 &&
                            fields.fraction_is_zero;
    if (fields.hour > 23 && !end_of_day) {
        fail(text, "hour " + std::to_string(fields.hour) +
                       " is out of range 00-23 (24 is allowed only as 24:00:00)");
    }
    if (fields.minute > 59) {
        fail(text, "minute " + std::to_string(fields.minute) + " is out of range 00-59");
    }
    if (fields.second > 60) {
        fail(text, "second " + std::to_string(fields.second) + " is out of range 00-60");
    }
}

// Reads Z, ±hh:mm, ±hhmm or ±hh; returns nothing when the text ends first.
std::optional<int> read_offset(Reader& reader, std::string_view text) {
    if (reader.at_end()) {
        return std::nullopt;
    }
    if (reader.accept('Z') || reader.accept('z')) {
        return 0;
    }

    const std::size_t start = reader.position();
    int sign = 0;
    if (reader.accept('+')) {
        sign = 1;
    } else if (reader.accept('-')) {
        sign = -1;
    } else {
        fail(text, "unexpected \"" + std::string(reader.rest()) +
                       "\" where the offset (Z or +08:00) should be");
    }

    const int hours = read_field(reader, 2, text, "offset hours");
    int minutes = 0;
    if (reader.accept(':') || reader.is_digit()) {
        minutes = read_field(reader, 2, text, "offset minutes");
    }
    if (hours > 23 || minutes > 59) {
        fail(text, "offset " + std::string(text.substr(start, reader.position() - start)) +
                       " is out of range (hours 00-23, minutes 00-59)");
    }
    return sign * (hours * 60 + minutes);
}

std::int64_t local_ms(const LocalFields& fields) {
    const std::int64_t days = days_since_epoch(fields.date);
    const std::int64_t seconds =
        static_cast<std::int64_t>(fields.hour) * 3600 + fields.minute * 60 + fields.second;
    return days * ms_per_day + seconds * ms_per_second + fields.millisecond;
}

void append_padded(std::string& out, std::int64_t value, int width) {
    std::string digits = std::to_string(value);
    if (digits.size() < static_cast<std::size_t>(width)) {
        out.append(static_cast<std::size_t>(width) - digits.size(), '0');
    }
    out += digits;
}

} // namespace

InvalidDateTime::InvalidDateTime(std::string value, const std::string& reason)
    : std::invalid_argument("invalid date-time " + quoted(value) + ": " + reason + "; " +
                            expected_form),
      m_value(std::move(value)) {}

DateTime parse_date_time(std::string_view text, const ParseOptions& options) {
    Reader reader(text);
    LocalFields fields;
    fields.date = read_date(reader, text);

    if (reader.at_end()) {
        fail(text, "a date without a time is not an instant");
    }
    if (!reader.accept('T') && !reader.accept('t') && !reader.accept(' ')) {
        fail(text, "expected 'T' between the date and the time at position " +
                       std::to_string(reader.position() + 1));
    }
    read_time(reader, fields, text);

    std::optional<int> offset = read_offset(reader, text);
    if (!reader.at_end()) {
        fail(text, "unexpected \"" + std::string(reader.rest()) + "\" after the offset");
    }
    if (!offset) {
        if (!options.default_offset_minutes) {
            fail(text, "the time zone offset is missing (add Z or +08:00)");
        }
        offset = options.default_offset_minutes;
    }

    return DateTime{local_ms(fields) - static_cast<std::int64_t>(*offset) * ms_per_minute, *offset};
}

CivilDate parse_civil_date(std::string_view text) {
    Reader reader(text);
    const CivilDate date = read_date(reader, text);
    if (!reader.at_end()) {
        fail(text, "unexpected \"" + std::string(reader.rest()) + "\" after the date");
    }
    return date;
}

std::string format_date_time(std::int64_t utc_ms, int offset_minutes, const FormatOptions& options) {
    if (options.fraction_digits < 0 || options.fraction_digits > 9) {
        throw std::invalid_argument("fraction_digits " + std::to_string(options.fraction_digits) +
                                    " is out of range 0-9");
    }
    if (offset_minutes <= -24 * 60 || offset_minutes >= 24 * 60) {
        throw std::out_of_range("offset of " + std::to_string(offset_minutes) +
                                " minutes is out of range ±23:59");
    }

    const std::int64_t local = utc_ms + static_cast<std::int64_t>(offset_minutes) * ms_per_minute;
    const std::int64_t days = floor_div(local, ms_per_day);
    const std::int64_t ms_of_day = local - days * ms_per_day;
    const CivilDate date = civil_date_from_days(days);
    if (date.year < 0 || date.year > 9999) {
        throw std::out_of_range("instant " + std::to_string(utc_ms) +
                                " ms falls outside the years 0000-9999");
    }

    std::string out;
    append_padded(out, date.year, 4);
    out += '-';
    append_padded(out, date.month, 2);
    out += '-';
    append_padded(out, date.day, 2);
    out += 'T';
    append_padded(out, ms_of_day / 3'600'000, 2);
    out += ':';
    append_padded(out, ms_of_day / ms_per_minute % 60, 2);
    out += ':';
    append_padded(out, ms_of_day / ms_per_second % 60, 2);

    const std::int64_t millisecond = ms_of_day % ms_per_second;
    const bool write_fraction = options.fraction_digits > 0 &&
                                !(options.omit_zero_fraction && millisecond == 0);
    if (write_fraction) {
        std::string fraction;
        append_padded(fraction, millisecond, 3);
        fraction.resize(static_cast<std::size_t>(options.fraction_digits), '0');
        out += '.';
        out += fraction;
    }

    if (offset_minutes == 0 && options.utc_as_z) {
        out += 'Z';
        return out;
    }
    const int magnitude = std::abs(offset_minutes);
    out += offset_minutes < 0 ? '-' : '+';
    append_padded(out, magnitude / 60, 2);
    out += ':';
    append_padded(out, magnitude % 60, 2);
    return out;
}

std::string format_date_time(const DateTime& value, const FormatOptions& options) {
    return format_date_time(value.utc_ms, value.offset_minutes, options);
}

} // namespace badung::time

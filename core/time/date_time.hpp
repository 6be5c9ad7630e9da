#pragma once

#include "core/time/civil_date.hpp"

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

namespace badung::time {

// An instant (milliseconds since 1970-01-01T00:00:00Z) together with the UTC
// offset it was written with, so it can be shown again as it came.
struct DateTime {
    std::int64_t utc_ms = 0;
    int offset_minutes = 0; // east of UTC: WITA is +480

    friend bool operator==(const DateTime&, const DateTime&) = default;
};

// Raised for a date-time that is not valid ISO 8601 / RFC 3339 text. what()
// quotes the value, names the part that is wrong and shows the expected form.
class InvalidDateTime : public std::invalid_argument {
public:
    InvalidDateTime(std::string value, const std::string& reason);

    const std::string& value() const noexcept { return m_value; }

private:
    std::string m_value;
};

struct ParseOptions {
    // Offset assumed for a value written without one (as an HTML
    // datetime-local input sends). Empty: such a value is rejected.
    std::optional<int> default_offset_minutes;
};

// Parses the W3C profile of ISO 8601 that GeoReport v2 servers send:
//   YYYY-MM-DDThh:mm[:ss[.fraction]]<offset>
// where offset is Z, +hh:mm, -hh:mm, +hhmm or +hh. A lower-case t or z, a space
// in place of T and a comma before the fraction are accepted as well.
// Rules beyond the grammar:
// - digits of the fraction past milliseconds are truncated, not rounded;
// - 24:00:00 (zero minutes, seconds and fraction) is the end of that day, so
//   2026-12-04T24:00:00+08:00 equals 2026-12-05T00:00:00+08:00;
// - a leap second (ss = 60) is folded into the next second, as POSIX time does;
// - offsets up to ±23:59 are accepted; -00:00 reads as UTC.
// @throws InvalidDateTime for anything else, including a date-only value and a
//         missing offset when options give no default.
DateTime parse_date_time(std::string_view text, const ParseOptions& options = {});

// Parses a calendar date written YYYY-MM-DD.
// @throws InvalidDateTime when the text is not a valid date of that form.
CivilDate parse_civil_date(std::string_view text);

struct FormatOptions {
    int fraction_digits = 3;        // 0..9; digits past milliseconds are zeros
    bool omit_zero_fraction = true; // leave the fraction out when it is zero
    bool utc_as_z = true;           // write Z instead of +00:00
};

// Formats utc_ms as local time at offset_minutes, with that offset:
// 2026-12-04T07:30:00+08:00.
// @throws std::out_of_range when the local year falls outside 0000..9999 or the
//         offset outside ±23:59, and std::invalid_argument for fraction_digits
//         outside 0..9.
std::string format_date_time(std::int64_t utc_ms, int offset_minutes, const FormatOptions& options = {});

// Formats value at the offset it carries.
std::string format_date_time(const DateTime& value, const FormatOptions& options = {});

} // namespace badung::time

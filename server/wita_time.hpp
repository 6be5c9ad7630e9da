#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace badung::cityd {

// Badung keeps WITA (UTC+08:00) all year, with no daylight saving time, so a
// fixed offset is exact and the host's TZ setting never matters.
inline constexpr int wita_offset_seconds = 8 * 3600;

// Formats a Unix time in milliseconds as ISO 8601 in WITA with the offset,
// e.g. 2026-12-04T07:30:00+08:00. Milliseconds are shown only when not zero.
std::string format_wita(std::int64_t unix_ms);

// Formats the current time as ISO 8601 in WITA.
std::string now_wita();

// Returns the current Unix time in milliseconds.
std::int64_t now_unix_ms();

// Parses an ISO 8601 / RFC 3339 date-time with an offset ("Z", "+hh:mm",
// "+hhmm" or "+hh") into Unix milliseconds, by core/time's rules. Returns
// nothing for a date without a time, a time without an offset, or any
// malformed text.
std::optional<std::int64_t> parse_iso8601(std::string_view text);

} // namespace badung::cityd

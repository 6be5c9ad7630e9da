#pragma once

#include "core/time/civil_date.hpp"
#include "core/time/date_time.hpp"

#include <cstdint>
#include <string>

namespace badung::time {

// Central Indonesia Time (WITA, the zone of Asia/Makassar and of Bali): a fixed
// UTC+08:00 without daylight saving, so no time zone database is needed.
inline constexpr int wita_offset_minutes = 8 * 60;

// A half-open range of instants [begin_ms, end_ms).
struct InstantRange {
    std::int64_t begin_ms = 0;
    std::int64_t end_ms = 0;

    bool contains(std::int64_t utc_ms) const noexcept { return utc_ms >= begin_ms && utc_ms < end_ms; }

    friend bool operator==(const InstantRange&, const InstantRange&) = default;
};

// Returns the calendar date that utc_ms falls on at offset_minutes.
// Independent of the process time zone (TZ).
CivilDate local_date(std::int64_t utc_ms, int offset_minutes) noexcept;

// Returns the instants of date at offset_minutes: from its local midnight
// (inclusive) to the next local midnight (exclusive).
// @pre date is a valid calendar date.
InstantRange local_day_range(CivilDate date, int offset_minutes) noexcept;

// Formats utc_ms as WITA local time: 2026-12-04T07:30:00+08:00.
// @throws std::out_of_range as format_date_time does.
std::string format_wita(std::int64_t utc_ms, const FormatOptions& options = {});

} // namespace badung::time

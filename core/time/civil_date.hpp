#pragma once

#include <cstdint>

namespace badung::time {

// A date of the proleptic Gregorian calendar, without a time zone.
struct CivilDate {
    int year = 1970;
    int month = 1; // 1..12
    int day = 1;   // 1..days_in_month(year, month)

    friend bool operator==(const CivilDate&, const CivilDate&) = default;
};

inline constexpr std::int64_t ms_per_second = 1000;
inline constexpr std::int64_t ms_per_minute = 60 * ms_per_second;
inline constexpr std::int64_t ms_per_day = 24 * 60 * ms_per_minute;

bool is_leap_year(int year) noexcept;

// Returns 28..31, or 0 when month is outside 1..12.
int days_in_month(int year, int month) noexcept;

// Counts days from 1970-01-01 to date (negative before it).
// @pre date is a valid calendar date.
std::int64_t days_since_epoch(CivilDate date) noexcept;

// Converts a day count from 1970-01-01 back to its calendar date.
CivilDate civil_date_from_days(std::int64_t days) noexcept;

// Divides rounding towards negative infinity, so instants before 1970 land on
// the right day. @pre divisor > 0.
std::int64_t floor_div(std::int64_t value, std::int64_t divisor) noexcept;

} // namespace badung::time

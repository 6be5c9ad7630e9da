#include "core/time/civil_date.hpp"

namespace badung::time {

namespace {

// The calendar repeats every 400 years, which hold 146,097 days. Counting
// years from 1 March puts the leap day last, so day-of-year needs no table.
constexpr std::int64_t days_per_era = 146'097;

// 1970-01-01 counted in days from 0000-03-01.
constexpr std::int64_t epoch_shift_days = 719'468;

} // namespace

bool is_leap_year(int year) noexcept {
    return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

int days_in_month(int year, int month) noexcept {
    constexpr int lengths[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (month < 1 || month > 12) {
        return 0;
    }
    if (month == 2 && is_leap_year(year)) {
        return 29;
    }
    return lengths[month - 1];
}

std::int64_t floor_div(std::int64_t value, std::int64_t divisor) noexcept {
    std::int64_t quotient = value / divisor;
    if (value % divisor < 0) {
        --quotient;
    }
    return quotient;
}

std::int64_t days_since_epoch(CivilDate date) noexcept {
    const std::int64_t march_year = date.month <= 2 ? date.year - 1 : date.year;
    const std::int64_t era = floor_div(march_year, 400);
    const std::int64_t year_of_era = march_year - era * 400;

    // Months counted from March (0) to February (11); 153 days span 5 months.
    const std::int64_t march_month = (date.month + 9) % 12;
    const std::int64_t day_of_year = (153 * march_month + 2) / 5 + date.day - 1;
    const std::int64_t day_of_era =
        year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;

    return era * days_per_era + day_of_era - epoch_shift_days;
}

CivilDate civil_date_from_days(std::int64_t days) noexcept {
    const std::int64_t shifted = days + epoch_shift_days;
    const std::int64_t era = floor_div(shifted, days_per_era);
    const std::int64_t day_of_era = shifted - era * days_per_era;

    // Leap days inside the era shift the year boundaries; remove them first.
    const std::int64_t year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36'524 - day_of_era / (days_per_era - 1)) /
        365;
    const std::int64_t day_of_year =
        day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    const std::int64_t march_month = (5 * day_of_year + 2) / 153;

    CivilDate date;
    date.day = static_cast<int>(day_of_year - (153 * march_month + 2) / 5 + 1);
    date.month = static_cast<int>(march_month < 10 ? march_month + 3 : march_month - 9);
    date.year = static_cast<int>(year_of_era + era * 400 + (date.month <= 2 ? 1 : 0));
    return date;
}

} // namespace badung::time

#include "core/time/local_day.hpp"

namespace badung::time {

CivilDate local_date(std::int64_t utc_ms, int offset_minutes) noexcept {
    const std::int64_t local = utc_ms + static_cast<std::int64_t>(offset_minutes) * ms_per_minute;
    return civil_date_from_days(floor_div(local, ms_per_day));
}

InstantRange local_day_range(CivilDate date, int offset_minutes) noexcept {
    const std::int64_t offset_ms = static_cast<std::int64_t>(offset_minutes) * ms_per_minute;
    const std::int64_t local_midnight = days_since_epoch(date) * ms_per_day;
    return InstantRange{local_midnight - offset_ms, local_midnight + ms_per_day - offset_ms};
}

std::string format_wita(std::int64_t utc_ms, const FormatOptions& options) {
    return format_date_time(utc_ms, wita_offset_minutes, options);
}

} // namespace badung::time

#include "server/wita_time.hpp"

#include "core/time/date_time.hpp"
#include "core/time/local_day.hpp"

namespace badung::cityd {

static_assert(wita_offset_seconds == badung::time::wita_offset_minutes * 60);

std::string format_wita(std::int64_t unix_ms) {
    return badung::time::format_date_time(unix_ms, badung::time::wita_offset_minutes);
}

std::int64_t now_unix_ms() {
    using namespace std::chrono;
    return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

std::string now_wita() {
    return format_wita(now_unix_ms());
}

std::optional<std::int64_t> parse_iso8601(std::string_view text) {
    try {
        return badung::time::parse_date_time(text).utc_ms;
    } catch (const badung::time::InvalidDateTime&) {
        return std::nullopt;
    }
}

} // namespace badung::cityd

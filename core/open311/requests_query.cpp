#include "core/open311/requests_query.hpp"

namespace badung::open311 {

namespace {

bool is_unreserved(unsigned char c) noexcept {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
           c == '.' || c == '_' || c == '~';
}

} // namespace

std::string percent_encode(std::string_view value) {
    constexpr char hex[] = "0123456789ABCDEF";
    std::string out;
    out.reserve(value.size());
    for (const char c : value) {
        const auto byte = static_cast<unsigned char>(c);
        if (is_unreserved(byte)) {
            out += c;
            continue;
        }
        out += '%';
        out += hex[byte >> 4];
        out += hex[byte & 0x0F];
    }
    return out;
}

std::string date_range_query(const time::InstantRange& range, int offset_minutes) {
    time::FormatOptions options;
    options.utc_as_z = true;

    const std::string start = time::format_date_time(range.begin_ms, offset_minutes, options);
    const std::string end = time::format_date_time(range.end_ms, offset_minutes, options);
    return "start_date=" + percent_encode(start) + "&end_date=" + percent_encode(end);
}

std::string day_query(std::int64_t now_ms, int offset_minutes) {
    const time::CivilDate today = time::local_date(now_ms, offset_minutes);
    return date_range_query(time::local_day_range(today, offset_minutes), offset_minutes);
}

} // namespace badung::open311

#pragma once

#include "core/time/local_day.hpp"

#include <cstdint>
#include <string>
#include <string_view>

namespace badung::open311 {

// Percent-encodes a query value: every byte but the RFC 3986 unreserved
// characters (A-Z a-z 0-9 - . _ ~) becomes %XX. A '+' becomes %2B, because
// servers read a raw '+' in a query string as a space.
std::string percent_encode(std::string_view value);

// Builds "start_date=…&end_date=…" for GET requests.json, both bounds written
// at offset_minutes and percent-encoded:
// start_date=2026-12-04T00%3A00%3A00%2B08%3A00&end_date=2026-12-05T00%3A00%3A00%2B08%3A00
std::string date_range_query(const time::InstantRange& range, int offset_minutes);

// Builds the date range query of the local day that now_ms falls on.
std::string day_query(std::int64_t now_ms, int offset_minutes = time::wita_offset_minutes);

} // namespace badung::open311

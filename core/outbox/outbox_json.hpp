#pragma once

#include "core/outbox/outbox_item.hpp"

#include <cstddef>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace badung::outbox {

// Persistence of outbox items (IndexedDB in the browser) as JSON:
//   {"format": "badung-outbox", "version": 1, "items": [{
//      "local_id": "u1", "idempotency_key": "…", "state": "pending",
//      "created_at": "2026-12-04T06:10:00+08:00", "attempts": 0,
//      "next_attempt_at": "2026-12-03T22:10:02Z",
//      "fields": [["service_code", "JLN-01"], ["lat", "-8.7177"], …],
//      "service_request_id": "…", "token": "…", "http_status": 0, "last_error": "…"}]}
// Instants are written with their offset (created_at) or in UTC, never as a
// bare local time, and read back only with an offset.

// Raised when a stored outbox is not JSON or not of the form above.
class InvalidOutboxJson : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// A stored item that could not be read; the other items are kept.
struct LoadProblem {
    std::size_t index = 0; // position in "items"
    std::string local_id;  // empty when unknown
    std::string message;
};

struct LoadedItems {
    std::vector<OutboxItem> items;
    std::vector<LoadProblem> problems;
};

// Writes items as the JSON document above.
std::string items_to_json(const std::vector<OutboxItem>& items);

// Reads a document written by items_to_json. An item without a local_id or an
// idempotency_key, with an unknown state or with an invalid date-time is left
// out and reported in problems.
// @throws InvalidOutboxJson when the text is not JSON or lacks the
//         format, version 1 or the items array.
LoadedItems items_from_json(std::string_view json);

} // namespace badung::outbox

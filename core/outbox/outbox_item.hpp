#pragma once

#include "core/open311/form_fields.hpp"
#include "core/time/date_time.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace badung::outbox {

// The state of a report on its way to the city:
//   pending --next_to_send--> sending --accepted--> sent
//                                     --4xx------> needs_fix --resubmit--> pending
//                                     --retry----> pending (after a backoff)
enum class ItemState { pending, sending, sent, needs_fix };

// Returns "pending", "sending", "sent" or "needs_fix".
const char* state_name(ItemState state) noexcept;

// Returns the state named by text, or std::nullopt for an unknown name.
std::optional<ItemState> state_from_name(std::string_view text) noexcept;

// A report on its way to POST requests.json.
struct OutboxItem {
    std::string local_id;        // the form's own id: one item per form
    std::string idempotency_key; // sent as the Idempotency-Key header on every send
    open311::FormFields fields;
    time::DateTime created_at;

    ItemState state = ItemState::pending;
    int attempts = 0;                 // sends handed out so far
    std::int64_t next_attempt_ms = 0; // pending: not sent before this instant
    std::int64_t sending_since_ms = 0;

    std::string service_request_id; // sent: the city's id (or empty, with a token)
    std::string token;              // sent: the server's token when it has no id yet
    int http_status = 0;            // last HTTP status, 0 for none or a network error
    std::string last_error;         // needs_fix: why the city rejected it; pending: last failure

    friend bool operator==(const OutboxItem&, const OutboxItem&) = default;
};

} // namespace badung::outbox

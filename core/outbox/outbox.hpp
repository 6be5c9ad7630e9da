#pragma once

#include "core/outbox/outbox_item.hpp"
#include "core/outbox/retry_policy.hpp"
#include "core/outbox/send_outcome.hpp"

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace badung::outbox {

// A source of uniformly random 32-bit values: crypto.getRandomValues in the
// browser, a fixed sequence in tests. It makes the Idempotency-Keys and the
// retry jitter, so it must not repeat across devices.
using RandomSource = std::function<std::uint32_t()>;

// One send handed out by Outbox::next_to_send: POST fields to requests.json
// with the header Idempotency-Key: idempotency_key, then report the outcome.
struct SendTicket {
    std::string local_id;
    std::string idempotency_key;
    open311::FormFields fields;
    int attempt = 0; // 1 for the first send of this item
};

// The queue of reports waiting for the city, without I/O: the platform moves
// bytes and calls these methods, and every instant comes in as an argument.
//
// Guarantees:
// - one item per local id: enqueueing a local id again is a no-op;
// - an item's Idempotency-Key is made once and goes with every send of it;
// - at most one send is in flight at a time, so replays started together
//   (the online event, a sync timer, a tab becoming visible) send nothing twice;
// - items are sent in enqueue order (FIFO), one after the other;
// - nothing is sent until the stored outbox was merged (merge_loaded), so a
//   report enqueued while the store loads neither is lost nor goes out with a
//   second key.
//
// NOTE: the in-flight rule applies within one Outbox object. Two browser tabs hold
// two objects, so the browser side must take a cross-tab lock (Web Locks) around
// next_to_send ... record_outcome.
class Outbox {
public:
    explicit Outbox(RandomSource random, RetryPolicy policy = {});

    // Adds a report as the last pending item, with a new Idempotency-Key.
    // Returns false and changes nothing when local_id is already in the outbox
    // in any state, so a double tap on "submit" makes one item.
    // @throws std::invalid_argument for an empty local_id.
    bool enqueue(std::string local_id, open311::FormFields fields, time::DateTime created_at);

    // Hands out the oldest pending item when it is due at now_ms and no other
    // send is in flight, and marks it sending. Items behind a pending item that
    // waits for its backoff wait too, because the outage that delays one
    // delays all, and the city should see reports in the order they were made.
    // Items in needs_fix or sent are skipped. A send in flight for longer than
    // send_timeout_ms is taken as failed first.
    std::optional<SendTicket> next_to_send(std::int64_t now_ms);

    // Applies the outcome of ticket's send: accepted makes the item sent,
    // rejected makes it needs_fix, retry makes it pending again after a backoff
    // (at least retry_after_ms). An outcome for a send that is no longer
    // in flight is ignored, except a late acceptance, which still records the
    // city's id. Returns whether the outcome changed the item.
    bool record_outcome(const SendTicket& ticket, const SendOutcome& outcome, std::int64_t now_ms);

    // Replaces the fields of a needs_fix item and makes it pending again, due
    // at once. The item gets a new Idempotency-Key, because the server rejected
    // the old content and would return that rejection for a repeated key.
    // Returns false when local_id is not in needs_fix.
    bool resubmit(std::string_view local_id, open311::FormFields fields, std::int64_t now_ms);

    // Makes every pending item due at now_ms, for when the network comes back
    // (the browser's online event): the backoff waited for an outage that ended.
    void reset_backoff(std::int64_t now_ms) noexcept;

    // Removes an item that is not in flight. Returns false when there is none
    // or it is sending.
    bool discard(std::string_view local_id);

    // Merges the outbox read from storage into this one, and allows sending.
    // For a local id in both, the copy further along wins (sent, then
    // needs_fix, then sending, then pending). On a tie the stored copy wins,
    // because its Idempotency-Key may already have reached the server. The
    // exception is a copy here that is in flight, which stays. A stored item in sending was cut off with its
    // page and becomes pending, due at once. Stored items come first, then the
    // items enqueued here before the merge, each in their own order.
    void merge_loaded(std::vector<OutboxItem> stored);

    bool loaded() const noexcept { return m_loaded; }

    // Returns every item, sent ones included, in queue order.
    const std::vector<OutboxItem>& items() const noexcept { return m_items; }

    // Returns the item of local_id, or nullptr.
    const OutboxItem* find(std::string_view local_id) const noexcept;

    // Counts the items not yet sent (pending, sending or needs_fix).
    std::size_t unsent_count() const noexcept;

    // Returns when next_to_send can next hand out an item, for the platform's
    // timer: std::nullopt when nothing is pending or a send is in flight.
    std::optional<std::int64_t> next_due_ms() const noexcept;

    // Removes the sent items and returns them, for the app to keep their
    // service_request_id in its own records. The outbox drops those local ids,
    // so enqueueing one again afterwards makes a new item.
    std::vector<OutboxItem> take_sent();

private:
    OutboxItem* find_item(std::string_view local_id) noexcept;
    OutboxItem* in_flight() noexcept;
    void fail_send(OutboxItem& item, const SendOutcome& outcome, std::int64_t now_ms);
    std::string new_idempotency_key();
    double random_unit();

    RandomSource m_random;
    RetryPolicy m_policy;
    std::vector<OutboxItem> m_items;
    bool m_loaded = false;
};

// Formats 128 random bits from random as a version 4 UUID, the usual form of
// an Idempotency-Key: 8-4-4-4-12 lower-case hex digits.
std::string make_uuid_v4(const RandomSource& random);

} // namespace badung::outbox

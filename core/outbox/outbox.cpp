#include "core/outbox/outbox.hpp"

#include <algorithm>
#include <stdexcept>

namespace badung::outbox {

namespace {

int progress_rank(ItemState state) noexcept {
    switch (state) {
    case ItemState::pending:
        return 0;
    case ItemState::sending:
        return 1;
    case ItemState::needs_fix:
        return 2;
    case ItemState::sent:
        return 3;
    }
    return 0;
}

bool is_unsent(const OutboxItem& item) noexcept {
    return item.state != ItemState::sent;
}

} // namespace

std::string make_uuid_v4(const RandomSource& random) {
    std::uint32_t words[4];
    for (std::uint32_t& word : words) {
        word = random();
    }

    // RFC 4122: version 4 in the high nibble of byte 6, variant 10 in byte 8.
    words[1] = (words[1] & 0xFFFF0FFFu) | 0x00004000u;
    words[2] = (words[2] & 0x3FFFFFFFu) | 0x80000000u;

    constexpr char hex[] = "0123456789abcdef";
    std::string uuid;
    for (int nibble = 0; nibble < 32; ++nibble) {
        if (nibble == 8 || nibble == 12 || nibble == 16 || nibble == 20) {
            uuid += '-';
        }
        const std::uint32_t word = words[nibble / 8];
        const int shift = 28 - 4 * (nibble % 8);
        uuid += hex[(word >> shift) & 0xFu];
    }
    return uuid;
}

Outbox::Outbox(RandomSource random, RetryPolicy policy) : m_random(std::move(random)), m_policy(policy) {
    if (!m_random) {
        throw std::invalid_argument("Outbox needs a random source for Idempotency-Keys and jitter");
    }
}

bool Outbox::enqueue(std::string local_id, open311::FormFields fields, time::DateTime created_at) {
    if (local_id.empty()) {
        throw std::invalid_argument("cannot enqueue a report with an empty local id");
    }
    if (find_item(local_id) != nullptr) {
        return false;
    }

    OutboxItem item;
    item.local_id = std::move(local_id);
    item.idempotency_key = new_idempotency_key();
    item.fields = std::move(fields);
    item.created_at = created_at;
    m_items.push_back(std::move(item));
    return true;
}

std::optional<SendTicket> Outbox::next_to_send(std::int64_t now_ms) {
    if (!m_loaded) {
        return std::nullopt;
    }

    if (OutboxItem* flying = in_flight()) {
        if (now_ms - flying->sending_since_ms < m_policy.send_timeout_ms) {
            return std::nullopt;
        }
        fail_send(*flying, SendOutcome::network_error("no outcome within the send timeout"), now_ms);
    }

    const auto head = std::find_if(m_items.begin(), m_items.end(),
                                   [](const OutboxItem& item) { return item.state == ItemState::pending; });
    if (head == m_items.end() || head->next_attempt_ms > now_ms) {
        return std::nullopt;
    }

    head->state = ItemState::sending;
    head->sending_since_ms = now_ms;
    ++head->attempts;
    return SendTicket{head->local_id, head->idempotency_key, head->fields, head->attempts};
}

bool Outbox::record_outcome(const SendTicket& ticket, const SendOutcome& outcome, std::int64_t now_ms) {
    OutboxItem* item = find_item(ticket.local_id);
    if (item == nullptr || item->idempotency_key != ticket.idempotency_key) {
        return false;
    }

    const bool current = item->state == ItemState::sending && item->attempts == ticket.attempt;
    const bool late_acceptance = outcome.kind == SendOutcome::Kind::accepted && item->state != ItemState::sent;
    if (!current && !late_acceptance) {
        return false;
    }

    item->http_status = outcome.http_status;
    switch (outcome.kind) {
    case SendOutcome::Kind::accepted:
        item->state = ItemState::sent;
        item->service_request_id = outcome.service_request_id;
        item->token = outcome.token;
        item->last_error.clear();
        break;
    case SendOutcome::Kind::rejected:
        item->state = ItemState::needs_fix;
        item->last_error = outcome.reason;
        break;
    case SendOutcome::Kind::retry:
        fail_send(*item, outcome, now_ms);
        break;
    }
    return true;
}

bool Outbox::resubmit(std::string_view local_id, open311::FormFields fields, std::int64_t now_ms) {
    OutboxItem* item = find_item(local_id);
    if (item == nullptr || item->state != ItemState::needs_fix) {
        return false;
    }

    item->fields = std::move(fields);
    item->idempotency_key = new_idempotency_key();
    item->state = ItemState::pending;
    item->attempts = 0;
    item->next_attempt_ms = now_ms;
    item->http_status = 0;
    item->last_error.clear();
    return true;
}

void Outbox::reset_backoff(std::int64_t now_ms) noexcept {
    for (OutboxItem& item : m_items) {
        if (item.state == ItemState::pending) {
            item.next_attempt_ms = std::min(item.next_attempt_ms, now_ms);
        }
    }
}

bool Outbox::discard(std::string_view local_id) {
    const auto it = std::find_if(m_items.begin(), m_items.end(),
                                 [&](const OutboxItem& item) { return item.local_id == local_id; });
    if (it == m_items.end() || it->state == ItemState::sending) {
        return false;
    }
    m_items.erase(it);
    return true;
}

void Outbox::merge_loaded(std::vector<OutboxItem> stored) {
    std::vector<OutboxItem> merged;
    merged.reserve(stored.size() + m_items.size());

    const auto already_merged = [&merged](const std::string& local_id) {
        return std::any_of(merged.begin(), merged.end(),
                           [&](const OutboxItem& item) { return item.local_id == local_id; });
    };

    for (OutboxItem& stored_item : stored) {
        if (stored_item.local_id.empty() || already_merged(stored_item.local_id)) {
            continue;
        }
        if (stored_item.state == ItemState::sending) {
            stored_item.state = ItemState::pending;
            stored_item.next_attempt_ms = 0;
        }

        OutboxItem* here = find_item(stored_item.local_id);
        const bool keep_here = here != nullptr &&
                               (progress_rank(here->state) > progress_rank(stored_item.state) ||
                                (here->state == ItemState::sending && stored_item.state == ItemState::sending));
        if (keep_here) {
            merged.push_back(std::move(*here));
        } else {
            merged.push_back(std::move(stored_item));
        }
        if (here != nullptr) {
            here->local_id.clear(); // taken: skipped below
        }
    }

    for (OutboxItem& item : m_items) {
        if (!item.local_id.empty()) {
            merged.push_back(std::move(item));
        }
    }

    m_items = std::move(merged);
    m_loaded = true;
}

const OutboxItem* Outbox::find(std::string_view local_id) const noexcept {
    for (const OutboxItem& item : m_items) {
        if (item.local_id == local_id) {
            return &item;
        }
    }
    return nullptr;
}

std::size_t Outbox::unsent_count() const noexcept {
    return static_cast<std::size_t>(std::count_if(m_items.begin(), m_items.end(), is_unsent));
}

std::optional<std::int64_t> Outbox::next_due_ms() const noexcept {
    std::optional<std::int64_t> due;
    for (const OutboxItem& item : m_items) {
        if (item.state == ItemState::sending) {
            return std::nullopt;
        }
        if (item.state == ItemState::pending && !due) {
            due = item.next_attempt_ms;
        }
    }
    return due;
}

std::vector<OutboxItem> Outbox::take_sent() {
    std::vector<OutboxItem> sent;
    std::vector<OutboxItem> kept;
    for (OutboxItem& item : m_items) {
        (item.state == ItemState::sent ? sent : kept).push_back(std::move(item));
    }
    m_items = std::move(kept);
    return sent;
}

OutboxItem* Outbox::find_item(std::string_view local_id) noexcept {
    for (OutboxItem& item : m_items) {
        if (item.local_id == local_id) {
            return &item;
        }
    }
    return nullptr;
}

OutboxItem* Outbox::in_flight() noexcept {
    for (OutboxItem& item : m_items) {
        if (item.state == ItemState::sending) {
            return &item;
        }
    }
    return nullptr;
}

void Outbox::fail_send(OutboxItem& item, const SendOutcome& outcome, std::int64_t now_ms) {
    std::int64_t delay = retry_delay_ms(m_policy, std::max(item.attempts, 1), random_unit());
    if (outcome.retry_after_ms) {
        delay = std::max(delay, *outcome.retry_after_ms);
    }

    item.state = ItemState::pending;
    item.next_attempt_ms = now_ms + delay;
    item.last_error = outcome.reason;
}

std::string Outbox::new_idempotency_key() {
    return make_uuid_v4(m_random);
}

double Outbox::random_unit() {
    return static_cast<double>(m_random()) / 4'294'967'296.0;
}

} // namespace badung::outbox

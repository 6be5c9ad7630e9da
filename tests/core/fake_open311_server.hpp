#pragma once

// A fake GeoReport v2 server and a fake clock for outbox tests: POST
// requests.json answers after a fixed latency, hands out ids in arrival order
// and replays the first response for a repeated Idempotency-Key.

#include "core/open311/form_fields.hpp"

#include <algorithm>
#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <utility>
#include <vector>

// Runs callbacks in time order on a fake clock; callbacks may schedule more.
class FakeClock {
public:
    std::int64_t now() const { return m_now; }

    void at(std::int64_t time_ms, std::function<void()> callback) {
        m_events.emplace(time_ms, std::move(callback));
    }

    // Runs every event up to and including until_ms, in time order (ties in
    // the order they were scheduled).
    void run_until(std::int64_t until_ms) {
        while (!m_events.empty() && m_events.begin()->first <= until_ms) {
            auto event = m_events.begin();
            m_now = event->first;
            auto callback = std::move(event->second);
            m_events.erase(event);
            callback();
        }
        m_now = std::max(m_now, until_ms);
    }

private:
    std::int64_t m_now = 0;
    std::multimap<std::int64_t, std::function<void()>> m_events;
};

class FakeOpen311Server {
public:
    struct Post {
        std::int64_t received_ms = 0;
        std::string idempotency_key;
        badung::open311::FormFields fields;
    };

    FakeOpen311Server(std::vector<std::string> ids, std::int64_t latency_ms)
        : m_ids(std::move(ids)), m_latency_ms(latency_ms) {}

    // Receives a POST and commits it at once. Returns the response body and
    // when it reaches the client.
    std::pair<std::string, std::int64_t> receive(const std::string& idempotency_key,
                                                 const badung::open311::FormFields& fields,
                                                 std::int64_t now_ms) {
        m_posts.push_back(Post{now_ms, idempotency_key, fields});

        auto known = m_responses.find(idempotency_key);
        if (known == m_responses.end()) {
            const std::string id = m_next < m_ids.size() ? m_ids[m_next] : "BDG-OVERFLOW";
            ++m_next;
            known = m_responses.emplace(idempotency_key, "[{\"service_request_id\":\"" + id + "\"}]").first;
        }
        return {known->second, now_ms + m_latency_ms};
    }

    const std::vector<Post>& posts() const { return m_posts; }

    // Counts the service requests created (not the POSTs received).
    std::size_t created_count() const { return m_responses.size(); }

private:
    std::vector<std::string> m_ids;
    std::int64_t m_latency_ms;
    std::size_t m_next = 0;
    std::vector<Post> m_posts;
    std::map<std::string, std::string> m_responses;
};

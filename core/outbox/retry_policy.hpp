#pragma once

#include <cstdint>

namespace badung::outbox {

// Timing of resends after network errors, timeouts and 5xx responses.
struct RetryPolicy {
    std::int64_t base_delay_ms = 2'000;     // delay after the first failed send
    std::int64_t max_delay_ms = 300'000;    // cap on the exponential growth
    double jitter = 0.5;                    // share of the delay drawn at random, 0..1
    std::int64_t send_timeout_ms = 120'000; // a send with no outcome after this is taken as failed
};

// Returns the wait before the next send after `failures` failed sends in a
// row: min(max_delay, base_delay * 2^(failures-1)), of which the `jitter`
// share is scaled by random_unit, so phones that lost the network together do
// not come back together.
// @pre failures >= 1, random_unit in [0, 1).
std::int64_t retry_delay_ms(const RetryPolicy& policy, int failures, double random_unit) noexcept;

} // namespace badung::outbox

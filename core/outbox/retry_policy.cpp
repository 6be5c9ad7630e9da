#include "core/outbox/retry_policy.hpp"

#include <algorithm>

namespace badung::outbox {

std::int64_t retry_delay_ms(const RetryPolicy& policy, int failures, double random_unit) noexcept {
    std::int64_t delay = policy.base_delay_ms;
    for (int i = 1; i < failures && delay < policy.max_delay_ms; ++i) {
        delay *= 2;
    }
    delay = std::min(delay, policy.max_delay_ms);

    const double jitter = std::clamp(policy.jitter, 0.0, 1.0);
    const double unit = std::clamp(random_unit, 0.0, 1.0);
    const double fixed_part = static_cast<double>(delay) * (1.0 - jitter);
    const double random_part = static_cast<double>(delay) * jitter * unit;
    return static_cast<std::int64_t>(fixed_part + random_part);
}

} // namespace badung::outbox

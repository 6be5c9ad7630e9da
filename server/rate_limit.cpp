#include "server/rate_limit.hpp"

#include "server/http_errors.hpp"
#include "server/log.hpp"

#include <httplib.h>

#include <algorithm>
#include <cmath>

namespace badung::cityd {

namespace {

// Buckets kept before full ones are dropped, which bounds the memory a
// stream of new client addresses can take.
constexpr std::size_t max_buckets = 10000;

} // namespace

RateLimiter::RateLimiter(std::size_t per_minute, std::size_t burst)
    : per_minute_(static_cast<double>(per_minute)), burst_(static_cast<double>(std::max<std::size_t>(burst, 1))) {}

std::optional<std::int64_t> RateLimiter::take(const std::string& client, std::chrono::steady_clock::time_point now) {
    if (!enabled()) {
        return std::nullopt;
    }
    const std::lock_guard lock(mutex_);
    if (buckets_.size() >= max_buckets && buckets_.find(client) == buckets_.end()) {
        forget_full_buckets(now);
    }

    auto [entry, inserted] = buckets_.try_emplace(client, Bucket{burst_, now});
    Bucket& bucket = entry->second;
    const double elapsed_minutes = std::chrono::duration<double, std::ratio<60>>(now - bucket.updated).count();
    bucket.tokens = std::min(burst_, bucket.tokens + elapsed_minutes * per_minute_);
    bucket.updated = now;

    if (bucket.tokens >= 1) {
        bucket.tokens -= 1;
        return std::nullopt;
    }
    const double seconds = (1 - bucket.tokens) * 60 / per_minute_;
    return static_cast<std::int64_t>(std::ceil(seconds));
}

void RateLimiter::forget_full_buckets(std::chrono::steady_clock::time_point now) {
    for (auto it = buckets_.begin(); it != buckets_.end();) {
        const double elapsed_minutes = std::chrono::duration<double, std::ratio<60>>(now - it->second.updated).count();
        if (it->second.tokens + elapsed_minutes * per_minute_ >= burst_) {
            it = buckets_.erase(it);
        } else {
            ++it;
        }
    }
}

bool reject_rate_limited(RateLimiter& limiter, const httplib::Request& req, httplib::Response& res) {
    const bool citizen_write = req.method == "POST" && (req.path == "/open311/v2/requests.json" || req.path == "/media");
    if (!citizen_write) {
        return false;
    }
    const auto retry_after = limiter.take(req.remote_addr, std::chrono::steady_clock::now());
    if (!retry_after) {
        return false;
    }
    res.set_header("Retry-After", std::to_string(*retry_after));
    send_open311_error(res, 429, "too many requests from " + req.remote_addr + "; wait " +
                                     std::to_string(*retry_after) + " s (Retry-After) and send again with the same "
                                     "Idempotency-Key");
    return true;
}

} // namespace badung::cityd

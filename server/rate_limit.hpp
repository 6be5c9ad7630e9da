#pragma once

#include "server/config.hpp"

#include <chrono>
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

namespace httplib {
struct Request;
struct Response;
} // namespace httplib

namespace badung::cityd {

// Token buckets of POST requests per client IP address: each client may
// send `burst` requests at once and `per_minute` on average.
class RateLimiter {
public:
    RateLimiter(std::size_t per_minute, std::size_t burst);

    // Takes one token for `client` at `now`. Returns nothing when allowed,
    // else the whole seconds until a token is free again.
    std::optional<std::int64_t> take(const std::string& client, std::chrono::steady_clock::time_point now);

    bool enabled() const noexcept { return per_minute_ > 0; }

private:
    struct Bucket {
        double tokens;
        std::chrono::steady_clock::time_point updated;
    };
    void forget_full_buckets(std::chrono::steady_clock::time_point now);

    double per_minute_;
    double burst_;
    std::mutex mutex_;
    std::unordered_map<std::string, Bucket> buckets_;
};

// Writes 429 with Retry-After and an Open311 error array, and returns true,
// when a citizen write (POST /open311/v2/requests.json or POST /media) is
// over the client's limit. Staff routes and reads are not limited.
bool reject_rate_limited(RateLimiter& limiter, const httplib::Request& req, httplib::Response& res);

} // namespace badung::cityd

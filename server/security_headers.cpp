#include "server/security_headers.hpp"

namespace badung::cityd {

httplib::Headers security_headers(const Config& config) {
    httplib::Headers headers{
        {"X-Content-Type-Options", "nosniff"},
        {"Referrer-Policy", "strict-origin-when-cross-origin"},
    };
    if (!config.content_security_policy.empty()) {
        headers.emplace("Content-Security-Policy", config.content_security_policy);
    }
    return headers;
}

} // namespace badung::cityd

#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace badung::outbox {

// The result of one send, as the platform's HTTP adapter reports it.
struct SendOutcome {
    enum class Kind {
        accepted, // 2xx with a service_request_id or token
        rejected, // the city refused this content (4xx): the user must fix it
        retry,    // network error, timeout, 5xx, 408, 409, 425 or 429: send again later
    };

    Kind kind = Kind::retry;
    int http_status = 0; // 0 for a network error or a timeout
    std::string service_request_id;
    std::string token;
    std::string reason;                       // for rejected and retry: what went wrong
    std::optional<std::int64_t> retry_after_ms; // from a Retry-After header

    static SendOutcome accepted(std::string service_request_id, std::string token = {});
    static SendOutcome network_error(std::string reason);
    static SendOutcome timed_out();
};

// Classifies an HTTP response to POST requests.json.
// - 2xx with an id or token: accepted. A 2xx whose body cannot be read is a
//   retry, because the resend with the same Idempotency-Key returns it again.
// - 408, 409 (the same key still in progress), 425, 429 and 5xx: retry.
// - Other 4xx: rejected, with the GeoReport v2 error descriptions as reason.
// - 1xx and 3xx: retry, so a misconfigured proxy does not lose the report.
SendOutcome outcome_from_http(int status, std::string_view body,
                              std::optional<std::int64_t> retry_after_ms = std::nullopt);

} // namespace badung::outbox

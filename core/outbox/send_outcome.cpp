#include "core/outbox/send_outcome.hpp"

#include "core/open311/json_value.hpp"
#include "core/open311/service_request.hpp"

namespace badung::outbox {

namespace {

bool is_transient_client_error(int status) noexcept {
    return status == 408 || status == 409 || status == 425 || status == 429;
}

// Returns the error descriptions of a GeoReport v2 error body, or the start of
// the body when it is not one.
std::string rejection_reason(int status, std::string_view body) {
    std::string reason = "HTTP " + std::to_string(status);
    try {
        open311::parse_post_response(body);
    } catch (const open311::Open311ErrorResponse& error) {
        for (const open311::ApiError& entry : error.errors()) {
            reason += "; ";
            reason += entry.description;
        }
        return reason;
    } catch (const std::exception&) {
    }
    if (!body.empty()) {
        reason += ": ";
        reason += body.substr(0, 200);
    }
    return reason;
}

} // namespace

SendOutcome SendOutcome::accepted(std::string service_request_id, std::string token) {
    SendOutcome outcome;
    outcome.kind = Kind::accepted;
    outcome.http_status = 200;
    outcome.service_request_id = std::move(service_request_id);
    outcome.token = std::move(token);
    return outcome;
}

SendOutcome SendOutcome::network_error(std::string reason) {
    SendOutcome outcome;
    outcome.kind = Kind::retry;
    outcome.reason = std::move(reason);
    return outcome;
}

SendOutcome SendOutcome::timed_out() {
    return network_error("the request timed out");
}

SendOutcome outcome_from_http(int status, std::string_view body, std::optional<std::int64_t> retry_after_ms) {
    SendOutcome outcome;
    outcome.http_status = status;
    outcome.retry_after_ms = retry_after_ms;

    if (status >= 200 && status < 300) {
        try {
            const open311::PostResult result = open311::parse_post_response(body);
            outcome.kind = SendOutcome::Kind::accepted;
            outcome.service_request_id = result.service_request_id;
            outcome.token = result.token;
        } catch (const std::exception& error) {
            outcome.kind = SendOutcome::Kind::retry;
            outcome.reason = std::string("unreadable success response: ") + error.what();
        }
        return outcome;
    }

    if (status >= 400 && status < 500 && !is_transient_client_error(status)) {
        outcome.kind = SendOutcome::Kind::rejected;
        outcome.reason = rejection_reason(status, body);
        return outcome;
    }

    outcome.kind = SendOutcome::Kind::retry;
    outcome.reason = "HTTP " + std::to_string(status);
    return outcome;
}

} // namespace badung::outbox

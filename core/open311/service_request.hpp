#pragma once

#include "core/time/date_time.hpp"
#include "core/time/local_day.hpp"

#include <rapidjson/document.h>

#include <cstddef>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace badung::open311 {

// One service request as GET requests.json returns it (GeoReport v2).
struct ServiceRequest {
    std::string service_request_id;
    std::string status; // "open" or "closed"
    std::string status_notes;
    std::string service_name;
    std::string service_code;
    std::string description;
    std::string agency_responsible;
    std::string service_notice;
    std::optional<time::DateTime> requested_datetime;
    std::optional<time::DateTime> updated_datetime;
    std::optional<time::DateTime> expected_datetime;
    std::string address;
    std::string address_id;
    std::string zipcode;
    std::optional<double> lat;
    std::optional<double> lon; // "long" in the JSON
    std::string media_url;
};

// A problem with one entry of a response; the other entries are kept.
struct EntryProblem {
    std::size_t index = 0; // position in the response array
    std::string message;
};

struct ServiceRequestList {
    std::vector<ServiceRequest> requests;
    std::vector<EntryProblem> problems;
};

// One entry of a GeoReport v2 error response: [{"code":404,"description":"…"}].
struct ApiError {
    int code = 0;
    std::string description;
};

// Raised when a server returned its error array instead of the data asked for.
class Open311ErrorResponse : public std::runtime_error {
public:
    explicit Open311ErrorResponse(std::vector<ApiError> errors);

    const std::vector<ApiError>& errors() const noexcept { return m_errors; }

private:
    std::vector<ApiError> m_errors;
};

// Raises Open311ErrorResponse when value is a GeoReport v2 error array: a
// non-empty array whose every entry has an integer code and no data members.
void throw_if_error_array(const rapidjson::Value& value);

// Parses the JSON array of GET requests.json. An entry without a
// service_request_id is dropped, and a member of the wrong type or an invalid
// date-time leaves that member empty; each is reported in problems.
// @throws InvalidOpen311Json when the text is not JSON or not an array, and
//         Open311ErrorResponse when it is an error array.
ServiceRequestList parse_service_requests(std::string_view json);

// The response to POST requests.json: a service_request_id, or a token when the
// server assigns the id later.
struct PostResult {
    std::string service_request_id;
    std::string token;
    std::string service_notice;
    std::string account_id;
};

// Parses the body of a successful POST requests.json: [{"service_request_id":…}].
// @throws InvalidOpen311Json when the body contains neither an id nor a token,
//         and Open311ErrorResponse when it is an error array.
PostResult parse_post_response(std::string_view json);

// Returns the requests whose requested_datetime lies in range, in input order.
// Servers differ on whether end_date is inclusive, so the client applies the
// half-open range itself.
std::vector<ServiceRequest> requested_within(const std::vector<ServiceRequest>& requests,
                                             const time::InstantRange& range);

} // namespace badung::open311

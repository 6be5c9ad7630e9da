#pragma once

#include <string>
#include <string_view>

namespace httplib {
struct Response;
}

namespace badung::cityd {

// Sets an OGC API exception response: {"code": "...", "description": "..."}.
void send_ogc_error(httplib::Response& res, int status, std::string_view code, std::string_view description);

// Sets an Open311 GeoReport v2 error response: [{"code": N, "description": "..."}]
// where N is the HTTP status.
void send_open311_error(httplib::Response& res, int status, std::string_view description);

// Returns the OGC API exception code for an HTTP status, e.g. "NotFound".
std::string ogc_code_for_status(int status);

// Returns the description of an error body of either form, or "" when the
// body is not one. The request log uses it as the reason.
std::string error_reason(const std::string& body);

} // namespace badung::cityd

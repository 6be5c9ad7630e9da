#pragma once

#include <optional>
#include <string>

namespace httplib {
struct Request;
}

namespace badung::cityd {

// Returns the request's Content-Encoding headers joined by ", " and in
// lower case (content codings are case-insensitive, RFC 9110 8.4.1), or ""
// without one.
std::string content_encoding(const httplib::Request& req);

// Returns whether the body is gzip-compressed: Content-Encoding gzip or its
// alias x-gzip.
bool has_gzip_body(const httplib::Request& req);

// Returns the 415 description when the Content-Encoding of a request is one
// its route does not decode, or nothing. POST /open311/v2/requests.json
// takes gzip, and every route takes identity.
std::optional<std::string> find_unsupported_content_encoding(const httplib::Request& req);

} // namespace badung::cityd

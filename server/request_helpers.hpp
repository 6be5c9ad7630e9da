#pragma once

#include "server/config.hpp"

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>

namespace httplib {
struct Request;
}

namespace badung::cityd {

// Returns the base of absolute links: the configured public_base_url, or
// the request's scheme ("https://" over TLS, else "http://") plus its Host
// header.
std::string base_url(const httplib::Request& req, const Config& config);

// Parses a whole decimal integer (a tile address, a list index). Returns
// nothing for signs, blanks, other characters or overflow.
std::optional<std::uint64_t> parse_index(const std::string& text);

// Percent-encodes a query value (everything but RFC 3986 unreserved characters).
std::string url_encode(std::string_view value);

// Returns the first query parameter that is not in `allowed` or appears more
// than once, with the reason, or nothing when all are fine.
std::optional<std::string> find_bad_parameter(const httplib::Request& req,
                                              std::initializer_list<std::string_view> allowed);

// Returns the reason when one of `names` appears more than once in the
// query, also with the same value each time, or nothing.
std::optional<std::string> find_repeated_parameter(const httplib::Request& req,
                                                   std::initializer_list<std::string_view> names);

// True when a client asks for JSON: `f=json` (or `f=geojson`), or an Accept
// header naming JSON but not text/html. Browsers send text/html first.
bool wants_json(const httplib::Request& req);

// True when the request prefers English (Accept-Language starting with "en").
bool prefers_english(const httplib::Request& req);

} // namespace badung::cityd

#pragma once

#include <string_view>

namespace badung::cityd {

// Returns whether a Host header value is a syntactically valid host[:port]:
// a DNS name (labels of letters, digits, '-' and '_', 1 to 63 characters,
// at most 253 in all), an IPv4 address, or an IPv6 address in brackets,
// optionally followed by ':' and a port 1 to 65535. Absolute links are built
// from this value when public_base_url is not set, so anything else (a
// path, a user name, quotes, spaces) is refused.
bool is_valid_host_header(std::string_view value);

} // namespace badung::cityd

#pragma once

#include <string_view>

// Shape checks for the contact and media fields of a report form. They check
// the form of a value only; whether the address or number exists is unknown.
namespace badung::open311 {

// Returns whether text has the form local@domain, at most 254 bytes in all.
// The local part has 1 to 64 characters from the RFC 5322 atom set, with
// single dots between atoms. The domain has at least two dot-separated labels
// of letters, digits, hyphens or UTF-8 (internationalised names), and its last
// label has two or more characters.
bool is_email_address(std::string_view text) noexcept;

// Returns whether text is an Indonesian phone number in the +62 or 0 form:
// +62 812-3456-7890, 0812 3456 7890, (0361) 123456. Spaces, dots, dashes and
// brackets are ignored; after +62 or 0 come 8 to 12 digits, the first not 0.
bool is_indonesian_phone(std::string_view text) noexcept;

// Returns whether text is an absolute http or https URL with a host and
// without spaces or control characters.
bool is_http_url(std::string_view text) noexcept;

} // namespace badung::open311

#pragma once

#include <string_view>

namespace badung::cityd {

// Checks whether an Accept-Encoding header value (RFC 9110, section 12.5.3)
// accepts gzip: "gzip" or "x-gzip" with a q-value above 0, or else "*" with
// a q-value above 0. Codings match case-insensitively. A missing or empty
// header accepts only the identity coding, so it returns false.
bool accepts_gzip(std::string_view accept_encoding);

} // namespace badung::cityd

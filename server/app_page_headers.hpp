#pragma once

#include "server/config.hpp"

namespace httplib {
struct Request;
struct Response;
} // namespace httplib

namespace badung::cityd {

// The framing policy of the app's own pages (/, /index.html and every
// other HTML page but /embed): only pages of this origin may frame them, so
// no other site can overlay the report form, which takes a name, an email
// and a phone number (clickjacking). Sets one Content-Security-Policy, the
// configured policy with `frame-ancestors 'self'` added, and
// X-Frame-Options: SAMEORIGIN for browsers without CSP level 2. Leaves
// responses that are not HTML, and pages that set their own
// frame-ancestors (/embed, with its allow-list), as they are.
void apply_app_page_framing(const Config& config, httplib::Response& res);

} // namespace badung::cityd

#pragma once

#include "server/config.hpp"

#include <httplib.h>

namespace badung::cityd {

// Returns the headers every response carries: Content-Security-Policy from
// the config, X-Content-Type-Options: nosniff and Referrer-Policy. Framing
// is left to the routes that serve embeddable pages.
httplib::Headers security_headers(const Config& config);

} // namespace badung::cityd

#pragma once

#include "server/lon_lat_box.hpp"

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <vector>

namespace badung::cityd {

// Settings read from the optional config file: `key = value` lines, with
// `#` comments and blank lines ignored. Unknown keys are an error, so a typo
// never silently leaves a default in place.
struct Config {
    // Origins allowed to call the API from a browser (CORS). "*" allows any.
    std::vector<std::string> cors_allow_origins;

    // Partner origins whose pages may frame the map at /embed (CSP
    // frame-ancestors). "*" allows any site. Empty allows only pages served
    // from this machine (localhost, 127.0.0.1) and the server itself.
    std::vector<std::string> embed_allow_origins;

    // Maximum request body in bytes. Larger bodies get 413.
    std::size_t max_request_bytes = 256 * 1024;

    // Default and maximum `limit` of OGC API items pages.
    std::size_t items_limit_default = 10;
    std::size_t items_limit_max = 10000;

    // Area where service requests are accepted: the extent of Kabupaten
    // Badung (115.0839..115.2512 E, 8.8492..8.2402 S) plus about 1 km.
    LonLatBox report_area{115.07, -8.86, 115.27, -8.23};

    // Collection id of a boundary layer (the kabupaten polygon). When set and
    // loaded, reports must also lie inside it or within report_area_margin_m.
    std::string report_area_layer;
    double report_area_margin_m = 200;

    // Open311 service definitions. A relative path is read from the config
    // file's folder (or the working directory without a config file).
    std::filesystem::path services_file = "services.json";

    // Worker threads that serve requests.
    std::size_t threads = 8;

    // Seconds a client has to send the request line and headers, and then
    // the body. A slower request gets 408 and its connection is closed.
    std::int64_t request_head_timeout_seconds = 10;
    std::int64_t request_body_timeout_seconds = 60;

    // Base of absolute links in API responses, e.g. "https://peta.example.go.id".
    // Empty means the request's scheme (https with --tls-cert) plus its Host header.
    std::string public_base_url;

    // Bearer token of city staff for the status endpoint. Empty disables
    // staff changes (403). Compared in constant time and never logged.
    std::string staff_token;

    // Largest photo accepted by POST /media, in bytes. Larger ones get 413.
    std::size_t media_max_bytes = 5 * 1024 * 1024;

    // Seconds after which first_name, last_name, email, phone and device_id
    // of a service request are erased, and seconds between purge runs.
    std::int64_t personal_data_retention_seconds = 365LL * 24 * 3600;
    std::int64_t personal_data_purge_interval_seconds = 3600;

    // POST requests a client (by IP address) may send per minute, and how
    // many of them may come at once. 0 turns the limit off.
    std::size_t rate_limit_posts_per_minute = 30;
    std::size_t rate_limit_burst = 10;

    // Content-Security-Policy of every response. The default lets the wasm
    // app compile its module ('wasm-unsafe-eval'), which is linked with
    // DYNAMIC_EXECUTION=0 so Embind needs no eval, and loads nothing from
    // other sites.
    std::string content_security_policy =
        "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self' 'unsafe-inline'; "
        "img-src 'self' data: blob:; connect-src 'self'; worker-src 'self' blob:; object-src 'none'; "
        "base-uri 'self'; form-action 'self'";
};

// Raised for an unreadable config file or an invalid line. The message
// names the file, the line number and the key.
class ConfigError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// Reads a config file. Throws ConfigError.
Config load_config(const std::filesystem::path& file);

// Parses config text. `origin` names the source in error messages.
Config parse_config(const std::string& text, const std::string& origin);

} // namespace badung::cityd

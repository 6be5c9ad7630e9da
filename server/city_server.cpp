#include "server/city_server.hpp"

#include "server/connection_close.hpp"
#include "server/content_encoding.hpp"
#include "server/app_page_headers.hpp"
#include "server/embed_headers.hpp"
#include "server/host_header.hpp"
#include "server/http_errors.hpp"
#include "server/log.hpp"
#include "server/ogc_features_api.hpp"
#include "server/pack_api.hpp"
#include "server/request_deadline.hpp"
#include "server/request_helpers.hpp"
#include "server/security_headers.hpp"
#include "server/staff_api.hpp"
#include "server/sqlite_database.hpp"
#include "server/static_files.hpp"
#include "server/styles_api.hpp"
#include "server/tiles_api.hpp"
#include "server/tls_server.hpp"

#include <httplib.h>

#include <sys/socket.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cstdint>
#include <cstring>
#include <regex>
#include <set>

namespace badung::cityd {

namespace {

std::filesystem::path database_path(const std::filesystem::path& data_dir) {
    std::error_code error;
    std::filesystem::create_directories(data_dir, error);
    if (error) {
        throw DatabaseError("cannot create data folder " + data_dir.string() + ": " + error.message() +
                            "; check --data-dir");
    }
    return data_dir / "cityd.sqlite";
}

// Returns whether errors of `path` use the Open311 error array: the Open311
// routes and the photo upload that belongs to them.
bool is_open311_path(const std::string& path) {
    return path.rfind("/open311/", 0) == 0 || path == "/media" || path.rfind("/media/", 0) == 0;
}

// Serves the file at `url_path` below `root`. A 404 names the full `req.path`.
void serve_static(const std::filesystem::path& root, const std::string& url_path, const httplib::Request& req,
                  httplib::Response& res) {
    const auto file = resolve_static_path(root, url_path);
    if (!file || !send_file(*file, req, res)) {
        send_ogc_error(res, 404, "NotFound", "no file at '" + req.path + "'; check the address");
    }
}

void send_path_error(const httplib::Request& req, httplib::Response& res, int status, const std::string& description) {
    if (is_open311_path(req.path)) {
        send_open311_error(res, status, description);
    } else {
        send_ogc_error(res, status, ogc_code_for_status(status), description);
    }
}

// Describes a body the library could not read: cpp-httplib 0.11.4 sets
// 400 for a body cut short and for a multipart body it cannot parse.
std::string unreadable_body_description(const httplib::Request& req) {
    if (req.is_multipart_form_data()) {
        return "the multipart/form-data body is malformed or incomplete; send parts separated by the boundary "
               "of the Content-Type header, each with a Content-Disposition header";
    }
    return "the request body could not be read completely; send as many bytes as Content-Length states";
}

// Describes an error status the library set itself, with what to do next.
std::string library_error_description(const httplib::Request& req, int status, std::size_t max_request_bytes) {
    if (status == 400 && request_head_received()) {
        return unreadable_body_description(req);
    }
    switch (status) {
    case 404:
        return "no resource for " + req.method + " " + req.path + "; check the address";
    case 413:
        return "the request body is larger than " + std::to_string(max_request_bytes) +
               " bytes, the maximum; send a smaller body";
    case 414:
        // The limit is CPPHTTPLIB_REQUEST_URI_MAX_LENGTH in cpp-httplib 0.11.4.
        return "the request line is longer than 8192 bytes; shorten the query";
    case 416:
        return "the Range header is invalid; send one range as bytes=START-END, or no Range";
    case 400:
        return "the request line or headers could not be read; send valid HTTP/1.1 with headers under 8192 bytes "
               "each";
    default:
        return "the request could not be read (HTTP " + std::to_string(status) + "); check the request";
    }
}

// Returns whether a POST route serves `path`: keep in step with the Post()
// routes of the API modules.
bool accepts_post(const std::string& path) {
    static const std::regex staff_status(R"(/open311/v2/requests/[^/]+/status(?:\.json)?)");
    return path == "/open311/v2/requests.json" || path == "/media" || std::regex_match(path, staff_status);
}

bool is_method_allowed(const httplib::Request& req) {
    const std::string& method = req.method;
    return method == "GET" || method == "HEAD" || method == "OPTIONS" || (method == "POST" && accepts_post(req.path));
}

// Sets 405 with the methods the path supports.
void send_method_not_allowed(const httplib::Request& req, httplib::Response& res) {
    const std::string allowed = accepts_post(req.path) ? "GET, HEAD, POST, OPTIONS" : "GET, HEAD, OPTIONS";
    res.set_header("Allow", allowed);
    send_path_error(req, res, 405, "method " + req.method + " is not allowed on " + req.path + "; use " + allowed);
}

// Returns whether the library rejected the request line with 400 only for
// its method. cpp-httplib 0.11.4 reads the method, target and version, and
// then rejects a method outside its fixed list (such as WebDAV's PROPFIND)
// before it parses the path.
bool is_unknown_method(const httplib::Request& req, int status) {
    static const std::set<std::string> library_methods = {"GET",     "HEAD",  "POST",  "PUT", "DELETE",
                                                          "CONNECT", "OPTIONS", "TRACE", "PATCH", "PRI"};
    constexpr std::size_t max_method_length = 32;
    const std::string& method = req.method;
    const bool token = !method.empty() && method.size() <= max_method_length &&
                       std::all_of(method.begin(), method.end(), [](unsigned char c) {
                           return std::isalnum(c) || std::strchr("!#$%&'*+-.^_`|~", c) != nullptr;
                       });
    return status == 400 && !request_head_received() && token && library_methods.count(method) == 0 &&
           !req.target.empty() && req.target[0] == '/' && req.version.rfind("HTTP/1.", 0) == 0;
}

// Sets 405 with Allow for a method the library does not know. The path
// comes from the request target, because the library never parsed it.
void send_unknown_method(const httplib::Request& req, httplib::Response& res) {
    httplib::Request parsed;
    parsed.method = req.method;
    parsed.path = req.target.substr(0, req.target.find('?'));
    send_method_not_allowed(parsed, res);
}

// Returns whether the library will read a body after the headers.
bool expects_body(const httplib::Request& req) {
    const bool bodiless_method = req.method == "GET" || req.method == "HEAD" || req.method == "OPTIONS";
    return !bodiless_method || req.has_header("Content-Length") || req.has_header("Transfer-Encoding");
}

// Builds a whole 408 response with the path's error body. The watchdog of
// DeadlineTaskQueue writes it to the socket itself, so the library's
// handlers and default headers do not apply.
std::string timeout_response_text(const Config& config, const std::string& path, const std::string& description) {
    httplib::Request req;
    req.path = path;
    httplib::Response res;
    send_path_error(req, res, 408, description);

    std::string text = "HTTP/1.1 408 Request Timeout\r\nConnection: close\r\nContent-Type: application/json\r\n"
                       "Content-Length: " + std::to_string(res.body.size()) + "\r\n";
    for (const auto& [name, value] : security_headers(config)) {
        text += name + ": " + value + "\r\n";
    }
    return text + "\r\n" + res.body;
}

// Returns the time limit of one socket read for cpp-httplib. Its default
// of 5 s would end a stalled head or body read with its own 400 before the
// watchdog of DeadlineTaskQueue sends 408, so each read may wait until
// after the longest deadline. The margin covers the watchdog's polling.
std::chrono::seconds library_read_timeout(const RequestTimeouts& timeouts) {
    constexpr std::chrono::seconds watchdog_margin{2};
    return std::max(timeouts.head + timeouts.keep_alive, timeouts.body) + watchdog_margin;
}

// Rejects a body in a Content-Encoding that its route does not decode with
// 415 before the body is read. cpp-httplib 0.11.4 would inflate gzip itself
// without noticing a stream that is cut short.
bool reject_content_encoding(const httplib::Request& req, httplib::Response& res) {
    if (!expects_body(req)) {
        return false;
    }
    const auto problem = find_unsupported_content_encoding(req);
    if (!problem) {
        return false;
    }
    send_path_error(req, res, 415, *problem);
    return true;
}

// Stores the error description as the log reason now, because the library
// may gzip the body before the logger reads it. A reason that the handler
// set (without personal values) stays.
void keep_log_reason(const httplib::Response& res) {
    auto reason = take_request_log_reason();
    set_request_log_reason(reason ? std::move(*reason) : error_reason(res.body));
}

} // namespace

CityServer::CityServer(const CommandLine& options, Config config)
    : options_(options),
      config_(std::move(config)),
      layers_(LayerStore::load(options.data_root)),
      services_(ServiceCatalog::load(config_.services_file)),
      reports_(database_path(options.data_dir)),
      report_area_(ReportArea::from_config(config_, layers_)),
      open311_{services_, reports_, config_, report_area_},
      media_{config_, options.data_dir / "media"},
      rate_limiter_(config_.rate_limit_posts_per_minute, config_.rate_limit_burst),
      purge_(std::make_unique<PersonalDataPurge>(reports_, config_.personal_data_retention_seconds,
                                                 config_.personal_data_purge_interval_seconds)),
      http_(make_http_server(options)) {
    const std::size_t threads = config_.threads;
    RequestTimeouts timeouts;
    timeouts.head = std::chrono::seconds(config_.request_head_timeout_seconds);
    timeouts.body = std::chrono::seconds(config_.request_body_timeout_seconds);
    // Plain bytes on a TLS connection would break its record layer, so a
    // TLS connection that times out is closed without a response.
    const bool tls = options.tls_cert.has_value();
    const auto timeout_response = [config = config_, tls](const std::string& path, const std::string& description) {
        return tls ? std::string() : timeout_response_text(config, path, description);
    };
    http_->new_task_queue = [threads, timeouts, timeout_response] {
        return new DeadlineTaskQueue(threads, timeouts, timeout_response);
    };
    http_->set_keep_alive_timeout(timeouts.keep_alive.count());
    http_->set_read_timeout(library_read_timeout(timeouts));
    http_->set_payload_max_length(std::max(config_.max_request_bytes, body_limit_for("/media", config_)));

    // cpp-httplib's default sets SO_REUSEPORT, which lets a second server bind
    // the same port and take half the requests. SO_REUSEADDR alone still
    // allows a quick restart but makes a busy port an error.
    http_->set_socket_options([](int sock) {
        int yes = 1;
        setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
    });
    http_->set_default_headers(security_headers(config_));

    register_routes();
    register_cross_cutting_handlers();
}

CityServer::~CityServer() = default;

int CityServer::bind() {
    if (options_.port == 0) {
        return http_->bind_to_any_port(options_.host);
    }
    return http_->bind_to_port(options_.host, options_.port) ? options_.port : -1;
}

bool CityServer::run() {
    return http_->listen_after_bind();
}

void CityServer::stop() {
    http_->stop();
}

void CityServer::register_routes() {
    // The landing page: JSON for API clients, the app for browsers.
    http_->Get("/", [this](const httplib::Request& req, httplib::Response& res) {
        const std::string format = req.get_param_value("f");
        if (req.has_param("f") && format != "json" && format != "geojson" && format != "html") {
            send_ogc_error(res, 400, "InvalidParameterValue",
                           "invalid f '" + format + "': give f=json for the landing page as JSON or f=html for the app");
            return;
        }
        if (wants_json(req)) {
            send_landing_page(req, res, config_);
            return;
        }
        const auto index = resolve_static_path(options_.web_root, "/index.html");
        if (!index || !send_file(*index, req, res)) {
            send_ogc_error(res, 404, "NotFound",
                           "the web app is not built: no index.html in " + options_.web_root.string() +
                               "; run ./badung build, or ask for JSON with ?f=json");
        }
    });

    register_ogc_features_routes(*http_, layers_, config_);
    register_staff_routes(*http_, open311_);
    register_open311_routes(*http_, open311_);
    register_media_routes(*http_, media_);
    register_tile_routes(*http_, options_.data_root / "badung.mbtiles", config_);
    register_embed_routes(*http_, options_.web_root, config_);
    register_style_routes(*http_, options_.data_root, config_);
    register_pack_routes(*http_, options_.data_root);
    register_static_routes();
}

void CityServer::register_static_routes() {
    http_->Get("/data(/.*)", [this](const httplib::Request& req, httplib::Response& res) {
        serve_static(options_.data_root, req.matches[1], req, res);
    });
    http_->Get("(/.*)", [this](const httplib::Request& req, httplib::Response& res) {
        serve_static(options_.web_root, req.matches[1], req, res);
    });
}

void CityServer::apply_cors(const httplib::Request& req, httplib::Response& res) const {
    const std::string origin = req.get_header_value("Origin");
    if (origin.empty() || res.has_header("Access-Control-Allow-Origin")) {
        return;
    }
    const auto& allowed = config_.cors_allow_origins;
    const bool any = std::find(allowed.begin(), allowed.end(), "*") != allowed.end();
    if (!any && std::find(allowed.begin(), allowed.end(), origin) == allowed.end()) {
        return;
    }
    res.set_header("Access-Control-Allow-Origin", any ? "*" : origin);
    res.set_header("Access-Control-Expose-Headers", "Idempotent-Replayed, Retry-After, Location");
    if (!any) {
        res.set_header("Vary", "Origin");
    }
}

bool CityServer::reject_bad_host(const httplib::Request& req, httplib::Response& res) const {
    // Absolute links (API links, TileJSON, style and media URLs) are built
    // from the Host header unless public_base_url is set.
    if (!config_.public_base_url.empty() || !req.has_header("Host")) {
        return false;
    }
    const std::string host = req.get_header_value("Host");
    if (is_valid_host_header(host)) {
        return false;
    }
    send_path_error(req, res, 400,
                    "the Host header '" + host + "' is not a valid host[:port]; send the server's name or address, "
                    "or set public_base_url in the server's configuration");
    return true;
}

bool CityServer::reject_method(const httplib::Request& req, httplib::Response& res) const {
    if (is_method_allowed(req)) {
        return false;
    }
    send_method_not_allowed(req, res);
    return true;
}

// Rejects a request that a proxy in front and this server could read
// differently (request smuggling, RFC 9112 sections 3.2 and 6.3): several
// Host or Content-Length headers, or Content-Length beside
// Transfer-Encoding. cpp-httplib 0.11.4 takes the first of each.
bool CityServer::reject_ambiguous_framing(const httplib::Request& req, httplib::Response& res) const {
    for (const char* name : {"Host", "Content-Length"}) {
        const std::size_t count = req.get_header_value_count(name);
        if (count > 1) {
            send_path_error(req, res, 400,
                            "the request has " + std::to_string(count) + " " + name + " headers; send exactly one");
            return true;
        }
    }
    if (req.has_header("Content-Length") && req.has_header("Transfer-Encoding")) {
        send_path_error(req, res, 400,
                        "the request has both Content-Length and Transfer-Encoding; send one of them");
        return true;
    }
    return false;
}

bool CityServer::reject_declared_body(const httplib::Request& req, httplib::Response& res) const {
    if (!req.has_header("Content-Length")) {
        return false;
    }
    const std::string value = req.get_header_value("Content-Length");
    std::uint64_t length = 0;
    const auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), length);
    if (ec != std::errc{} || end != value.data() + value.size()) {
        send_path_error(req, res, 400, "Content-Length '" + value + "' is not a byte count; send the body size in bytes");
        return true;
    }
    const std::size_t limit = body_limit_for(req.path, config_);
    if (length > limit) {
        send_path_error(req, res, 413,
                        "the request body of " + value + " bytes is larger than " + std::to_string(limit) +
                            " bytes, the maximum; send a smaller body");
        return true;
    }
    return false;
}

void CityServer::register_cross_cutting_handlers() {
    // Rejects a too-large body from its Content-Length before the library
    // reads (or waits for) any of it. The connection is closed after the
    // response, so the unread body is never parsed as a request.
    http_->set_pre_routing_handler([this](const httplib::Request& req, httplib::Response& res) {
        note_request_head_received(req.path, expects_body(req));
        drop_ranges(req);
        const bool rejected = reject_ambiguous_framing(req, res) || reject_bad_host(req, res) ||
                              reject_declared_body(req, res) || reject_content_encoding(req, res) ||
                              reject_method(req, res) || reject_rate_limited(rate_limiter_, req, res);
        return rejected ? httplib::Server::HandlerResponse::Handled
                                              : httplib::Server::HandlerResponse::Unhandled;
    });

    // CORS preflight for every path. The browser enforces the allow-list,
    // because only allowed origins get an Access-Control-Allow-Origin header.
    http_->Options("/.*", [this](const httplib::Request& req, httplib::Response& res) {
        apply_cors(req, res);
        res.set_header("Access-Control-Allow-Methods", "GET, HEAD, POST, OPTIONS");
        res.set_header("Access-Control-Allow-Headers",
                       "Content-Type, Idempotency-Key, Accept, Accept-Language, Authorization");
        res.set_header("Access-Control-Max-Age", "600");
        res.status = 204;
    });

    http_->set_post_routing_handler(
        [this](const httplib::Request& req, httplib::Response& res) {
            note_request_read();
            apply_cors(req, res);
            apply_app_page_framing(config_, res);
        });

    // Runs for every response with status >= 400: fills in a body in the
    // path's error format where the library itself rejected the request.
    http_->set_error_handler(httplib::Server::HandlerWithResponse(
        [this](const httplib::Request& req, httplib::Response& res) {
        apply_cors(req, res);
        drop_ranges(req);
        const bool library_error = res.body.empty();
        // The library adds the header itself when the client sent it.
        if (must_close_connection(req, res) && req.get_header_value("Connection") != "close") {
            res.set_header("Connection", "close");
        }
        if (res.body.empty() && is_unknown_method(req, res.status)) {
            send_unknown_method(req, res);
        } else if (res.body.empty()) {
            send_path_error(req, res, res.status,
                            library_error_description(req, res.status, body_limit_for(req.path, config_)));
        }
        keep_log_reason(res);
        return library_error ? httplib::Server::HandlerResponse::Handled
                             : httplib::Server::HandlerResponse::Unhandled;
    }));

    http_->set_exception_handler([](const httplib::Request& req, httplib::Response& res, std::exception_ptr error) {
        std::string reason = "unknown exception";
        try {
            std::rethrow_exception(error);
        } catch (const std::exception& exception) {
            reason = exception.what();
        } catch (...) {
        }
        log_event("handler_exception", {{"method", req.method}, {"path", req.path}, {"reason", reason}});
        if (is_open311_path(req.path)) {
            send_open311_error(res, 500, "internal error; try again later");
        } else {
            send_ogc_error(res, 500, "ServerError", "internal error; try again later");
        }
    });

    // The logger is the library's only hook after a response is written, so
    // it also ends connections whose request may not have been read whole.
    http_->set_logger([](const httplib::Request& req, const httplib::Response& res) {
        const auto reason = take_request_log_reason();
        if (request_timed_out()) {
            return;
        }
        note_response_sent();
        if (res.status < 400) {
            return;
        }
        if (must_close_connection(req, res)) {
            end_connection_after_response(req);
        }
        log_event("request_failed", {{"method", req.method},
                                     {"path", req.path},
                                     {"status", std::to_string(res.status)},
                                     {"reason", reason.value_or("")}});
    });
}

} // namespace badung::cityd

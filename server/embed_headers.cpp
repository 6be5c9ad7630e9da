#include "server/embed_headers.hpp"

#include "server/http_errors.hpp"
#include "server/log.hpp"
#include "server/static_files.hpp"

#include <httplib.h>

#include <algorithm>
#include <cctype>
#include <string>

namespace badung::cityd {

namespace {

bool is_host_character(char c) {
    return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '-' || c == '.';
}

bool is_valid_host(std::string_view host) {
    if (host.rfind("*.", 0) == 0) {
        host.remove_prefix(2);
    }
    return !host.empty() && host.front() != '.' && host.back() != '.' && host.find("..") == std::string_view::npos &&
           std::all_of(host.begin(), host.end(), is_host_character);
}

bool is_valid_port(std::string_view port) {
    if (port == "*") {
        return true;
    }
    // A TCP port is 1 to 65535; browsers drop a CSP source with any other.
    if (port.empty() || port.size() > 5 ||
        !std::all_of(port.begin(), port.end(), [](char c) { return c >= '0' && c <= '9'; })) {
        return false;
    }
    const long number = std::stol(std::string(port));
    return number >= 1 && number <= 65535;
}

std::string lower(std::string_view text) {
    std::string result(text);
    std::transform(result.begin(), result.end(), result.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return result;
}

} // namespace

std::string normalize_embed_origin(std::string_view origin, const std::string& where) {
    if (origin == "*") {
        return "*";
    }
    std::string text = lower(origin);
    if (!text.empty() && text.back() == '/') {
        text.pop_back();
    }

    const auto scheme_end = text.find("://");
    const std::string scheme = scheme_end == std::string::npos ? "" : text.substr(0, scheme_end);
    const std::string authority = scheme_end == std::string::npos ? "" : text.substr(scheme_end + 3);
    const auto colon = authority.find(':');
    const std::string host = authority.substr(0, colon);
    const bool port_ok = colon == std::string::npos || is_valid_port(std::string_view(authority).substr(colon + 1));

    if ((scheme != "http" && scheme != "https") || !is_valid_host(host) || !port_ok) {
        throw ConfigError(where + ": embed origin '" + std::string(origin) +
                          "' is not an origin; write scheme://host[:port] such as https://sekolah.example.id, "
                          "without a path, or * for any site");
    }
    return text;
}

std::string embed_frame_policy(const std::vector<std::string>& allow_origins) {
    if (allow_origins.empty()) {
        return "frame-ancestors " + std::string(embed_loopback_sources);
    }
    if (std::find(allow_origins.begin(), allow_origins.end(), "*") != allow_origins.end()) {
        return "frame-ancestors *";
    }
    std::string policy = "frame-ancestors 'self'";
    for (const auto& origin : allow_origins) {
        policy += ' ';
        policy += origin;
    }
    return policy;
}

void register_embed_routes(httplib::Server& server, const std::filesystem::path& web_root, const Config& config) {
    const std::string policy = embed_frame_policy(config.embed_allow_origins);
    if (config.embed_allow_origins.empty()) {
        log_event("embed_loopback_only",
                  {{"reason", "embed_allow_origins is not set, so only pages on this machine may frame /embed"}});
    }

    const auto handler = [web_root, policy](const httplib::Request& req, httplib::Response& res) {
        const auto page = resolve_static_path(web_root, "/embed.html");
        if (!page || !send_file(*page, req, res)) {
            send_ogc_error(res, 404, "NotFound",
                           "the embed page is not built: no embed.html in " + web_root.string() +
                               "; run ./badung build");
            return;
        }
        res.set_header("Content-Security-Policy", policy);
    };
    // The static route joins the non-empty segments of a path, so
    // "//embed.html" or "/embed.html/" would reach the same file without
    // the policy. Every spelling of the page goes through this handler.
    server.Get(R"(/+embed(\.html)?/*)", handler);
}

} // namespace badung::cityd

#include "server/request_helpers.hpp"

#include <httplib.h>

#include <algorithm>
#include <charconv>
#include <map>

namespace badung::cityd {

std::string base_url(const httplib::Request& req, const Config& config) {
    if (!config.public_base_url.empty()) {
        return config.public_base_url;
    }
    std::string host = req.get_header_value("Host");
    if (host.empty()) {
        host = req.local_addr + ":" + std::to_string(req.local_port);
    }

    // cpp-httplib sets `ssl` on requests that came over TLS (--tls-cert).
    // An https page may not load http:// links (CSP 'self', mixed content).
    const bool tls = req.ssl != nullptr;
    return (tls ? "https://" : "http://") + host;
}

std::optional<std::uint64_t> parse_index(const std::string& text) {
    std::uint64_t value = 0;
    const char* end = text.data() + text.size();
    const auto [rest, error] = std::from_chars(text.data(), end, value);
    if (text.empty() || error != std::errc() || rest != end) {
        return std::nullopt;
    }
    return value;
}

std::string url_encode(std::string_view value) {
    static const char hex[] = "0123456789ABCDEF";
    std::string encoded;
    for (const char c : value) {
        const auto byte = static_cast<unsigned char>(c);
        if (std::isalnum(byte) || c == '-' || c == '_' || c == '.' || c == '~') {
            encoded += c;
        } else {
            encoded += '%';
            encoded += hex[byte >> 4];
            encoded += hex[byte & 0x0F];
        }
    }
    return encoded;
}

namespace {

// Counts the query parameter names of the raw request target, split and
// decoded as cpp-httplib 0.11.4 does for req.params. That parser drops a
// key=value pair equal to an earlier one, so req.params contains `limit=1` once
// for `?limit=1&limit=1`.
std::map<std::string, std::size_t> count_query_names(const std::string& target) {
    std::map<std::string, std::size_t> counts;
    const std::size_t mark = target.find('?');
    if (mark == std::string::npos) {
        return counts;
    }

    const std::string query = target.substr(mark + 1);
    httplib::detail::split(query.data(), query.data() + query.size(), '&', [&counts](const char* begin, const char* end) {
        std::string name;
        httplib::detail::split(begin, end, '=', [&name](const char* part_begin, const char* part_end) {
            if (name.empty()) {
                name.assign(part_begin, part_end);
            }
        });
        if (!name.empty()) {
            ++counts[httplib::detail::decode_url(name, true)];
        }
    });
    return counts;
}

} // namespace

std::optional<std::string> find_repeated_parameter(const httplib::Request& req,
                                                   std::initializer_list<std::string_view> names) {
    const auto counts = count_query_names(req.target);
    for (const auto name : names) {
        const auto found = counts.find(std::string(name));
        if (found != counts.end() && found->second > 1) {
            return "query parameter '" + found->first + "' appears more than once; send it once";
        }
    }
    return std::nullopt;
}

std::optional<std::string> find_bad_parameter(const httplib::Request& req,
                                              std::initializer_list<std::string_view> allowed) {
    for (const auto& [name, value] : req.params) {
        const bool known = std::find(allowed.begin(), allowed.end(), name) != allowed.end();
        if (!known) {
            std::string names;
            for (const auto known_name : allowed) {
                names += names.empty() ? "" : ", ";
                names += known_name;
            }
            return "unknown query parameter '" + name + "'; this resource accepts " +
                   (names.empty() ? std::string("none") : names);
        }
    }
    return find_repeated_parameter(req, allowed);
}

bool wants_json(const httplib::Request& req) {
    if (req.has_param("f")) {
        const auto format = req.get_param_value("f");
        return format == "json" || format == "geojson";
    }
    const std::string accept = req.get_header_value("Accept");
    const bool names_json = accept.find("application/json") != std::string::npos ||
                            accept.find("application/geo+json") != std::string::npos;
    return names_json && accept.find("text/html") == std::string::npos;
}

bool prefers_english(const httplib::Request& req) {
    const std::string language = req.get_header_value("Accept-Language");
    return language.rfind("en", 0) == 0;
}

} // namespace badung::cityd

#include "server/host_header.hpp"

#include <charconv>
#include <cstdint>

namespace badung::cityd {
namespace {

bool is_name_char(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
}

bool is_hex_digit(char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

// A DNS name or a dotted IPv4 address; a trailing '.' is allowed.
bool is_valid_name(std::string_view name) {
    if (!name.empty() && name.back() == '.') {
        name.remove_suffix(1);
    }
    if (name.empty() || name.size() > 253) {
        return false;
    }
    std::size_t label = 0;
    for (const char c : name) {
        if (c == '.') {
            if (label == 0) {
                return false;
            }
            label = 0;
        } else if (is_name_char(c) && ++label <= 63) {
            continue;
        } else {
            return false;
        }
    }
    return label > 0;
}

// The inside of [...]: hex digits, ':' and '.' (an embedded IPv4 tail).
bool is_valid_ipv6(std::string_view address) {
    if (address.size() < 2 || address.size() > 45 || address.find(':') == std::string_view::npos) {
        return false;
    }
    for (const char c : address) {
        if (!is_hex_digit(c) && c != ':' && c != '.') {
            return false;
        }
    }
    return true;
}

bool is_valid_port(std::string_view port) {
    if (port.empty() || port.size() > 5) {
        return false;
    }
    std::uint32_t number = 0;
    const auto [end, ec] = std::from_chars(port.data(), port.data() + port.size(), number);
    return ec == std::errc{} && end == port.data() + port.size() && number >= 1 && number <= 65535;
}

} // namespace

bool is_valid_host_header(std::string_view value) {
    std::string_view host = value;
    std::string_view port;
    bool bracketed = false;
    if (!host.empty() && host.front() == '[') {
        const auto close = host.find(']');
        if (close == std::string_view::npos) {
            return false;
        }
        const std::string_view rest = host.substr(close + 1);
        if (!rest.empty()) {
            if (rest.front() != ':') {
                return false;
            }
            port = rest.substr(1);
            if (!is_valid_port(port)) {
                return false;
            }
        }
        host = host.substr(1, close - 1);
        bracketed = true;
    } else if (const auto colon = host.rfind(':'); colon != std::string_view::npos) {
        port = host.substr(colon + 1);
        host = host.substr(0, colon);
        if (!is_valid_port(port)) {
            return false;
        }
    }
    return bracketed ? is_valid_ipv6(host) : is_valid_name(host);
}

} // namespace badung::cityd

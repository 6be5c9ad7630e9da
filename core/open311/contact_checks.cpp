#include "core/open311/contact_checks.hpp"

#include <string>

namespace badung::open311 {

namespace {

bool is_ascii_alnum(char c) noexcept {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

bool is_atom_char(char c) noexcept {
    constexpr std::string_view specials = "!#$%&'*+/=?^_`{|}~-";
    return is_ascii_alnum(c) || specials.find(c) != std::string_view::npos;
}

bool is_local_part(std::string_view local) noexcept {
    if (local.empty() || local.size() > 64 || local.front() == '.' || local.back() == '.') {
        return false;
    }
    char previous = '\0';
    for (const char c : local) {
        if (c == '.' ? previous == '.' : !is_atom_char(c)) {
            return false;
        }
        previous = c;
    }
    return true;
}

bool is_domain_label(std::string_view label) noexcept {
    if (label.empty() || label.size() > 63 || label.front() == '-' || label.back() == '-') {
        return false;
    }
    for (const char c : label) {
        const bool non_ascii = static_cast<unsigned char>(c) >= 0x80;
        if (!is_ascii_alnum(c) && c != '-' && !non_ascii) {
            return false;
        }
    }
    return true;
}

bool is_domain(std::string_view domain) noexcept {
    std::size_t labels = 0;
    std::string_view last;
    std::size_t start = 0;
    while (true) {
        const std::size_t dot = domain.find('.', start);
        const std::string_view label = domain.substr(start, dot == std::string_view::npos ? dot : dot - start);
        if (!is_domain_label(label)) {
            return false;
        }
        ++labels;
        last = label;
        if (dot == std::string_view::npos) {
            break;
        }
        start = dot + 1;
    }
    return labels >= 2 && last.size() >= 2;
}

} // namespace

bool is_email_address(std::string_view text) noexcept {
    const std::size_t at = text.rfind('@');
    if (text.size() > 254 || at == std::string_view::npos) {
        return false;
    }
    return is_local_part(text.substr(0, at)) && is_domain(text.substr(at + 1));
}

bool is_indonesian_phone(std::string_view text) noexcept {
    std::string digits;
    bool plus = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (c >= '0' && c <= '9') {
            digits += c;
        } else if (c == '+' && i == 0) {
            plus = true;
        } else if (c != ' ' && c != '.' && c != '-' && c != '(' && c != ')') {
            return false;
        }
    }

    std::string_view national;
    if (plus && digits.rfind("62", 0) == 0) {
        national = std::string_view(digits).substr(2);
    } else if (!plus && digits.rfind('0', 0) == 0) {
        national = std::string_view(digits).substr(1);
    } else {
        return false;
    }
    return national.size() >= 8 && national.size() <= 12 && national.front() != '0';
}

bool is_http_url(std::string_view text) noexcept {
    std::size_t scheme_end = 0;
    for (const std::string_view scheme : {"http://", "https://"}) {
        if (text.size() > scheme.size()) {
            bool same = true;
            for (std::size_t i = 0; i < scheme.size(); ++i) {
                const char c = text[i];
                same = same && (c == scheme[i] || (c >= 'A' && c <= 'Z' && c + 32 == scheme[i]));
            }
            if (same) {
                scheme_end = scheme.size();
            }
        }
    }
    if (scheme_end == 0) {
        return false;
    }

    for (const char c : text) {
        const auto byte = static_cast<unsigned char>(c);
        if (byte <= 0x20 || byte == 0x7F) {
            return false;
        }
    }
    const std::size_t host_end = text.find_first_of("/?#", scheme_end);
    const std::string_view authority = text.substr(scheme_end, host_end - scheme_end);
    const std::size_t at = authority.rfind('@');
    const std::string_view host = at == std::string_view::npos ? authority : authority.substr(at + 1);
    return !host.empty() && host.front() != ':';
}

} // namespace badung::open311

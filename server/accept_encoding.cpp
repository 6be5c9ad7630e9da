#include "server/accept_encoding.hpp"

#include <cctype>
#include <cstdlib>
#include <optional>
#include <string>

namespace badung::cityd {

namespace {

std::string_view trim(std::string_view text) {
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) {
        text.remove_prefix(1);
    }
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) {
        text.remove_suffix(1);
    }
    return text;
}

bool equals_ignoring_case(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) {
        return false;
    }
    for (std::size_t i = 0; i < a.size(); ++i) {
        if (std::tolower(static_cast<unsigned char>(a[i])) != std::tolower(static_cast<unsigned char>(b[i]))) {
            return false;
        }
    }
    return true;
}

// The q-value of one list element's parameters (";q=0.5"), 1 without one.
// An unreadable q-value counts as 0, so a malformed element accepts nothing.
double quality_of(std::string_view parameters) {
    while (!parameters.empty()) {
        const std::size_t semicolon = parameters.find(';');
        const std::string_view parameter = trim(parameters.substr(0, semicolon));
        parameters = semicolon == std::string_view::npos ? std::string_view{} : parameters.substr(semicolon + 1);

        if (parameter.size() < 2 || std::tolower(static_cast<unsigned char>(parameter[0])) != 'q' ||
            parameter[1] != '=') {
            continue;
        }
        const std::string value(trim(parameter.substr(2)));
        char* end = nullptr;
        const double quality = std::strtod(value.c_str(), &end);
        const bool valid = !value.empty() && end == value.c_str() + value.size() && quality >= 0 && quality <= 1;
        return valid ? quality : 0;
    }
    return 1;
}

} // namespace

bool accepts_gzip(std::string_view accept_encoding) {
    std::optional<double> gzip_quality;
    std::optional<double> wildcard_quality;

    while (!accept_encoding.empty()) {
        const std::size_t comma = accept_encoding.find(',');
        const std::string_view element = accept_encoding.substr(0, comma);
        accept_encoding = comma == std::string_view::npos ? std::string_view{} : accept_encoding.substr(comma + 1);

        const std::size_t semicolon = element.find(';');
        const std::string_view coding = trim(element.substr(0, semicolon));
        const double quality =
            quality_of(semicolon == std::string_view::npos ? std::string_view{} : element.substr(semicolon + 1));
        if (equals_ignoring_case(coding, "gzip") || equals_ignoring_case(coding, "x-gzip")) {
            gzip_quality = quality;
        } else if (coding == "*") {
            wildcard_quality = quality;
        }
    }

    if (gzip_quality) {
        return *gzip_quality > 0;
    }
    return wildcard_quality && *wildcard_quality > 0;
}

} // namespace badung::cityd

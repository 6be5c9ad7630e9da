#include "core/open311/decimal.hpp"

#include "core/json/parse.hpp"

#include <rapidjson/document.h>

#include <cmath>
#include <string>

namespace badung::open311 {

namespace {

bool is_digit(char c) noexcept {
    return c >= '0' && c <= '9';
}

// Checks the JSON number grammar: -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?
bool is_json_number(std::string_view text) noexcept {
    std::size_t i = 0;
    const auto digits = [&]() {
        const std::size_t start = i;
        while (i < text.size() && is_digit(text[i])) {
            ++i;
        }
        return i - start;
    };

    if (i < text.size() && text[i] == '-') {
        ++i;
    }
    const bool leading_zero = i < text.size() && text[i] == '0';
    const std::size_t integer_digits = digits();
    if (integer_digits == 0 || (leading_zero && integer_digits > 1)) {
        return false;
    }
    if (i < text.size() && text[i] == '.') {
        ++i;
        if (digits() == 0) {
            return false;
        }
    }
    if (i < text.size() && (text[i] == 'e' || text[i] == 'E')) {
        ++i;
        if (i < text.size() && (text[i] == '+' || text[i] == '-')) {
            ++i;
        }
        if (digits() == 0) {
            return false;
        }
    }
    return i == text.size();
}

} // namespace

std::optional<double> parse_decimal(std::string_view text) {
    if (!text.empty() && text.front() == '+') {
        text.remove_prefix(1);
        if (!text.empty() && text.front() == '-') {
            return std::nullopt;
        }
    }
    if (!is_json_number(text)) {
        return std::nullopt;
    }

    // RapidJSON converts exactly and without the C locale's decimal sign.
    rapidjson::Document doc;
    json::parse(doc, text);
    if (doc.HasParseError() || !doc.IsNumber()) {
        return std::nullopt;
    }
    const double value = doc.GetDouble();
    if (!std::isfinite(value)) {
        return std::nullopt;
    }
    return value;
}

} // namespace badung::open311

#include "core/json/huge_numbers.hpp"

#include <algorithm>
#include <cmath>
#include <cstdlib>

namespace badung::json {

namespace {

bool is_number_char(char c) noexcept {
    return (c >= '0' && c <= '9') || c == '-' || c == '+' || c == '.' || c == 'e' || c == 'E';
}

} // namespace

bool QuotedHugeNumbers::quote_at(std::size_t offset) {
    const std::string_view current = text();
    std::size_t end = offset;
    while (end < current.size() && is_number_char(current[end])) {
        ++end;
    }
    if (end == offset) {
        return false;
    }

    std::string quoted;
    quoted.reserve(current.size() + 2);
    quoted.append(current.substr(0, offset));
    quoted += '"';
    quoted.append(current.substr(offset, end - offset));
    quoted += '"';
    quoted.append(current.substr(end));
    m_copy = std::move(quoted);

    // Offsets after this quote shift by two; earlier quotes stay put.
    for (Quote& quote : m_quotes) {
        if (quote.open >= offset) {
            quote.open += 2;
        }
    }
    m_quotes.push_back({offset, end - offset});
    return true;
}

std::size_t QuotedHugeNumbers::original_offset(std::size_t offset) const noexcept {
    std::size_t shift = 0;
    for (const Quote& quote : m_quotes) {
        const std::size_t close = quote.open + 1 + quote.length;
        shift += (offset > quote.open ? 1 : 0) + (offset > close ? 1 : 0);
    }
    return offset - std::min(shift, offset);
}

namespace {

bool is_number_token(std::string_view text) noexcept {
    if (text.empty()) {
        return false;
    }
    std::size_t i = text[0] == '-' ? 1 : 0;
    const std::size_t digits_start = i;
    while (i < text.size() && text[i] >= '0' && text[i] <= '9') {
        ++i;
    }
    if (i == digits_start) {
        return false;
    }
    if (i < text.size() && text[i] == '.') {
        const std::size_t fraction = ++i;
        while (i < text.size() && text[i] >= '0' && text[i] <= '9') {
            ++i;
        }
        if (i == fraction) {
            return false;
        }
    }
    if (i < text.size() && (text[i] == 'e' || text[i] == 'E')) {
        ++i;
        if (i < text.size() && (text[i] == '+' || text[i] == '-')) {
            ++i;
        }
        const std::size_t exponent = i;
        while (i < text.size() && text[i] >= '0' && text[i] <= '9') {
            ++i;
        }
        if (i == exponent) {
            return false;
        }
    }
    return i == text.size();
}

} // namespace

bool is_huge_number(std::string_view text) {
    if (!is_number_token(text)) {
        return false;
    }
    const std::string copy(text);
    return !std::isfinite(std::strtod(copy.c_str(), nullptr));
}

} // namespace badung::json

#include "core/open311/utf8.hpp"

#include <cctype>

#include <cstdint>

namespace badung::open311 {

namespace {

// Decodes the sequence at text[pos] into code_point and returns its length,
// or 0 when the bytes there are not valid UTF-8.
std::size_t decode(std::string_view text, std::size_t pos, std::uint32_t& code_point) noexcept {
    const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(text[pos + i]); };
    const unsigned char lead = byte(0);

    std::size_t length = 0;
    std::uint32_t min_value = 0;
    if (lead < 0x80) {
        code_point = lead;
        return 1;
    }
    if (lead >= 0xC2 && lead <= 0xDF) {
        length = 2;
        code_point = lead & 0x1Fu;
        min_value = 0x80;
    } else if (lead >= 0xE0 && lead <= 0xEF) {
        length = 3;
        code_point = lead & 0x0Fu;
        min_value = 0x800;
    } else if (lead >= 0xF0 && lead <= 0xF4) {
        length = 4;
        code_point = lead & 0x07u;
        min_value = 0x10000;
    } else {
        return 0;
    }

    if (text.size() - pos < length) {
        return 0;
    }
    for (std::size_t i = 1; i < length; ++i) {
        if ((byte(i) & 0xC0u) != 0x80u) {
            return 0;
        }
        code_point = (code_point << 6) | (byte(i) & 0x3Fu);
    }

    const bool surrogate = code_point >= 0xD800 && code_point <= 0xDFFF;
    if (code_point < min_value || surrogate || code_point > 0x10FFFF) {
        return 0;
    }
    return length;
}

bool is_control(std::uint32_t code_point) noexcept {
    return code_point < 0x20 || (code_point >= 0x7F && code_point <= 0x9F);
}

// True for ASCII and Latin-1 punctuation, symbols and spaces, and for the
// general punctuation, CJK punctuation, variation selector and byte order
// mark blocks, which include the zero-width characters.
bool is_punctuation_or_space(std::uint32_t code_point) noexcept {
    return code_point <= 0xBF || (code_point >= 0x2000 && code_point <= 0x206F) ||
           (code_point >= 0x3000 && code_point <= 0x303F) || (code_point >= 0xFE00 && code_point <= 0xFE0F) ||
           code_point == 0xFEFF;
}

void append_hex(std::string& out, unsigned value, int digits) {
    constexpr char hex[] = "0123456789ABCDEF";
    for (int shift = 4 * (digits - 1); shift >= 0; shift -= 4) {
        out += hex[(value >> shift) & 0xFu];
    }
}

} // namespace

std::optional<std::size_t> count_code_points(std::string_view text) noexcept {
    std::size_t count = 0;
    std::size_t pos = 0;
    while (pos < text.size()) {
        std::uint32_t code_point = 0;
        const std::size_t length = decode(text, pos, code_point);
        if (length == 0) {
            return std::nullopt;
        }
        pos += length;
        ++count;
    }
    return count;
}

bool has_control_character(std::string_view text) noexcept {
    std::size_t pos = 0;
    while (pos < text.size()) {
        std::uint32_t code_point = 0;
        const std::size_t length = decode(text, pos, code_point);
        if (length == 0) {
            return false;
        }
        if (is_control(code_point) && code_point != '\t' && code_point != '\n' && code_point != '\r') {
            return true;
        }
        pos += length;
    }
    return false;
}

bool has_line_break(std::string_view text) noexcept {
    return text.find_first_of("\r\n") != std::string_view::npos;
}

bool has_letter_or_digit(std::string_view text) noexcept {
    std::size_t pos = 0;
    while (pos < text.size()) {
        std::uint32_t code_point = 0;
        const std::size_t length = decode(text, pos, code_point);
        if (length == 0) {
            return false;
        }
        const bool ascii = code_point < 0x80;
        if ((ascii && std::isalnum(static_cast<int>(code_point)) != 0) || (!ascii && !is_punctuation_or_space(code_point))) {
            return true;
        }
        pos += length;
    }
    return false;
}

std::string printable_excerpt(std::string_view text, std::size_t max_code_points) {
    std::string out;
    std::size_t pos = 0;
    std::size_t count = 0;
    while (pos < text.size()) {
        if (count == max_code_points) {
            out += "…";
            break;
        }

        std::uint32_t code_point = 0;
        const std::size_t length = decode(text, pos, code_point);
        if (length == 0) {
            out += "\\x";
            append_hex(out, static_cast<unsigned char>(text[pos]), 2);
            ++pos;
        } else if (code_point == '\n') {
            out += "\\n";
        } else if (code_point == '\r') {
            out += "\\r";
        } else if (code_point == '\t') {
            out += "\\t";
        } else if (is_control(code_point)) {
            out += "\\u";
            append_hex(out, code_point, 4);
        } else {
            out.append(text.substr(pos, length));
        }
        pos += length;
        ++count;
    }
    return out;
}

} // namespace badung::open311

#include "core/text/utf8.hpp"

#include <cstdio>

namespace badung::text {

namespace {

constexpr std::string_view replacement_text = "\xEF\xBF\xBD";  // U+FFFD

// Returns the length of the valid UTF-8 sequence at `text[at]`, or the
// length of the maximal subpart of an invalid one as a negative number
// (at least 1 byte). The allowed second bytes exclude overlong forms
// (E0, F0), surrogates (ED) and code points above U+10FFFF (F4), as in
// the Unicode Standard's Table 3-7, Well-Formed UTF-8 Byte Sequences.
int sequence_length(std::string_view text, std::size_t at) {
    const auto lead = static_cast<unsigned char>(text[at]);
    if (lead < 0x80) {
        return 1;
    }

    int length = 0;
    unsigned char low = 0x80;
    unsigned char high = 0xBF;
    if (lead >= 0xC2 && lead <= 0xDF) {
        length = 2;
    } else if (lead >= 0xE0 && lead <= 0xEF) {
        length = 3;
        low = lead == 0xE0 ? 0xA0 : 0x80;
        high = lead == 0xED ? 0x9F : 0xBF;
    } else if (lead >= 0xF0 && lead <= 0xF4) {
        length = 4;
        low = lead == 0xF0 ? 0x90 : 0x80;
        high = lead == 0xF4 ? 0x8F : 0xBF;
    } else {
        return -1;
    }

    for (int i = 1; i < length; ++i) {
        if (at + static_cast<std::size_t>(i) >= text.size()) {
            return -i;
        }
        const auto byte = static_cast<unsigned char>(text[at + static_cast<std::size_t>(i)]);
        if (byte < low || byte > high) {
            return -i;
        }
        low = 0x80;
        high = 0xBF;
    }
    return length;
}

std::string hex_bytes(std::string_view bytes) {
    std::string text;
    for (const char byte : bytes) {
        char hex[4];
        std::snprintf(hex, sizeof hex, "%s%02X", text.empty() ? "" : " ", static_cast<unsigned char>(byte));
        text += hex;
    }
    return text;
}

} // namespace

bool is_valid_utf8(std::string_view text) {
    std::size_t at = 0;
    while (at < text.size()) {
        const int length = sequence_length(text, at);
        if (length < 0) {
            return false;
        }
        at += static_cast<std::size_t>(length);
    }
    return true;
}

Utf8Repair repair_utf8(std::string_view text) {
    Utf8Repair repair;
    repair.text.reserve(text.size());
    std::size_t at = 0;
    while (at < text.size()) {
        const int length = sequence_length(text, at);
        if (length > 0) {
            repair.text.append(text.substr(at, static_cast<std::size_t>(length)));
            at += static_cast<std::size_t>(length);
            continue;
        }

        const auto invalid = static_cast<std::size_t>(-length);
        if (repair.replaced == 0) {
            repair.first_offset = at;
            repair.first_bytes = hex_bytes(text.substr(at, invalid));
        }
        ++repair.replaced;
        repair.text.append(replacement_text);
        at += invalid;
    }
    return repair;
}

std::string valid_utf8(std::string_view text) {
    return is_valid_utf8(text) ? std::string(text) : repair_utf8(text).text;
}

} // namespace badung::text

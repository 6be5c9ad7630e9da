#include "core/glyphs/text_layout.hpp"

namespace badung::glyphs {

namespace {

constexpr char32_t replacement = 0xFFFD;

// The length of a UTF-8 sequence from its first byte, 0 when it is no lead byte.
int sequence_length(unsigned char lead) {
    if (lead < 0x80) {
        return 1;
    }
    if ((lead >> 5) == 0x6) {
        return 2;
    }
    if ((lead >> 4) == 0xE) {
        return 3;
    }
    if ((lead >> 3) == 0x1E) {
        return 4;
    }
    return 0;
}

} // namespace

std::u32string decode_utf8(std::string_view text) {
    std::u32string out;
    std::size_t i = 0;
    while (i < text.size()) {
        const auto lead = static_cast<unsigned char>(text[i]);
        const int length = sequence_length(lead);
        if (length == 0 || i + static_cast<std::size_t>(length) > text.size()) {
            out.push_back(replacement);
            ++i;
            continue;
        }
        char32_t code = length == 1 ? lead : (lead & (0x7F >> length));
        bool valid = true;
        for (int k = 1; k < length; ++k) {
            const auto next = static_cast<unsigned char>(text[i + static_cast<std::size_t>(k)]);
            valid = valid && (next >> 6) == 0x2;
            code = (code << 6) | (next & 0x3F);
        }
        out.push_back(valid && code <= 0x10FFFF ? code : replacement);
        i += valid ? static_cast<std::size_t>(length) : 1;
    }
    return out;
}

std::u32string to_upper(std::u32string text) {
    for (char32_t& c : text) {
        const bool ascii_lower = c >= U'a' && c <= U'z';
        const bool latin1_lower = c >= 0xE0 && c <= 0xFE && c != 0xF7;
        if (ascii_lower || latin1_lower) {
            c -= 0x20;
        }
    }
    return text;
}

TextLine layout_line(const std::u32string& text, const GlyphLookup& lookup, double size,
                     double letter_spacing_em) {
    TextLine line;
    const double scale = size / 24.0;
    const double spacing = letter_spacing_em * size;
    double pen = 0.0;
    for (const char32_t c : text) {
        const GlyphMetrics* metrics = lookup(c);
        if (metrics == nullptr) {
            line.complete = false;
            continue;
        }
        const double advance = metrics->advance * scale;
        line.glyphs.push_back({c, pen, advance});
        pen += advance + spacing;
    }
    line.width = line.glyphs.empty() ? 0.0 : pen - spacing;
    return line;
}

} // namespace badung::glyphs

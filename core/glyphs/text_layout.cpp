#include "core/glyphs/text_layout.hpp"

#include <algorithm>
#include <cmath>

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

namespace {

// Splits text into words at spaces. A run of spaces counts as one.
std::vector<std::u32string> split_words(const std::u32string& text) {
    std::vector<std::u32string> words;
    std::size_t start = 0;
    while (start < text.size()) {
        const std::size_t end = std::min(text.find(U' ', start), text.size());
        if (end > start) {
            words.push_back(text.substr(start, end - start));
        }
        start = end + 1;
    }
    return words;
}

// Joins words [first, last) with single spaces.
std::u32string join_words(const std::vector<std::u32string>& words, std::size_t first, std::size_t last) {
    std::u32string line;
    for (std::size_t i = first; i < last; ++i) {
        if (i > first) {
            line.push_back(U' ');
        }
        line += words[i];
    }
    return line;
}

} // namespace

TextBlock layout_block(const std::u32string& text, const GlyphLookup& lookup, double size,
                       double letter_spacing_em, double max_width) {
    TextBlock block;
    const TextLine whole = layout_line(text, lookup, size, letter_spacing_em);
    const std::vector<std::u32string> words = split_words(text);
    if (max_width <= 0.0 || whole.width <= max_width || words.size() < 2) {
        block.width = whole.width;
        block.complete = whole.complete;
        block.lines.push_back(whole);
        return block;
    }

    // Each line aims at an even share of the width. A word joins the
    // current line unless the line would then pass max_width, or overshoot
    // its share by more than it falls short of it without the word.
    const double target = whole.width / std::ceil(whole.width / max_width);
    std::size_t first = 0;
    TextLine current = layout_line(words[0], lookup, size, letter_spacing_em);
    for (std::size_t i = 1; i <= words.size(); ++i) {
        if (i < words.size()) {
            TextLine longer = layout_line(join_words(words, first, i + 1), lookup, size, letter_spacing_em);
            const bool fits = longer.width <= max_width && longer.width - target <= target - current.width;
            if (fits) {
                current = std::move(longer);
                continue;
            }
        }
        block.width = std::max(block.width, current.width);
        block.complete = block.complete && current.complete;
        block.lines.push_back(std::move(current));
        if (i < words.size()) {
            first = i;
            current = layout_line(words[i], lookup, size, letter_spacing_em);
        }
    }
    return block;
}

} // namespace badung::glyphs

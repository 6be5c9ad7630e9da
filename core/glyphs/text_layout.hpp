#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace badung::glyphs {

// The code points of UTF-8 text; a broken sequence becomes U+FFFD.
std::u32string decode_utf8(std::string_view text);

// Text in capitals as text-transform "uppercase" asks: ASCII and Latin-1
// letters (the names of Badung use no others).
std::u32string to_upper(std::u32string text);

// The metrics of one glyph at the signed distance field size (24 px).
struct GlyphMetrics {
    int left = 0;
    int top = 0;
    int width = 0;
    int height = 0;
    int advance = 0;
};

// Finds a glyph's metrics, or nullptr when the font has none (yet).
using GlyphLookup = std::function<const GlyphMetrics*(char32_t)>;

// A glyph on the line: its pen position from the line's start, in px of
// the laid-out size.
struct PlacedGlyph {
    char32_t code_point = 0;
    double x = 0.0;
    double advance = 0.0; // px at the laid-out size
};

// One line of text laid out by glyph advances.
struct TextLine {
    std::vector<PlacedGlyph> glyphs;
    double width = 0.0; // px
    bool complete = true; // false when a glyph was missing
};

// Lays out text in one line at `size` px with letter spacing in ems.
// Glyphs the lookup lacks are left out and mark the line incomplete.
TextLine layout_line(const std::u32string& text, const GlyphLookup& lookup, double size,
                     double letter_spacing_em = 0.0);

// The lines of a point label, as text-max-width breaks them.
struct TextBlock {
    std::vector<TextLine> lines;
    double width = 0.0; // px, of the widest line
    bool complete = true; // false when a glyph was missing
};

// Lays out text as layout_line does, broken at spaces into lines of at most
// max_width px where the words allow. The lines share the text's width
// about evenly (three short lines rather than two long and one word), and a
// word wider than max_width gets a line of its own. A max_width of 0 or
// less keeps one line.
TextBlock layout_block(const std::u32string& text, const GlyphLookup& lookup, double size,
                       double letter_spacing_em, double max_width);

} // namespace badung::glyphs

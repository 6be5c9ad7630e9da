#pragma once

#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace badung::glyphs {

// Raised when a glyph PBF is not one: broken protobuf, or a glyph whose
// bitmap does not match its size. The message names the field and value.
class GlyphError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// Pixels of signed distance field around each bitmap, as MapLibre expects.
inline constexpr int glyph_buffer = 3;
// The font size (px) the signed distance fields are rendered at.
inline constexpr double glyph_size = 24.0;

// One glyph of a MapLibre glyph range: a signed distance field of
// (width + 2 * buffer) x (height + 2 * buffer) bytes, 192 on the outline.
struct Glyph {
    std::uint32_t id = 0; // Unicode code point
    std::string bitmap;   // empty for glyphs without ink (space)
    std::uint32_t width = 0;
    std::uint32_t height = 0;
    int left = 0;         // bearing from the pen position, px
    int top = 0;          // from the line's ascender, px (negative is down)
    std::uint32_t advance = 0;
};

// The glyphs of one fontstack in one range of 256 code points.
struct GlyphRange {
    std::string fontstack;
    std::string range; // "0-255"
    std::vector<Glyph> glyphs;
};

// Decodes a glyph PBF (MapLibre's glyphs.proto). Throws GlyphError.
GlyphRange decode_glyph_pbf(std::string_view data);

} // namespace badung::glyphs

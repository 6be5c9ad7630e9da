#pragma once
// Glyph ranges in MapLibre's PBF format (fontstack/{start}-{end}.pbf), made
// from a TrueType or OpenType font with FreeType as signed distance fields:
// 24 px glyphs with a 3 px buffer, radius 8 and cutoff 0.25, the encoding
// MapLibre GL JS's text shaders expect.

#include <cstdint>
#include <filesystem>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

namespace badung::geodata {

/// The code point ranges written by default: Basic Latin and Latin-1,
/// Latin Extended-A and -B, Latin Extended Additional, General Punctuation
/// and Letterlike Symbols. Each entry is the first code point of a range of
/// 256.
const std::vector<std::uint32_t>& default_glyph_ranges();

/// Returns the first code points of the ranges of 256 that the UTF-8 text
/// uses, sorted and without repeats. Invalid UTF-8 bytes are skipped.
std::vector<std::uint32_t> glyph_ranges_of_text(std::string_view utf8);

/// Result of writing one font.
struct GlyphFontResult {
  std::string fontstack;  ///< family and style, e.g. "Noto Sans Regular"
  std::size_t glyphs = 0;  ///< glyphs written over all ranges
};

/// Writes out/<fontstack>/<start>-<start + 255>.pbf for every range start.
/// The fontstack is the font's family name and style name. Throws
/// InputError when the font cannot be opened or a file cannot be written.
GlyphFontResult write_glyph_ranges(const std::filesystem::path& font, const std::filesystem::path& out,
                                   const std::vector<std::uint32_t>& range_starts);

/// The fonts the build renders by default: Noto Sans Regular and Bold from
/// Debian's fonts-noto-core.
std::vector<std::filesystem::path> default_glyph_fonts();

/// Writes every font's ranges below `out`, logging one line a font. Returns
/// false (after logging the error) when a font failed.
bool write_glyphs(const std::vector<std::filesystem::path>& fonts, const std::filesystem::path& out,
                  const std::vector<std::uint32_t>& range_starts, std::ostream& log);

}  // namespace badung::geodata

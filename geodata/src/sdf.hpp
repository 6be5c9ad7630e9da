#pragma once
// Signed distance fields of glyph coverage bitmaps, as MapLibre's text
// shaders read them.

#include <cstdint>
#include <vector>

namespace badung::geodata {

/// Returns the signed distance field of an 8-bit coverage bitmap (`width` x
/// `height`, rows `pitch` bytes apart), with `buffer` pixels added on every
/// side: (width + 2 buffer) x (height + 2 buffer) bytes, row by row. A byte
/// is 255 - 255 (d / radius + cutoff), clamped to 0..255, where d is the
/// distance in pixels to the glyph outline, negative inside; so the outline
/// sits at 255 (1 - cutoff). Partly covered pixels place the outline inside
/// the pixel by their coverage.
std::vector<std::uint8_t> signed_distance_field(const std::uint8_t* coverage, int width, int height, int pitch,
                                                int buffer, double radius, double cutoff);

}  // namespace badung::geodata

#pragma once

#include <optional>

namespace badung::glyphs {

// A rectangle of the atlas, in texels.
struct AtlasRect {
    int x = 0;
    int y = 0;
    int width = 0;
    int height = 0;
};

// Packs glyph bitmaps into a fixed-size texture in shelves: rows as high as
// their tallest bitmap, filled left to right. Glyphs of one font are about
// equally high, so little space is lost.
class ShelfPacker {
public:
    ShelfPacker(int width, int height) : width_(width), height_(height) {}

    // A free rectangle of the size, 1 texel apart from the others so
    // sampling never bleeds; nothing when the atlas is full.
    std::optional<AtlasRect> add(int width, int height);

    int width() const noexcept { return width_; }
    int height() const noexcept { return height_; }

private:
    int width_;
    int height_;
    int shelf_y_ = 0;      // top of the open shelf
    int shelf_height_ = 0; // its height so far
    int cursor_x_ = 0;     // next free column in it
};

} // namespace badung::glyphs

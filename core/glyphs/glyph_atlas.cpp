#include "core/glyphs/glyph_atlas.hpp"

#include <algorithm>

namespace badung::glyphs {

std::optional<AtlasRect> ShelfPacker::add(int width, int height) {
    constexpr int gap = 1;
    if (width <= 0 || height <= 0 || width + gap > width_ || height + gap > height_) {
        return std::nullopt;
    }
    if (cursor_x_ + width + gap > width_) {
        shelf_y_ += shelf_height_;
        shelf_height_ = 0;
        cursor_x_ = 0;
    }
    if (shelf_y_ + height + gap > height_) {
        return std::nullopt;
    }
    const AtlasRect rect{cursor_x_, shelf_y_, width, height};
    cursor_x_ += width + gap;
    shelf_height_ = std::max(shelf_height_, height + gap);
    return rect;
}

} // namespace badung::glyphs

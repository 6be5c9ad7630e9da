#pragma once

#include "server/image_metadata.hpp"

#include <cstdint>
#include <string_view>

namespace badung::cityd {

// Width and height in pixels, as the image header declares them.
struct ImageSize {
    std::uint32_t width = 0;
    std::uint32_t height = 0;

    std::uint64_t pixels() const noexcept { return std::uint64_t{width} * height; }
};

// Reads the size from the image header without decoding pixels: the first
// SOFn frame header of a JPEG, the IHDR chunk of a PNG, or the first chunk
// (VP8X, VP8 or VP8L) of a WebP.
// @pre sniff_image_format(bytes) == format and format is not unknown.
// @throws ImageStructureError when that header is missing, truncated or
// declares a width or height of 0.
ImageSize read_image_size(std::string_view bytes, ImageFormat format);

} // namespace badung::cityd

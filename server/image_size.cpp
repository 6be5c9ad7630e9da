#include "server/image_size.hpp"

#include "server/image_bytes.hpp"

#include <string>

namespace badung::cityd {

namespace {

using image_bytes::fail;
using image_bytes::read_be;
using image_bytes::read_le;

// SOF0..SOF15 without DHT (C4), JPG (C8) and DAC (CC), which share the range
// (JPEG standard ITU-T T.81, table B.1).
bool frame_header_marker(unsigned char marker) {
    return marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
}

ImageSize jpeg_size(std::string_view bytes) {
    std::size_t at = 2;
    while (at + 4 <= bytes.size() && static_cast<unsigned char>(bytes[at]) == 0xFF) {
        const auto marker = static_cast<unsigned char>(bytes[at + 1]);
        if (marker == 0xFF) {
            ++at;
            continue;
        }
        if (marker == 0xDA || marker == 0xD9) {
            break;
        }
        if (marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7)) {
            at += 2;
            continue;
        }
        const std::size_t length = read_be(bytes, at + 2, 2);
        // SOFn: length, sample precision, height, width.
        if (frame_header_marker(marker) && length >= 7 && at + 9 <= bytes.size()) {
            return {read_be(bytes, at + 7, 2), read_be(bytes, at + 5, 2)};
        }
        at += 2 + length;
    }
    fail("JPEG", at, "no frame header (SOFn segment) before the scan");
}

ImageSize png_size(std::string_view bytes) {
    // Signature (8), chunk length (4), "IHDR" (4), width (4), height (4).
    if (bytes.size() < 24 || bytes.substr(12, 4) != "IHDR") {
        fail("PNG", 12, "the first chunk is not IHDR");
    }
    return {read_be(bytes, 16, 4), read_be(bytes, 20, 4)};
}

ImageSize webp_size(std::string_view bytes) {
    // RIFF header (12), then the first chunk's FourCC (4) and size (4).
    constexpr std::size_t data = 20;
    const std::string_view fourcc = bytes.size() >= data ? bytes.substr(12, 4) : std::string_view();
    if (fourcc == "VP8X" && bytes.size() >= data + 10) {
        // Flags (1), reserved (3), canvas width - 1 (3), canvas height - 1 (3).
        return {read_le(bytes, data + 4, 3) + 1, read_le(bytes, data + 7, 3) + 1};
    }
    if (fourcc == "VP8 " && bytes.size() >= data + 10) {
        // Frame tag (3), start code (3), then 14-bit width and height.
        return {read_le(bytes, data + 6, 2) & 0x3FFF, read_le(bytes, data + 8, 2) & 0x3FFF};
    }
    if (fourcc == "VP8L" && bytes.size() >= data + 5) {
        // Signature 0x2F, then 14-bit width - 1 and height - 1.
        const std::uint32_t bits = read_le(bytes, data + 1, 4);
        return {(bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1};
    }
    fail("WebP", 12, "the first chunk is not VP8X, VP8 or VP8L with the image size");
}

} // namespace

ImageSize read_image_size(std::string_view bytes, ImageFormat format) {
    ImageSize size;
    const char* name = "image";
    switch (format) {
    case ImageFormat::jpeg:
        size = jpeg_size(bytes);
        name = "JPEG";
        break;
    case ImageFormat::png:
        size = png_size(bytes);
        name = "PNG";
        break;
    case ImageFormat::webp:
        size = webp_size(bytes);
        name = "WebP";
        break;
    case ImageFormat::unknown:
        throw ImageStructureError("the file is not a JPEG, PNG or WebP image");
    }
    if (size.width == 0 || size.height == 0) {
        throw ImageStructureError(std::string(name) + " header declares " + std::to_string(size.width) + "x" +
                                  std::to_string(size.height) + " pixels; send a photo with a width and height");
    }
    return size;
}

} // namespace badung::cityd

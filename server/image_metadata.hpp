#pragma once

#include <stdexcept>
#include <string>
#include <string_view>

namespace badung::cityd {

enum class ImageFormat { unknown, jpeg, png, webp };

// Returns the format from the file's first bytes (its signature), never
// from a name or a declared type.
ImageFormat sniff_image_format(std::string_view bytes) noexcept;

// Returns the file extension ("jpg", "png", "webp") and media type.
const char* image_extension(ImageFormat format) noexcept;
const char* image_media_type(ImageFormat format) noexcept;

// Raised for an image whose segment or chunk structure is broken. The
// message names the format and the byte offset.
class ImageStructureError : public std::invalid_argument {
public:
    using std::invalid_argument::invalid_argument;
};

// Returns the image without metadata that may carry a location or personal
// text: JPEG APP1 (EXIF, XMP), APP13 (IPTC) and COM segments; PNG eXIf,
// tEXt, iTXt, zTXt and tIME chunks; WebP EXIF and XMP chunks with their VP8X
// flags cleared. Pixel data is copied unchanged.
// @pre sniff_image_format(bytes) == format and format is not unknown.
// @throws ImageStructureError for a truncated or malformed structure.
std::string strip_image_metadata(std::string_view bytes, ImageFormat format);

} // namespace badung::cityd

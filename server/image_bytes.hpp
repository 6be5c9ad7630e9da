#pragma once

// Byte readers and the error of the image header parsers (image_metadata.cpp
// and image_size.cpp). Callers check that the bytes they read are there.

#include "server/image_metadata.hpp"

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace badung::cityd::image_bytes {

// Returns the big-endian unsigned integer of `count` (at most 4) bytes at `at`.
inline std::uint32_t read_be(std::string_view bytes, std::size_t at, std::size_t count) {
    std::uint32_t value = 0;
    for (std::size_t i = 0; i < count; ++i) {
        value = (value << 8) | static_cast<unsigned char>(bytes[at + i]);
    }
    return value;
}

// Returns the little-endian unsigned integer of `count` (at most 4) bytes at `at`.
inline std::uint32_t read_le(std::string_view bytes, std::size_t at, std::size_t count) {
    std::uint32_t value = 0;
    for (std::size_t i = count; i-- > 0;) {
        value = (value << 8) | static_cast<unsigned char>(bytes[at + i]);
    }
    return value;
}

// Throws ImageStructureError naming the format, the byte offset and the problem.
[[noreturn]] inline void fail(const char* format, std::size_t offset, const std::string& problem) {
    throw ImageStructureError(std::string(format) + " file is malformed at byte " + std::to_string(offset) + ": " +
                              problem + "; send the photo as the camera or editor saved it");
}

} // namespace badung::cityd::image_bytes

#include "server/image_metadata.hpp"

#include "server/image_bytes.hpp"

#include <cstdint>

namespace badung::cityd {

namespace {

using image_bytes::fail;
using image_bytes::read_be;
using image_bytes::read_le;

const std::string_view png_signature("\x89PNG\r\n\x1a\n", 8);

void write_le32(std::string& bytes, std::size_t at, std::uint32_t value) {
    for (std::size_t i = 0; i < 4; ++i) {
        bytes[at + i] = static_cast<char>((value >> (8 * i)) & 0xFF);
    }
}

// Markers without a length field: TEM (0x01) and RST0..RST7.
bool standalone_marker(unsigned char marker) {
    return marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7);
}

std::string strip_jpeg(std::string_view bytes) {
    std::string out(bytes.substr(0, 2)); // SOI
    std::size_t at = 2;
    while (true) {
        if (at + 2 > bytes.size() || static_cast<unsigned char>(bytes[at]) != 0xFF) {
            fail("JPEG", at, "expected a segment marker");
        }
        const auto marker = static_cast<unsigned char>(bytes[at + 1]);
        if (marker == 0xFF) { // fill byte
            ++at;
            continue;
        }
        if (marker == 0xD9) { // EOI without scan data
            out.append(bytes.substr(at, 2));
            return out;
        }
        if (standalone_marker(marker)) {
            out.append(bytes.substr(at, 2));
            at += 2;
            continue;
        }
        if (at + 4 > bytes.size()) {
            fail("JPEG", at, "segment length is missing");
        }
        const std::size_t length = (static_cast<unsigned char>(bytes[at + 2]) << 8) |
                                   static_cast<unsigned char>(bytes[at + 3]);
        if (length < 2 || at + 2 + length > bytes.size()) {
            fail("JPEG", at, "segment length " + std::to_string(length) + " runs past the end");
        }

        const bool metadata = marker == 0xE1 || marker == 0xED || marker == 0xFE; // APP1, APP13, COM
        if (!metadata) {
            out.append(bytes.substr(at, 2 + length));
        }
        at += 2 + length;

        // Entropy-coded data follows the start of scan up to EOI. Markers
        // inside it (RSTn, DHT of progressive scans) carry no metadata.
        if (marker == 0xDA) {
            out.append(bytes.substr(at));
            return out;
        }
    }
}

bool png_metadata_chunk(std::string_view type) {
    return type == "eXIf" || type == "tEXt" || type == "iTXt" || type == "zTXt" || type == "tIME";
}

std::string strip_png(std::string_view bytes) {
    std::string out(png_signature);
    std::size_t at = png_signature.size();
    while (at < bytes.size()) {
        if (at + 12 > bytes.size()) {
            fail("PNG", at, "chunk header is truncated");
        }
        const std::uint32_t length = read_be(bytes, at, 4);
        if (length > bytes.size() - at - 12) {
            fail("PNG", at, "chunk length " + std::to_string(length) + " runs past the end");
        }
        const std::string_view type = bytes.substr(at + 4, 4);
        const std::size_t chunk_size = 12 + static_cast<std::size_t>(length);
        if (!png_metadata_chunk(type)) {
            out.append(bytes.substr(at, chunk_size));
        }
        at += chunk_size;
        if (type == "IEND") {
            return out;
        }
    }
    fail("PNG", at, "IEND chunk is missing");
}

std::string strip_webp(std::string_view bytes) {
    if (bytes.size() < 12) {
        fail("WebP", 0, "RIFF header is truncated");
    }
    const std::size_t riff_end = 8 + static_cast<std::size_t>(read_le(bytes, 4, 4));
    if (riff_end > bytes.size() || riff_end < 12) {
        fail("WebP", 4, "RIFF size " + std::to_string(riff_end - 8) + " does not match the file");
    }

    std::string out(bytes.substr(0, 12));
    std::size_t vp8x_flags_at = std::string::npos;
    std::size_t at = 12;
    while (at < riff_end) {
        if (at + 8 > riff_end) {
            fail("WebP", at, "chunk header is truncated");
        }
        const std::string_view fourcc = bytes.substr(at, 4);
        const std::size_t size = read_le(bytes, at + 4, 4);
        const std::size_t padded = 8 + size + (size & 1);
        if (size > riff_end - at - 8) {
            fail("WebP", at, "chunk size " + std::to_string(size) + " runs past the end");
        }
        if (fourcc == "VP8X" && size >= 1) {
            vp8x_flags_at = out.size() + 8;
        }
        if (fourcc != "EXIF" && fourcc != "XMP ") {
            out.append(bytes.substr(at, std::min(padded, riff_end - at)));
        }
        at += padded;
    }

    // VP8X flags: bit 3 announces an EXIF chunk, bit 2 an XMP chunk.
    if (vp8x_flags_at != std::string::npos) {
        out[vp8x_flags_at] = static_cast<char>(static_cast<unsigned char>(out[vp8x_flags_at]) & ~0x0Cu);
    }
    write_le32(out, 4, static_cast<std::uint32_t>(out.size() - 8));
    return out;
}

} // namespace

ImageFormat sniff_image_format(std::string_view bytes) noexcept {
    if (bytes.size() >= 3 && bytes.substr(0, 3) == "\xFF\xD8\xFF") {
        return ImageFormat::jpeg;
    }
    if (bytes.substr(0, png_signature.size()) == png_signature) {
        return ImageFormat::png;
    }
    if (bytes.size() >= 12 && bytes.substr(0, 4) == "RIFF" && bytes.substr(8, 4) == "WEBP") {
        return ImageFormat::webp;
    }
    return ImageFormat::unknown;
}

const char* image_extension(ImageFormat format) noexcept {
    switch (format) {
    case ImageFormat::jpeg:
        return "jpg";
    case ImageFormat::png:
        return "png";
    case ImageFormat::webp:
        return "webp";
    case ImageFormat::unknown:
        break;
    }
    return "";
}

const char* image_media_type(ImageFormat format) noexcept {
    switch (format) {
    case ImageFormat::jpeg:
        return "image/jpeg";
    case ImageFormat::png:
        return "image/png";
    case ImageFormat::webp:
        return "image/webp";
    case ImageFormat::unknown:
        break;
    }
    return "application/octet-stream";
}

std::string strip_image_metadata(std::string_view bytes, ImageFormat format) {
    switch (format) {
    case ImageFormat::jpeg:
        return strip_jpeg(bytes);
    case ImageFormat::png:
        return strip_png(bytes);
    case ImageFormat::webp:
        return strip_webp(bytes);
    case ImageFormat::unknown:
        break;
    }
    throw ImageStructureError("the file is not a JPEG, PNG or WebP image");
}

} // namespace badung::cityd

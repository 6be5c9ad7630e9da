#include "core/glyphs/glyph_pbf.hpp"

#include <protozero/pbf_reader.hpp>

namespace badung::glyphs {

namespace {

// Glyph sizes above this are no text glyph (the fields are 24 px high).
constexpr std::uint32_t max_glyph_side = 256;

Glyph read_glyph(protozero::pbf_reader message) {
    Glyph glyph;
    while (message.next()) {
        switch (message.tag()) {
        case 1: glyph.id = message.get_uint32(); break;
        case 2: glyph.bitmap = message.get_string(); break;
        case 3: glyph.width = message.get_uint32(); break;
        case 4: glyph.height = message.get_uint32(); break;
        case 5: glyph.left = message.get_sint32(); break;
        case 6: glyph.top = message.get_sint32(); break;
        case 7: glyph.advance = message.get_uint32(); break;
        default: message.skip();
        }
    }
    return glyph;
}

void check_glyph(const Glyph& glyph) {
    const std::string name = "glyph " + std::to_string(glyph.id);
    if (glyph.width > max_glyph_side || glyph.height > max_glyph_side) {
        throw GlyphError(name + ": size " + std::to_string(glyph.width) + "x" + std::to_string(glyph.height) +
                         " exceeds " + std::to_string(max_glyph_side) + " px");
    }
    if (glyph.width == 0 || glyph.height == 0) {
        if (!glyph.bitmap.empty()) {
            throw GlyphError(name + ": has a bitmap but size " + std::to_string(glyph.width) + "x" +
                             std::to_string(glyph.height));
        }
        return;
    }
    const std::size_t expected = static_cast<std::size_t>(glyph.width + 2 * glyph_buffer) *
                                 static_cast<std::size_t>(glyph.height + 2 * glyph_buffer);
    if (glyph.bitmap.size() != expected) {
        throw GlyphError(name + ": bitmap of " + std::to_string(glyph.bitmap.size()) + " bytes, expected " +
                         std::to_string(expected) + " for " + std::to_string(glyph.width) + "x" +
                         std::to_string(glyph.height) + " with a " + std::to_string(glyph_buffer) + " px buffer");
    }
}

void read_fontstack(protozero::pbf_reader message, GlyphRange& range) {
    while (message.next()) {
        switch (message.tag()) {
        case 1: range.fontstack = message.get_string(); break;
        case 2: range.range = message.get_string(); break;
        case 3: {
            Glyph glyph = read_glyph(message.get_message());
            check_glyph(glyph);
            range.glyphs.push_back(std::move(glyph));
            break;
        }
        default: message.skip();
        }
    }
}

} // namespace

GlyphRange decode_glyph_pbf(std::string_view data) {
    GlyphRange range;
    try {
        protozero::pbf_reader message(data.data(), data.size());
        while (message.next()) {
            if (message.tag() == 1) {
                read_fontstack(message.get_message(), range);
            } else {
                message.skip();
            }
        }
    } catch (const protozero::exception& error) {
        throw GlyphError(std::string("glyph PBF is broken: ") + error.what());
    }
    return range;
}

} // namespace badung::glyphs

#include "glyphs.hpp"

#include <ft2build.h>
#include FT_FREETYPE_H

#include <protozero/pbf_writer.hpp>

#include <cmath>
#include <fstream>
#include <memory>
#include <set>

#include "errors.hpp"
#include "sdf.hpp"

namespace badung::geodata {

namespace {

namespace fs = std::filesystem;

constexpr int kGlyphSize = 24;      // px; MapLibre scales from this size
constexpr int kGlyphBuffer = 3;     // px around each bitmap
constexpr double kSdfRadius = 8.0;  // px of distance the 0..255 range spans
constexpr double kSdfCutoff = 0.25;
constexpr std::uint32_t kRangeSize = 256;

struct LibraryCloser {
  void operator()(FT_Library library) const { FT_Done_FreeType(library); }
};
struct FaceCloser {
  void operator()(FT_Face face) const { FT_Done_Face(face); }
};
using LibraryPtr = std::unique_ptr<std::remove_pointer_t<FT_Library>, LibraryCloser>;
using FacePtr = std::unique_ptr<std::remove_pointer_t<FT_Face>, FaceCloser>;

LibraryPtr open_library() {
  FT_Library library = nullptr;
  if (FT_Init_FreeType(&library) != 0) {
    throw InputError("FreeType failed to initialise");
  }
  return LibraryPtr(library);
}

FacePtr open_face(FT_Library library, const fs::path& font) {
  FT_Face face = nullptr;
  if (FT_New_Face(library, font.string().c_str(), 0, &face) != 0) {
    throw InputError("cannot open font '" + font.string() +
                     "': not a TrueType or OpenType file FreeType can read; install fonts-noto-core or pass --font");
  }
  FacePtr owned(face);
  if (face->family_name == nullptr) {
    throw InputError("font '" + font.string() + "' has no family name, so it cannot name a fontstack");
  }
  if (FT_Set_Char_Size(face, 0, kGlyphSize * 64, 0, 0) != 0) {
    throw InputError("cannot set font '" + font.string() + "' to " + std::to_string(kGlyphSize) + " px");
  }
  return owned;
}

std::string fontstack_name(FT_Face face) {
  std::string name = face->family_name;
  if (face->style_name != nullptr) {
    name += std::string(" ") + face->style_name;
  }
  return name;
}

/// Writes the glyph of `code_point` into the fontstack message; false when
/// the font has no glyph for it.
bool write_glyph(FT_Face face, std::uint32_t code_point, int ascender, protozero::pbf_writer& fontstack) {
  const FT_UInt index = FT_Get_Char_Index(face, code_point);
  if (index == 0 || FT_Load_Glyph(face, index, FT_LOAD_NO_HINTING) != 0 ||
      FT_Render_Glyph(face->glyph, FT_RENDER_MODE_NORMAL) != 0) {
    return false;
  }
  const FT_GlyphSlot slot = face->glyph;
  const FT_Bitmap& bitmap = slot->bitmap;
  const int width = static_cast<int>(bitmap.width);
  const int height = static_cast<int>(bitmap.rows);

  protozero::pbf_writer glyph(fontstack, 3);
  glyph.add_uint32(1, code_point);
  if (width > 0 && height > 0 && bitmap.pitch > 0) {
    const auto field = signed_distance_field(bitmap.buffer, width, height, bitmap.pitch, kGlyphBuffer, kSdfRadius,
                                             kSdfCutoff);
    glyph.add_bytes(2, reinterpret_cast<const char*>(field.data()), field.size());
    glyph.add_uint32(3, static_cast<std::uint32_t>(width));
    glyph.add_uint32(4, static_cast<std::uint32_t>(height));
  } else {
    glyph.add_uint32(3, 0);
    glyph.add_uint32(4, 0);
  }
  glyph.add_sint32(5, slot->bitmap_left);
  // MapLibre measures top from the line's ascender, not the baseline.
  glyph.add_sint32(6, slot->bitmap_top - ascender);
  glyph.add_uint32(7, static_cast<std::uint32_t>(std::lround(static_cast<double>(slot->advance.x) / 64.0)));
  return true;
}

}  // namespace

std::vector<std::uint32_t> glyph_ranges_of_text(std::string_view utf8) {
  std::set<std::uint32_t> starts;
  std::size_t i = 0;
  while (i < utf8.size()) {
    const auto lead = static_cast<unsigned char>(utf8[i]);
    const std::size_t length = lead < 0x80 ? 1 : (lead >> 5) == 0x6 ? 2 : (lead >> 4) == 0xE ? 3 : (lead >> 3) == 0x1E ? 4 : 0;
    if (length == 0 || i + length > utf8.size()) {
      ++i;  // a stray continuation byte or a truncated sequence
      continue;
    }
    std::uint32_t code_point = length == 1 ? lead : lead & (0x7FU >> length);
    bool valid = true;
    for (std::size_t k = 1; k < length; ++k) {
      const auto next = static_cast<unsigned char>(utf8[i + k]);
      valid = valid && (next & 0xC0) == 0x80;
      code_point = (code_point << 6) | (next & 0x3FU);
    }
    if (!valid) {
      ++i;
      continue;
    }
    // MapLibre requests glyphs of the Basic Multilingual Plane only.
    if (code_point <= 0xFFFF) {
      starts.insert(code_point - code_point % kRangeSize);
    }
    i += length;
  }
  return {starts.begin(), starts.end()};
}

const std::vector<std::uint32_t>& default_glyph_ranges() {
  static const std::vector<std::uint32_t> ranges = {0, 256, 512, 7680, 8192, 8448};
  return ranges;
}

std::vector<fs::path> default_glyph_fonts() {
  return {"/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf", "/usr/share/fonts/truetype/noto/NotoSans-Bold.ttf"};
}

GlyphFontResult write_glyph_ranges(const fs::path& font, const fs::path& out,
                                   const std::vector<std::uint32_t>& range_starts) {
  const LibraryPtr library = open_library();
  const FacePtr face = open_face(library.get(), font);
  GlyphFontResult result;
  result.fontstack = fontstack_name(face.get());
  const int ascender = static_cast<int>(std::lround(static_cast<double>(face->size->metrics.ascender) / 64.0));

  const fs::path folder = out / result.fontstack;
  std::error_code error;
  fs::create_directories(folder, error);
  if (error) {
    throw InputError("cannot create '" + folder.string() + "': " + error.message());
  }

  for (const std::uint32_t start : range_starts) {
    if (start % kRangeSize != 0 || start > 0xFFFF) {
      throw InputError("invalid glyph range start " + std::to_string(start) +
                       ": use a multiple of 256 from 0 to 65280");
    }
    const std::uint32_t end = start + kRangeSize - 1;
    const std::string range = std::to_string(start) + "-" + std::to_string(end);

    std::string data;
    {
      protozero::pbf_writer glyphs(data);
      protozero::pbf_writer fontstack(glyphs, 1);
      fontstack.add_string(1, result.fontstack);
      fontstack.add_string(2, range);
      for (std::uint32_t code_point = start; code_point <= end; ++code_point) {
        result.glyphs += write_glyph(face.get(), code_point, ascender, fontstack) ? 1 : 0;
      }
    }

    const fs::path file = folder / (range + ".pbf");
    std::ofstream stream(file, std::ios::binary | std::ios::trunc);
    stream.write(data.data(), static_cast<std::streamsize>(data.size()));
    if (!stream) {
      throw InputError("cannot write '" + file.string() + "'");
    }
  }
  return result;
}

bool write_glyphs(const std::vector<fs::path>& fonts, const fs::path& out,
                  const std::vector<std::uint32_t>& range_starts, std::ostream& log) {
  bool ok = true;
  for (const fs::path& font : fonts) {
    try {
      const GlyphFontResult result = write_glyph_ranges(font, out, range_starts);
      log << "glyphs: " << result.fontstack << ": " << result.glyphs << " glyphs in " << range_starts.size()
          << " ranges\n";
    } catch (const InputError& failure) {
      log << "error: glyphs: " << failure.what() << '\n';
      ok = false;
    }
  }
  return ok;
}

}  // namespace badung::geodata

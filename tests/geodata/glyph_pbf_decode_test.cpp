// The browser's glyph decoder (core) reads the glyph PBFs the data tool writes.
#include <filesystem>
#include <fstream>
#include <iterator>

#include <catch2/catch.hpp>

#include "core/glyphs/glyph_pbf.hpp"
#include "glyphs.hpp"

using badung::glyphs::decode_glyph_pbf;
using badung::glyphs::GlyphError;
namespace fs = std::filesystem;

namespace {

std::string read_file(const fs::path& path) {
  std::ifstream stream(path, std::ios::binary);
  REQUIRE(stream);
  return {std::istreambuf_iterator<char>(stream), std::istreambuf_iterator<char>()};
}

// Builds range 0-255 of Noto Sans Bold into a folder of the test's own:
// CTest runs the tests of this file side by side.
std::string built_range(const std::string& folder) {
  const fs::path out = fs::path(BADUNG_TEST_WORK) / folder;
  fs::remove_all(out);
  badung::geodata::write_glyph_ranges("/usr/share/fonts/truetype/noto/NotoSans-Bold.ttf", out, {0});
  return read_file(out / "Noto Sans Bold" / "0-255.pbf");
}

}  // namespace

TEST_CASE("glyph pbf: a built range decodes with its metrics", "[glyphs]") {
  const badung::glyphs::GlyphRange range = decode_glyph_pbf(built_range("glyph-pbf-decode"));
  CHECK(range.fontstack == "Noto Sans Bold");
  CHECK(range.range == "0-255");
  REQUIRE(range.glyphs.size() > 180);

  const auto find = [&range](std::uint32_t id) {
    for (const auto& glyph : range.glyphs) {
      if (glyph.id == id) return glyph;
    }
    FAIL("no glyph " << id);
    return badung::glyphs::Glyph{};
  };
  const auto letter = find('K');
  CHECK(letter.width > 10);
  CHECK(letter.height > 14);
  CHECK(letter.bitmap.size() == (letter.width + 6) * (letter.height + 6));
  CHECK(letter.advance > 12);
  CHECK(letter.top < 0);

  const auto space = find(' ');
  CHECK(space.bitmap.empty());
  CHECK(space.advance > 0);
}

TEST_CASE("glyph pbf: broken data is rejected naming the problem", "[glyphs]") {
  std::string data = built_range("glyph-pbf-broken");
  CHECK_THROWS_WITH(decode_glyph_pbf(data.substr(0, data.size() / 2)), Catch::Contains("glyph PBF is broken"));
  CHECK_THROWS_AS(decode_glyph_pbf(std::string("\x0a\x05\x1a\x03\x10\xff", 6)), GlyphError);
}

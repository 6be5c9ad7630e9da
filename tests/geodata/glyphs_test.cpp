// Glyph PBFs: the signed distance field on its own, the glyphs command, and
// the fonts and style the map data build writes, decoded back with protozero.

#include <cmath>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <set>
#include <sstream>

#include <catch2/catch.hpp>
#include <protozero/pbf_reader.hpp>

#include "glyphs.hpp"
#include "sdf.hpp"
#include "style_output.hpp"
#include "tool_runner.hpp"

using namespace badung::geodata;
using namespace badung::geodata::test;
namespace fs = std::filesystem;

namespace {

const std::string kNotoRegular = "/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf";

struct DecodedGlyph {
  std::uint32_t id = 0;
  std::string bitmap;
  std::uint32_t width = 0;
  std::uint32_t height = 0;
  std::int32_t left = 0;
  std::int32_t top = 0;
  std::uint32_t advance = 0;
};

struct DecodedRange {
  std::string name;
  std::string range;
  std::map<std::uint32_t, DecodedGlyph> glyphs;
};

DecodedGlyph decode_glyph(protozero::pbf_reader message) {
  DecodedGlyph glyph;
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

// Decodes a glyphs message with exactly one fontstack.
DecodedRange decode_range(const std::string& path) {
  std::ifstream stream(path, std::ios::binary);
  REQUIRE(stream);
  const std::string data((std::istreambuf_iterator<char>(stream)), std::istreambuf_iterator<char>());
  protozero::pbf_reader glyphs(data);
  REQUIRE(glyphs.next(1));
  protozero::pbf_reader stack = glyphs.get_message();
  CHECK_FALSE(glyphs.next());

  DecodedRange range;
  while (stack.next()) {
    switch (stack.tag()) {
      case 1: range.name = stack.get_string(); break;
      case 2: range.range = stack.get_string(); break;
      case 3: {
        const DecodedGlyph glyph = decode_glyph(stack.get_message());
        range.glyphs[glyph.id] = glyph;
        break;
      }
      default: stack.skip();
    }
  }
  return range;
}

std::uint8_t at(const DecodedGlyph& glyph, std::uint32_t x, std::uint32_t y) {
  return static_cast<std::uint8_t>(glyph.bitmap[y * (glyph.width + 6) + x]);
}

}  // namespace

TEST_CASE("sdf: a filled square", "[glyphs]") {
  // A 10 x 10 square fully covered: the outline lies on the bitmap edge.
  const std::vector<std::uint8_t> coverage(100, 255);
  const auto field = signed_distance_field(coverage.data(), 10, 10, 10, 3, 8.0, 0.25);
  REQUIRE(field.size() == 16 * 16);
  const auto value = [&field](int x, int y) { return static_cast<int>(field[static_cast<std::size_t>(y * 16 + x)]); };

  // Deep inside, over 3 px from the outline: the value saturates at 255.
  CHECK(value(8, 8) == 255);
  // Just inside the edge and just outside it straddle 191.
  CHECK(value(3, 8) > 191);
  CHECK(value(2, 8) < 191);
  // The corner of the buffer: about 3 * sqrt(2) px outside.
  CHECK(value(0, 0) == Approx(255 - 255 * (std::sqrt(18.0) / 8 + 0.25)).margin(2));
  // Symmetric left and right.
  CHECK(value(2, 8) == value(13, 8));
}

TEST_CASE("sdf: an empty bitmap is all outside", "[glyphs]") {
  const std::vector<std::uint8_t> coverage(4, 0);
  const auto field = signed_distance_field(coverage.data(), 2, 2, 2, 3, 8.0, 0.25);
  REQUIRE(field.size() == 64);
  for (const std::uint8_t value : field) {
    CHECK(value == 0);
  }
}

TEST_CASE("glyph ranges: the ranges text uses", "[glyphs]") {
  // Latin, é (U+00E9), an en dash (U+2013), Balinese a (U+1B05) and an
  // emoji beyond the Basic Multilingual Plane, which MapLibre never requests.
  const std::string text = "Kuta \xC3\xA9 \xE2\x80\x93 \xE1\xAC\x85 \xF0\x9F\x8C\x8A";
  CHECK(glyph_ranges_of_text(text) == std::vector<std::uint32_t>{0, 6912, 8192});
  CHECK(glyph_ranges_of_text("").empty());
  // Broken sequences are skipped, the rest still counts.
  CHECK(glyph_ranges_of_text("\xE2\x80 \x80\xC3") == std::vector<std::uint32_t>{0});
}

TEST_CASE("glyphs command: Noto Sans ranges decode", "[glyphs]") {
  const std::string out = fresh_work_folder("glyphs");
  const ToolRun run = run_tool({"glyphs", "--font", kNotoRegular, "--out", out, "--ranges", "0-255,8192-8447"});
  INFO(run.output);
  REQUIRE(run.exit_status == 0);
  CHECK(run.output.find("Noto Sans Regular") != std::string::npos);

  const DecodedRange latin = decode_range(out + "/Noto Sans Regular/0-255.pbf");
  CHECK(latin.name == "Noto Sans Regular");
  CHECK(latin.range == "0-255");
  CHECK(latin.glyphs.size() > 180);
  CHECK_FALSE(fs::exists(out + "/Noto Sans Regular/256-511.pbf"));

  SECTION("a letter has a buffered SDF bitmap and sane metrics") {
    REQUIRE(latin.glyphs.count('H') == 1);
    const DecodedGlyph& h = latin.glyphs.at('H');
    CHECK(h.width >= 10);
    CHECK(h.width <= 20);
    CHECK(h.height >= 15);
    CHECK(h.height <= 20);
    CHECK(h.bitmap.size() == (h.width + 6) * (h.height + 6));
    CHECK(h.advance >= 15);
    CHECK(h.advance <= 20);
    // Top counts from the ascender (about 26 px at 24 px): a cap height of
    // about 17 px puts it a few pixels below.
    CHECK(h.top < 0);
    CHECK(h.top > -15);
    // The left stem of H is inside, the middle of its top opening outside.
    CHECK(at(h, 3 + 1, 3 + h.height / 4) > 191);
    CHECK(at(h, 3 + h.width / 2, 3 + 1) < 191);
    CHECK(at(h, 0, 0) < 100);
  }

  SECTION("a space has an advance but no bitmap") {
    REQUIRE(latin.glyphs.count(' ') == 1);
    const DecodedGlyph& space = latin.glyphs.at(' ');
    CHECK(space.width == 0);
    CHECK(space.bitmap.empty());
    CHECK(space.advance > 3);
  }

  SECTION("general punctuation has the en dash") {
    const DecodedRange punctuation = decode_range(out + "/Noto Sans Regular/8192-8447.pbf");
    CHECK(punctuation.range == "8192-8447");
    CHECK(punctuation.glyphs.count(0x2013) == 1);
  }
}

TEST_CASE("glyphs command: bad ranges and fonts", "[glyphs]") {
  const std::string out = fresh_work_folder("glyphs-bad");
  const ToolRun range = run_tool({"glyphs", "--font", kNotoRegular, "--out", out, "--ranges", "10-265"});
  CHECK(range.exit_status == 2);
  CHECK(range.output.find("invalid --ranges entry '10-265'") != std::string::npos);

  const ToolRun none = run_tool({"glyphs", "--out", out});
  CHECK(none.exit_status == 2);
  CHECK(none.output.find("--font") != std::string::npos);

  const ToolRun not_font = run_tool({"glyphs", "--font", test_data("geodata/LICENCE.md"), "--out", out});
  CHECK(not_font.exit_status == 1);
  CHECK(not_font.output.find("cannot open font") != std::string::npos);
}

TEST_CASE("build: writes the style and glyphs", "[glyphs]") {
  const std::string dist = built_data_folder();
  CHECK(fs::exists(dist + "/styles/badung.json"));
  for (const char* range : {"0-255", "256-511", "8192-8447"}) {
    INFO(range);
    const DecodedRange regular = decode_range(dist + "/fonts/Noto Sans Regular/" + range + ".pbf");
    CHECK(regular.name == "Noto Sans Regular");
    CHECK_FALSE(regular.glyphs.empty());
    CHECK(fs::exists(dist + "/fonts/Noto Sans Bold/" + range + ".pbf"));
  }
  const rapidjson::Document style = read_json(dist + "/styles/badung.json");
  CHECK(style["version"].GetInt() == 8);
}

TEST_CASE("style output: a style outside the subset fails", "[glyphs]") {
  const std::string work = fresh_work_folder("bad-style");
  {
    std::ofstream style(work + "/style.json");
    style << R"({"version": 8, "sources": {}, "layers": [
      {"id": "heat", "type": "heatmap", "source": "badung", "source-layer": "sekolah"},
      {"id": "ghost", "type": "fill", "source": "badung", "source-layer": "no-such-layer"},
      {"id": "ok", "type": "circle", "source": "badung", "source-layer": "sekolah"}]})";
  }
  std::ostringstream log;
  CHECK_FALSE(write_style(work + "/style.json", work + "/dist", {"sekolah", "desa"}, log));
  CHECK(log.str().find("layer 'heat' type: unsupported layer type 'heatmap'") != std::string::npos);
  CHECK(log.str().find("source-layer 'no-such-layer'") != std::string::npos);
  CHECK(log.str().find("'ok'") == std::string::npos);
}

TEST_CASE("style output: the shipped style is in the subset", "[glyphs]") {
  const std::string work = fresh_work_folder("shipped-style");
  std::ostringstream log;
  const std::set<std::string> layers = {"kabupaten", "kecamatan", "desa", "sekolah", "faskes", "faskes-osm",
                                        "ibadah", "pantai", "halte", "rute-bus", "jalan", "daratan",
                                        "garis-pantai", "perairan", "bali"};
  CHECK(write_style(std::string(BADUNG_SOURCE_DIR) + "/geodata/style/badung.json", work, layers, log));
  CHECK(log.str().empty());
  CHECK(fs::exists(work + "/styles/badung.json"));
}

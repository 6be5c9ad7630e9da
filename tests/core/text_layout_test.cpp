#include "core/glyphs/glyph_atlas.hpp"
#include "core/glyphs/text_layout.hpp"
#include "core/labels/label_geometry.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <map>

using namespace badung::glyphs;
using namespace badung::labels;

TEST_CASE("text layout: utf-8 decodes and capitals follow text-transform", "[labels]") {
    CHECK(decode_utf8("Kuta") == U"Kuta");
    CHECK(decode_utf8("Pur\xC3\xA1") == U"Pur\u00E1");
    CHECK(decode_utf8("a\xFF") == U"a\uFFFD");
    CHECK(to_upper(U"Kuta Utara \u00E1") == U"KUTA UTARA \u00C1");
}

TEST_CASE("text layout: advances, size and letter spacing", "[labels]") {
    const std::map<char32_t, GlyphMetrics> font{{U'a', {1, -5, 10, 12, 12}}, {U'b', {1, -5, 10, 12, 24}}};
    const GlyphLookup lookup = [&font](char32_t c) -> const GlyphMetrics* {
        const auto it = font.find(c);
        return it == font.end() ? nullptr : &it->second;
    };
    const TextLine line = layout_line(U"ab", lookup, 12.0, 0.1);
    REQUIRE(line.glyphs.size() == 2);
    CHECK(line.glyphs[1].x == Approx(6.0 + 1.2));
    CHECK(line.width == Approx(6.0 + 1.2 + 12.0));
    CHECK(line.complete);
    CHECK_FALSE(layout_line(U"ax", lookup, 12.0).complete);
}

namespace {

// Line widths of a block laid out at 24 px, where every glyph of "ab "
// advances 10 px, so a line of n characters is 10n px wide.
std::vector<double> line_widths(const std::u32string& text, double max_width, bool* complete = nullptr) {
    static const GlyphMetrics glyph{0, -5, 8, 12, 10};
    const GlyphLookup lookup = [](char32_t c) -> const GlyphMetrics* {
        return c == U'a' || c == U'b' || c == U' ' ? &glyph : nullptr;
    };
    const TextBlock block = layout_block(text, lookup, 24.0, 0.0, max_width);
    std::vector<double> widths;
    for (const TextLine& line : block.lines) {
        widths.push_back(line.width);
    }
    if (complete != nullptr) {
        *complete = block.complete;
    }
    return widths;
}

} // namespace

TEST_CASE("text layout: text-max-width breaks lines at spaces", "[labels]") {
    SECTION("short text stays on one line") {
        CHECK(line_widths(U"aaaa bbbb", 100.0) == std::vector<double>{90.0});
    }
    SECTION("no max width keeps one line") {
        CHECK(line_widths(U"aaaaaaaaa aaaa aaaaa", 0.0) == std::vector<double>{200.0});
    }
    SECTION("two lines near an even share") {
        // 200 px in lines of at most 150: a share of 100, so "aaaa" goes
        // to the second line although the first has room for it.
        CHECK(line_widths(U"aaaaaaaaa aaaa aaaaa", 150.0) == std::vector<double>{90.0, 100.0});
    }
    SECTION("three even lines rather than two full and one short") {
        CHECK(line_widths(U"aaaa aaaa aaaa aaaa aaaa aaaa", 100.0) == std::vector<double>{90.0, 90.0, 90.0});
    }
    SECTION("a word wider than max width gets its own line") {
        CHECK(line_widths(U"aaaaaaaaaaaaaaaaaaaa bb", 50.0) == std::vector<double>{200.0, 20.0});
    }
    SECTION("runs of spaces break as one") {
        CHECK(line_widths(U"aaaaaaaaa   bbbbbbbbb", 100.0) == std::vector<double>{90.0, 90.0});
    }
    SECTION("a missing glyph marks the block incomplete") {
        bool complete = true;
        line_widths(U"aaaaaaaaa xxxxxxxx", 100.0, &complete);
        CHECK_FALSE(complete);
    }
}

TEST_CASE("glyph atlas: shelves never overlap and a full atlas says so", "[labels]") {
    ShelfPacker packer(64, 32);
    const auto a = packer.add(30, 10);
    const auto b = packer.add(30, 12);
    const auto c = packer.add(30, 10);
    REQUIRE(a);
    REQUIRE(b);
    REQUIRE(c);
    CHECK(b->x >= a->x + a->width);
    CHECK(c->y >= b->y + b->height);
    CHECK_FALSE(packer.add(30, 20));
    CHECK_FALSE(packer.add(100, 5));
}

TEST_CASE("label geometry: a polygon's label point lies inside it", "[labels]") {
    // A U shape: the centre of its bbox is outside.
    const std::vector<Point> ring{{0, 0}, {30, 0}, {30, 100}, {70, 100}, {70, 0}, {100, 0},
                                  {100, 120}, {0, 120}, {0, 0}};
    const auto point = polygon_label_point({ring});
    REQUIRE(point);
    CHECK(point->y > 100.0);
    CHECK(point->y < 120.0);
    CHECK_FALSE(polygon_label_point({{{0, 0}, {1, 0}, {0, 0}}}));
}

TEST_CASE("label geometry: text follows a line upright, not a short or sharp one", "[labels]") {
    const std::vector<double> centres{5, 15, 25};
    // A line drawn right to left is read left to right.
    const auto glyphs = place_along_line({{100, 50}, {0, 50}}, centres, 30);
    REQUIRE(glyphs);
    CHECK((*glyphs)[0].x < (*glyphs)[2].x);
    CHECK(std::fabs((*glyphs)[0].angle) < 1e-9);
    CHECK((*glyphs)[1].x == Approx(50.0));

    CHECK_FALSE(place_along_line({{0, 0}, {20, 0}}, centres, 30));
    CHECK_FALSE(place_along_line({{0, 0}, {50, 0}, {50, 50}}, centres, 30));
}

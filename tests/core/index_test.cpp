#include "core/index/box_distance.hpp"
#include "core/index/bbox_query.hpp"
#include "core/index/hilbert_curve.hpp"
#include "core/index/hilbert_rtree.hpp"
#include "core/index/normalise_bbox.hpp"

#include "test_random.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <numbers>
#include <stdexcept>
#include <utility>
#include <vector>

using badung::geo::BBox;
using badung::geo::haversine_m;
using badung::geo::LonLat;
using badung::index::hilbert_index;
using badung::index::HilbertRTree;
using badung::index::min_distance_m;
using badung::index::Neighbour;
using badung::index::normalise_bbox;
using badung::index::query_bbox;
using badung::test::Random;

namespace {

// Boxes on a grid of thousandths of a degree, as integers, so the brute force
// below decides edge contacts exactly.
struct GridBox {
    std::int64_t west, south, east, north;
};

BBox to_degrees(const GridBox& g) {
    return {static_cast<double>(g.west) / 1000.0, static_cast<double>(g.south) / 1000.0,
            static_cast<double>(g.east) / 1000.0, static_cast<double>(g.north) / 1000.0};
}

// Brute-force answer for a query box in grid units that may be wrapped,
// cross the antimeridian (west > east) or span the world.
std::vector<std::uint32_t> brute_force_query(const std::vector<GridBox>& items, GridBox query) {
    const std::int64_t turn = 360'000;
    const std::int64_t east = query.west <= query.east ? query.east : query.east + turn;
    const bool whole_world = east - query.west >= turn;

    std::vector<std::uint32_t> ids;
    for (std::size_t i = 0; i < items.size(); ++i) {
        const GridBox& item = items[i];
        if (item.south > query.north || query.south > item.north) {
            continue;
        }
        bool hit = whole_world;
        for (std::int64_t k = -4; k <= 4 && !hit; ++k) {
            hit = item.west + k * turn <= east && query.west <= item.east + k * turn;
        }
        if (hit) {
            ids.push_back(static_cast<std::uint32_t>(i));
        }
    }
    return ids;
}

// Brute-force kNN with the documented ranking: ascending distance, groups of
// distances within 1 mm of their first ranked by item number.
std::vector<Neighbour> brute_force_nearest(const std::vector<double>& distances, std::size_t k) {
    std::vector<Neighbour> all;
    for (std::size_t i = 0; i < distances.size(); ++i) {
        all.push_back({static_cast<std::uint32_t>(i), distances[i]});
    }
    std::sort(all.begin(), all.end(), [](const Neighbour& a, const Neighbour& b) {
        return a.distance_m != b.distance_m ? a.distance_m < b.distance_m : a.item < b.item;
    });

    std::vector<Neighbour> ranked;
    std::size_t group = 0;
    while (group < all.size()) {
        std::size_t end = group;
        while (end < all.size() && all[end].distance_m <= all[group].distance_m + 0.001) {
            ++end;
        }
        std::vector<Neighbour> members(all.begin() + static_cast<std::ptrdiff_t>(group),
                                       all.begin() + static_cast<std::ptrdiff_t>(end));
        std::sort(members.begin(), members.end(),
                  [](const Neighbour& a, const Neighbour& b) { return a.item < b.item; });
        ranked.insert(ranked.end(), members.begin(), members.end());
        group = end;
    }
    if (ranked.size() > k) {
        ranked.resize(k);
    }
    return ranked;
}

// The Hilbert index by walking the levels one bit at a time, rotating the
// lower bits of x and y into the frame of each quadrant.
std::uint32_t bitwise_hilbert_index(std::uint32_t x, std::uint32_t y) {
    std::uint32_t index = 0;
    for (std::uint32_t half = 1u << 15; half > 0; half >>= 1) {
        const std::uint32_t right = (x & half) ? 1 : 0;
        const std::uint32_t upper = (y & half) ? 1 : 0;
        index += half * half * ((3 * right) ^ upper);
        if (upper == 0) {
            if (right == 1) {
                x = half - 1 - (x & (half - 1));
                y = half - 1 - (y & (half - 1));
            }
            std::swap(x, y);
        }
    }
    return index;
}

// The south-west corner of each box as a point box. Empty boxes stay empty.
std::vector<BBox> points_of(const std::vector<BBox>& boxes) {
    std::vector<BBox> points;
    for (const BBox& box : boxes) {
        points.push_back(box.empty() ? BBox{} : BBox{box.west, box.south, box.west, box.south});
    }
    return points;
}

std::vector<BBox> random_badung_boxes(Random& random, std::size_t count) {
    std::vector<BBox> boxes;
    for (std::size_t i = 0; i < count; ++i) {
        const double lon = random.uniform(114.95, 115.35);
        const double lat = random.uniform(-8.9, -8.1);
        if (random.chance(0.5)) {
            boxes.push_back({lon, lat, lon, lat});
        } else {
            boxes.push_back({lon, lat, lon + random.uniform(0.0, 0.05), lat + random.uniform(0.0, 0.05)});
        }
    }
    return boxes;
}

} // namespace

TEST_CASE("normalise_bbox case 028 boxes", "[index]") {
    using Boxes = std::vector<BBox>;
    CHECK(normalise_bbox({475.05, -8.85, 475.3, -8.45}) == Boxes{{115.05, -8.85, 115.3, -8.45}});
    CHECK(normalise_bbox({-244.95, -8.85, -244.7, -8.45}) == Boxes{{115.05, -8.85, 115.3, -8.45}});
    CHECK(normalise_bbox({835.05, -8.85, 835.3, -8.45}) == Boxes{{115.05, -8.85, 115.3, -8.45}});
    CHECK(normalise_bbox({175, -9, -175, -8}) == Boxes{{175, -9, 180, -8}, {-180, -9, -175, -8}});
    CHECK(normalise_bbox({100, -9, -170, -8}) == Boxes{{100, -9, 180, -8}, {-180, -9, -170, -8}});
    CHECK(normalise_bbox({-300, -60, 300, 60}) == Boxes{{-180, -60, 180, 60}});
    CHECK(normalise_bbox({115.17, -8.65, 115.29, -8.46}) == Boxes{{115.17, -8.65, 115.29, -8.46}});
}

TEST_CASE("normalise_bbox edge cases", "[index]") {
    using Boxes = std::vector<BBox>;
    CHECK(normalise_bbox({170, 0, 190, 1}) == Boxes{{170, 0, 180, 1}, {-180, 0, -170, 1}});
    CHECK(normalise_bbox({180, 0, 190, 1}) == Boxes{{-180, 0, -170, 1}});
    CHECK(normalise_bbox({-180, 0, 180, 1}) == Boxes{{-180, 0, 180, 1}});
    CHECK(normalise_bbox({10, -95, 20, 95}) == Boxes{{10, -90, 20, 90}});
    CHECK(normalise_bbox({10, 0, 10, 0}) == Boxes{{10, 0, 10, 0}});
}

TEST_CASE("normalise_bbox rejects invalid boxes", "[index]") {
    CHECK_THROWS_AS(normalise_bbox({0, 5, 1, 4}), badung::index::InvalidBBox);
    CHECK_THROWS_WITH(normalise_bbox({0, 5, 1, 4}), Catch::Contains("south is greater than north"));
    CHECK_THROWS_AS(normalise_bbox({0, 0, std::nan(""), 1}), badung::index::InvalidBBox);
}

TEST_CASE("query_bbox matches brute force on a grid", "[index]") {
    // Points only in the second section, where the tree stores positions.
    const bool points_only = GENERATE(false, true);
    Random random(points_only ? 29 : 28);
    std::vector<GridBox> grid_items;
    for (int i = 0; i < 3000; ++i) {
        // A third near the antimeridian, the rest over Badung.
        const bool far_east = i % 3 == 0;
        const std::int64_t lon = far_east ? random.integer(-180'000, 179'900) : random.integer(114'900, 115'400);
        const std::int64_t lat = random.integer(-9'000, -8'000);
        const std::int64_t width = points_only || random.chance(0.4) ? 0 : random.integer(0, 100);
        const std::int64_t height = points_only || random.chance(0.4) ? 0 : random.integer(0, 100);
        grid_items.push_back({lon, lat, std::min<std::int64_t>(lon + width, 180'000), lat + height});
    }
    std::vector<BBox> boxes;
    for (const GridBox& g : grid_items) {
        boxes.push_back(to_degrees(g));
    }
    const HilbertRTree tree(boxes);

    for (int q = 0; q < 3000; ++q) {
        const std::int64_t west = q % 2 == 0 ? random.integer(114'800, 115'400) : random.integer(-180'000, 180'000);
        const std::int64_t width = q % 50 == 0 ? random.integer(300'000, 800'000) : random.integer(0, 400);
        const std::int64_t south = random.integer(-9'100, -8'000);
        const std::int64_t north = south + random.integer(0, 500);
        // Points only get queries without added turns: normalising such a
        // box adds 360 in floating point, which may move an edge by one ulp
        // off a point that lies exactly on it. The mixed section covers turns.
        const std::int64_t turns = points_only ? 0 : random.integer(-2, 2);

        GridBox query{west + turns * 360'000, south, west + width + turns * 360'000, north};
        if (!points_only && q % 7 == 0 && width < 360'000) {
            // The same box written the RFC 7946 way across the antimeridian.
            const std::int64_t east = query.east;
            query.east = east > 180'000 ? east - 360'000 : east;
            query.west = west > 180'000 ? west - 360'000 : west;
            if (query.west <= query.east) {
                continue;
            }
        }

        const auto expected = brute_force_query(grid_items, query);
        const auto found = query_bbox(tree, to_degrees(query));
        INFO("query " << query.west << " " << query.south << " " << query.east << " " << query.north);
        REQUIRE(found == expected);
    }
}

TEST_CASE("sampled grid extent keeps answers", "[index]") {
    // The build spans its Hilbert grid over a sample of every stride-th
    // box (about 4,096 of 20,000 here, each one over Badung) and clamps
    // the others to the grid's edge cells. Items off the sample lie across
    // the world, on every side of it.
    const bool points_only = GENERATE(false, true);
    Random random(points_only ? 61 : 62);
    std::vector<GridBox> grid_items;
    for (int i = 0; i < 20'000; ++i) {
        const bool sampled = i % 4 == 0;
        const bool far = !sampled && random.chance(0.02);
        const std::int64_t lon = far ? random.integer(-180'000, 179'900) : random.integer(115'050, 115'300);
        const std::int64_t lat = far ? random.integer(-80'000, 80'000) : random.integer(-8'850, -8'450);
        const std::int64_t size = points_only ? 0 : random.integer(0, 20);
        grid_items.push_back({lon, lat, std::min<std::int64_t>(lon + size, 180'000), lat + size});
    }
    std::vector<BBox> boxes;
    for (const GridBox& g : grid_items) {
        boxes.push_back(to_degrees(g));
    }
    const HilbertRTree tree(boxes);

    for (int q = 0; q < 300; ++q) {
        const bool near = q % 2 == 0;
        const std::int64_t west = near ? random.integer(115'000, 115'300) : random.integer(-180'000, 170'000);
        const std::int64_t south = near ? random.integer(-8'900, -8'500) : random.integer(-80'000, 70'000);
        const std::int64_t size = near ? random.integer(0, 60) : random.integer(0, 10'000);
        const GridBox query{west, south, west + size, south + size};
        INFO("query " << query.west << " " << query.south << " " << query.east << " " << query.north);
        REQUIRE(query_bbox(tree, to_degrees(query)) == brute_force_query(grid_items, query));

        const LonLat p = {static_cast<double>(west) / 1000.0, static_cast<double>(south) / 1000.0};
        const auto distance = [&](std::uint32_t item) { return min_distance_m(p, boxes[item]); };
        std::vector<double> distances;
        for (std::uint32_t i = 0; i < boxes.size(); ++i) {
            distances.push_back(distance(i));
        }
        REQUIRE(tree.nearest(p, 10, distance) == brute_force_nearest(distances, 10));
    }
}

TEST_CASE("build names the first NaN box", "[index]") {
    // Item 5,001 lies off the build's grid sample (every second box here);
    // the key pass checks every box.
    std::vector<BBox> boxes(10'000, BBox{115.2, -8.6, 115.2, -8.6});
    boxes[5'001].north = std::nan("");
    boxes[7'000].west = std::nan("");
    CHECK_THROWS_WITH(HilbertRTree(boxes), "invalid box of item 5001: an edge is NaN");

    // With no usable box in the sample, the extent comes from a full pass,
    // which checks the boxes too.
    const std::vector<BBox> first_nan{{std::nan(""), -8.6, 115.2, -8.6}, BBox{}};
    CHECK_THROWS_AS(HilbertRTree(first_nan), std::invalid_argument);
    CHECK_THROWS_WITH(HilbertRTree(first_nan), "invalid box of item 0: an edge is NaN");
}

TEST_CASE("bbox over whole nodes", "[index]") {
    // Queries from a few leaf nodes wide up to the whole extent, so that
    // many first-level nodes lie within the query box and pass their leaves
    // on untested. Empty items, last among the leaves, must still stay out.
    // 4,100 items make a tree of five levels.
    const bool points_only = GENERATE(false, true);
    const int empty_count = GENERATE(0, 1, 37);
    Random random(points_only ? 71 : 72);
    std::vector<GridBox> grid_items;
    std::vector<BBox> boxes;
    for (int i = 0; i < 4'100; ++i) {
        if (i % 111 == 5 && static_cast<int>(boxes.size()) - static_cast<int>(grid_items.size()) < empty_count) {
            boxes.push_back(BBox{});
            continue;
        }
        const std::int64_t lon = random.integer(115'000, 115'300);
        const std::int64_t lat = random.integer(-8'900, -8'500);
        const std::int64_t size = points_only ? 0 : random.integer(0, 5);
        grid_items.push_back({lon, lat, lon + size, lat + size});
        boxes.push_back(to_degrees(grid_items.back()));
    }
    std::vector<std::uint32_t> item_of(grid_items.size());
    for (std::uint32_t i = 0, item = 0; i < boxes.size(); ++i) {
        if (!boxes[i].empty()) {
            item_of[item++] = i;
        }
    }
    const HilbertRTree tree(boxes);

    for (int q = 0; q < 400; ++q) {
        const std::int64_t width = q % 10 == 0 ? 400 : random.integer(5, 150);
        const std::int64_t west = random.integer(114'990, 115'300);
        const std::int64_t south = random.integer(-8'910, -8'500);
        const GridBox query{west, south, west + width, south + width};
        std::vector<std::uint32_t> expected;
        for (std::uint32_t i : brute_force_query(grid_items, query)) {
            expected.push_back(item_of[i]);
        }
        INFO("query " << query.west << " " << query.south << " " << query.east << " " << query.north);
        REQUIRE(query_bbox(tree, to_degrees(query)) == expected);
    }
}

TEST_CASE("query_bbox case 028 points", "[index]") {
    const std::vector<BBox> points{{115.08, -8.81, 115.08, -8.81},
                                   {115.17, -8.65, 115.17, -8.65},
                                   {115.29, -8.46, 115.29, -8.46}};
    const HilbertRTree tree(points);
    using Ids = std::vector<std::uint32_t>;
    CHECK(query_bbox(tree, {475.05, -8.85, 475.3, -8.45}) == Ids{0, 1, 2});
    CHECK(query_bbox(tree, {-244.95, -8.85, -244.7, -8.45}) == Ids{0, 1, 2});
    CHECK(query_bbox(tree, {835.05, -8.85, 835.3, -8.45}) == Ids{0, 1, 2});
    CHECK(query_bbox(tree, {175, -9, -175, -8}) == Ids{});
    CHECK(query_bbox(tree, {100, -9, -170, -8}) == Ids{0, 1, 2});
    CHECK(query_bbox(tree, {-300, -60, 300, 60}) == Ids{0, 1, 2});
    CHECK(query_bbox(tree, {115.17, -8.65, 115.29, -8.46}) == Ids{1, 2});
}

TEST_CASE("hilbert_index matches bitwise walk", "[index]") {
    for (std::uint32_t x = 0; x < 64; ++x) {
        for (std::uint32_t y = 0; y < 64; ++y) {
            INFO("cell " << x << " " << y);
            REQUIRE(hilbert_index(x, y) == bitwise_hilbert_index(x, y));
        }
    }
    Random random(16);
    for (int i = 0; i < 100000; ++i) {
        const auto x = static_cast<std::uint32_t>(random.integer(0, 65535));
        const auto y = static_cast<std::uint32_t>(random.integer(0, 65535));
        INFO("cell " << x << " " << y);
        REQUIRE(hilbert_index(x, y) == bitwise_hilbert_index(x, y));
    }
    CHECK(hilbert_index(65535, 0) == 0xffffffffu);
    CHECK(hilbert_index(0, 65535) == 0x55555555u);
}

TEST_CASE("hilbert_index visits each lower left square first", "[index]") {
    // The tree builds on a grid of fewer than 16 bits per axis by giving
    // hilbert_index coordinates below 2^bits: every such cell must take
    // one of the first 4^bits values, each once.
    for (int bits = 1; bits <= 6; ++bits) {
        const std::uint32_t side = 1u << bits;
        std::vector<bool> seen(std::size_t{side} * side, false);
        for (std::uint32_t x = 0; x < side; ++x) {
            for (std::uint32_t y = 0; y < side; ++y) {
                const std::uint32_t value = hilbert_index(x, y);
                INFO("bits " << bits << " cell " << x << " " << y);
                REQUIRE(value < seen.size());
                REQUIRE_FALSE(seen[value]);
                seen[value] = true;
            }
        }
    }
}

TEST_CASE("search visitor matches sorted search", "[index]") {
    Random random(5);
    std::vector<BBox> boxes = random_badung_boxes(random, 5000);
    boxes[17] = BBox{};
    for (const std::size_t node_size : {std::size_t{2}, std::size_t{16}, std::size_t{40}}) {
        // Points only at node size 16, mixed boxes otherwise.
        const HilbertRTree tree(node_size == 16 ? points_of(boxes) : boxes, node_size);
        for (int q = 0; q < 200; ++q) {
            const double west = random.uniform(114.9, 115.4);
            const double south = random.uniform(-8.95, -8.1);
            const BBox query{west, south, west + random.uniform(0, 0.2), south + random.uniform(0, 0.2)};

            std::vector<std::uint32_t> visited;
            tree.search(query, [&visited](std::uint32_t item) { visited.push_back(item); });
            std::sort(visited.begin(), visited.end());
            INFO("node size " << node_size << " query " << q);
            REQUIRE(visited == tree.search(query));
            REQUIRE(std::adjacent_find(visited.begin(), visited.end()) == visited.end());
        }
    }
}

TEST_CASE("nearest distance call forms agree", "[index]") {
    Random random(11);
    const std::vector<BBox> mixed = random_badung_boxes(random, 3000);
    for (int q = 0; q < 200; ++q) {
        // Points only in every other query, so both leaf layouts hand over boxes.
        const std::vector<BBox> boxes = q % 2 == 0 ? mixed : points_of(mixed);
        const HilbertRTree tree(boxes);
        const LonLat p{random.uniform(114.8, 115.5), random.uniform(-9.0, -8.0)};
        const HilbertRTree::ItemDistance by_item = [&](std::uint32_t item) { return min_distance_m(p, boxes[item]); };
        const auto by_box = [&](std::uint32_t item, const BBox& box) {
            // The tree hands over the box it stores for that item.
            CHECK(box == boxes[item]);
            return min_distance_m(p, box);
        };
        INFO("query " << q);
        REQUIRE(tree.nearest(p, 12, by_item) == tree.nearest(p, 12, by_box));
    }
}

TEST_CASE("HilbertRTree sizes and empty boxes", "[index]") {
    CHECK(HilbertRTree({}).search({-180, -90, 180, 90}).empty());
    CHECK(HilbertRTree({}).nearest({0, 0}, 3, [](std::uint32_t) { return 0.0; }).empty());

    const HilbertRTree one({{1, 1, 1, 1}});
    CHECK(one.search({0, 0, 2, 2}) == std::vector<std::uint32_t>{0});
    const auto nearest = one.nearest({1, 1}, 1, [](std::uint32_t) { return 0.0; });
    REQUIRE(nearest.size() == 1);
    CHECK(nearest[0].item == 0);

    const HilbertRTree with_empty({BBox{}, {1, 1, 1, 1}, BBox{}});
    CHECK(with_empty.size() == 3);
    CHECK(with_empty.search({-180, -90, 180, 90}) == std::vector<std::uint32_t>{1});
    CHECK(with_empty.nearest({0, 0}, 5, [](std::uint32_t) { return 1.0; }).size() == 1);

    CHECK_THROWS_AS(HilbertRTree({{0, 0, 1, 1}}, 1), std::invalid_argument);
}

TEST_CASE("min_distance_m is a tight lower bound", "[index]") {
    Random random(7);
    for (int i = 0; i < 2000; ++i) {
        const double west = random.uniform(-180, 170);
        const double south = random.uniform(-85, 70);
        const BBox box{west, south, west + random.uniform(0, 10), south + random.uniform(0, 15)};
        const LonLat p{random.uniform(-180, 180), random.uniform(-89, 89)};

        // Sample the boundary densely; the true minimum lies on it or inside.
        double sampled = 1e300;
        constexpr int steps = 400;
        for (int s = 0; s <= steps; ++s) {
            const double t = static_cast<double>(s) / steps;
            const double lon = box.west + t * (box.east - box.west);
            const double lat = box.south + t * (box.north - box.south);
            sampled = std::min({sampled, haversine_m(p, {lon, box.south}), haversine_m(p, {lon, box.north}),
                                haversine_m(p, {box.west, lat}), haversine_m(p, {box.east, lat})});
        }
        const bool inside = p.lon >= box.west && p.lon <= box.east && p.lat >= box.south && p.lat <= box.north;
        const double bound = min_distance_m(p, box);
        INFO("box " << box.west << " " << box.south << " " << box.east << " " << box.north
                    << " point " << p.lon << " " << p.lat);
        if (inside) {
            REQUIRE(bound == 0.0);
        } else {
            REQUIRE(bound <= sampled + 1e-6);
            // Samples are 1/400 of the edge apart, so the bound is close to them.
            REQUIRE(bound >= sampled - 2000.0);
        }
    }
}

TEST_CASE("box term stays below box distance", "[index]") {
    // min_haversine_term of a box must not exceed the haversine term of
    // the box's exact distance, for positions on any world copy and boxes
    // up to the whole world wide, where its longitude gap may wrap.
    Random random(97);
    for (int i = 0; i < 20000; ++i) {
        const double west = random.uniform(-180, 180);
        const double east = i % 4 == 0 ? random.uniform(west, 180) : std::min(180.0, west + random.uniform(0, 5));
        const double south = random.uniform(-89, 88);
        const BBox box{west, south, east, std::min(89.0, south + random.uniform(0, 5))};
        const LonLat p{random.uniform(-540, 540), random.uniform(-89, 89)};

        const double cos_lat = std::cos(p.lat * std::numbers::pi / 180.0);
        const double term = badung::index::min_haversine_term(p, cos_lat, box);
        const double exact = badung::index::haversine_term_of(min_distance_m(p, box));
        INFO("box " << box.west << " " << box.south << " " << box.east << " " << box.north << " point " << p.lon
                    << " " << p.lat);
        REQUIRE(term <= exact * (1.0 + 1e-12) + 1e-300);
    }
}

TEST_CASE("float box terms stay below box distance", "[index]") {
    // FloatTermBound works on the float copies of four boxes, rounded
    // outwards as the tree stores them. Where it returns terms, each must
    // stay below the haversine term of the box's exact distance, for
    // boxes anywhere up to the whole world wide and next to the poles.
    Random random(113);
    for (int i = 0; i < 20000; ++i) {
        const LonLat p{random.uniform(-180, 180), random.uniform(-89.9, 89.9)};
        const double cos_lat = std::cos(p.lat * std::numbers::pi / 180.0);

        BBox boxes[4];
        float edges[4][4];
        for (int lane = 0; lane < 4; ++lane) {
            const double west = random.uniform(-180, 180);
            const double east = lane == 0 ? random.uniform(west, 180) : std::min(180.0, west + random.uniform(0, 3));
            const double south = i % 5 == 0 ? random.uniform(80, 89) : random.uniform(-89.9, 89);
            const double north = std::min(89.9, south + (lane == 1 ? 0.0 : random.uniform(0, 3)));
            boxes[lane] = {west, south, east, north};
            edges[0][lane] = badung::index::float_below(west);
            edges[1][lane] = badung::index::float_below(south);
            edges[2][lane] = badung::index::float_above(east);
            edges[3][lane] = badung::index::float_above(north);
        }
        // The extent of the four boxes lets the bound skip its wrap test
        // when no gap can wrap.
        BBox extent;
        for (const BBox& box : boxes) {
            extent.extend(box);
        }
        const badung::index::FloatTermBound bound(p, cos_lat, extent);
        float terms[4];
        using badung::index::load_float4;
        if (!bound.terms(load_float4(edges[0]), load_float4(edges[1]), load_float4(edges[2]), load_float4(edges[3]),
                         terms)) {
            continue;
        }
        for (int lane = 0; lane < 4; ++lane) {
            const BBox& box = boxes[lane];
            const double exact = badung::index::haversine_term_of(min_distance_m(p, box));
            INFO("box " << box.west << " " << box.south << " " << box.east << " " << box.north << " point " << p.lon
                        << " " << p.lat);
            REQUIRE(static_cast<double>(terms[lane]) <= exact * (1.0 + 1e-12) + 1e-300);
        }
    }
}

TEST_CASE("float box terms are NaN for empty boxes", "[index]") {
    // The tree stores an empty item box as NaN edges and an empty node
    // box as crossed infinite edges. Neither may get a term that a cutoff
    // admits.
    const LonLat p{115.2, -8.6};
    const badung::index::FloatTermBound bound(p, std::cos(p.lat * std::numbers::pi / 180.0), BBox{115, -9, 116, -8});
    const float nan = std::numeric_limits<float>::quiet_NaN();
    const float inf = std::numeric_limits<float>::infinity();
    const float wests[4]{nan, inf, 115.1f, 115.5f};
    const float souths[4]{nan, inf, -8.7f, -8.5f};
    const float easts[4]{nan, -inf, 115.3f, 115.6f};
    const float norths[4]{nan, -inf, -8.5f, -8.4f};
    float terms[4];
    using badung::index::load_float4;
    REQUIRE(bound.terms(load_float4(wests), load_float4(souths), load_float4(easts), load_float4(norths), terms));
    CHECK(std::isnan(terms[0]));
    CHECK(std::isnan(terms[1]));
    CHECK(terms[2] == 0.0f);
    CHECK(terms[3] > 0.0f);
}

TEST_CASE("box nearest matches brute force worldwide", "[index]") {
    // Boxes and positions over the whole world, across the antimeridian
    // and next to the poles, where the float terms give way to the exact
    // ones.
    Random random(131);
    for (int round = 0; round < 20; ++round) {
        std::vector<BBox> boxes;
        for (int i = 0; i < 300; ++i) {
            const double west = random.uniform(-180, 179);
            const double south = random.uniform(-89, 88);
            boxes.push_back({west, south, std::min(180.0, west + random.uniform(0, round % 2 == 0 ? 1.0 : 40.0)),
                             std::min(89.0, south + random.uniform(0, 1))});
        }
        const HilbertRTree tree(boxes, round % 3 == 0 ? 4 : 16);

        for (int q = 0; q < 40; ++q) {
            const LonLat p{q % 4 == 0 ? random.uniform(178, 180) : random.uniform(-180, 180), random.uniform(-89, 89)};
            const auto distance = [&](std::uint32_t item) { return min_distance_m(p, boxes[item]); };
            std::vector<double> distances;
            for (std::uint32_t i = 0; i < boxes.size(); ++i) {
                distances.push_back(distance(i));
            }
            const std::size_t k = static_cast<std::size_t>(random.integer(1, 25));
            INFO("round " << round << " query " << q << " k " << k);
            REQUIRE(tree.nearest(p, k, distance) == brute_force_nearest(distances, k));
        }
    }
}

TEST_CASE("nearest matches brute force for points and boxes", "[index]") {
    Random random(42);
    for (int round = 0; round < 40; ++round) {
        std::vector<BBox> boxes = random_badung_boxes(random, 50 + static_cast<std::size_t>(round) * 25);
        // Duplicates make exact ties, broken by item number.
        for (int d = 0; d < 10; ++d) {
            boxes.push_back(boxes[static_cast<std::size_t>(random.integer(0, static_cast<std::int64_t>(boxes.size()) - 1))]);
        }
        // Every third round uses points only (the tree stores its leaves
        // as positions then), some of them with empty boxes among them.
        if (round % 3 == 0) {
            boxes = points_of(boxes);
        }
        if (round % 6 == 3) {
            boxes[static_cast<std::size_t>(round)] = BBox{};
        }
        const HilbertRTree tree(boxes, round % 2 == 0 ? 16 : 4);

        for (int q = 0; q < 50; ++q) {
            const LonLat p{random.uniform(114.8, 115.5), random.uniform(-9.0, -8.0)};
            const auto distance = [&](std::uint32_t item) { return min_distance_m(p, boxes[item]); };
            std::vector<double> distances;
            for (std::uint32_t i = 0; i < boxes.size(); ++i) {
                // An empty box is never a neighbour.
                distances.push_back(boxes[i].empty() ? std::numeric_limits<double>::infinity() : distance(i));
            }
            const std::size_t k = static_cast<std::size_t>(random.integer(1, 20));

            const auto expected = brute_force_nearest(distances, k);
            const auto found = tree.nearest(p, k, distance);
            INFO("round " << round << " query " << q << " k " << k);
            REQUIRE(found == expected);
        }
    }
}

TEST_CASE("nearest respects max distance and whole world", "[index]") {
    const std::vector<BBox> boxes{{179.9, 0, 179.9, 0}, {-179.9, 0, -179.9, 0}, {0, 0, 0, 0}};
    const HilbertRTree tree(boxes);
    const auto distance = [&](std::uint32_t item) {
        return haversine_m({180, 0}, {boxes[item].west, boxes[item].south});
    };

    // Across the antimeridian both near points come first.
    const auto found = tree.nearest({180, 0}, 3, distance);
    REQUIRE(found.size() == 3);
    CHECK(found[0].item == 0);
    CHECK(found[1].item == 1);
    CHECK(found[2].item == 2);
    CHECK(found[0].distance_m == Approx(11119.5).margin(1.0));

    const auto near_only = tree.nearest({180, 0}, 3, distance, 20'000);
    CHECK(near_only.size() == 2);
}

TEST_CASE("point search at float borders", "[index]") {
    // Points on, and a few doubles either side of, each query edge: these
    // round to the same float as the edge, so the tree's float pretest
    // cannot settle them and the exact test must.
    Random random(61);
    const std::vector<double> lon_edges{115.05, 115.17, -0.0001, 179.99999, -180.0, 0.0};
    const std::vector<double> lat_edges{-8.65, -8.45, 1e-7, 89.99999, -90.0, 0.0};
    for (std::size_t e = 0; e < lon_edges.size(); ++e) {
        const double west = lon_edges[e];
        const double south = lat_edges[e];
        const double east = std::min(180.0, west + random.uniform(0.0, 0.01));
        const double north = std::min(90.0, south + random.uniform(0.0, 0.01));
        const BBox query{west, south, east, north};

        std::vector<BBox> points;
        const auto near = [](double edge, int steps) {
            double value = edge;
            for (int i = 0; i < std::abs(steps); ++i) {
                value = std::nextafter(value, steps < 0 ? -1e300 : 1e300);
            }
            return value;
        };
        for (const double lon : {west, east, (west + east) / 2}) {
            for (const double lat : {south, north, (south + north) / 2}) {
                for (int step = -3; step <= 3; ++step) {
                    // Positions stay within -180..180 and -90..90, as the tree requires.
                    const double point_lon = std::clamp(lon == (west + east) / 2 ? lon : near(lon, step), -180.0, 180.0);
                    const double point_lat = std::clamp(lat == (south + north) / 2 ? lat : near(lat, -step), -90.0, 90.0);
                    points.push_back({point_lon, point_lat, point_lon, point_lat});
                }
            }
        }
        // Filler spread around the box, so the edges fall inside leaves.
        for (int i = 0; i < 400; ++i) {
            const double lon = std::clamp(random.uniform(west - 0.01, east + 0.01), -180.0, 180.0);
            const double lat = std::clamp(random.uniform(south - 0.01, north + 0.01), -90.0, 90.0);
            points.push_back({lon, lat, lon, lat});
        }

        std::vector<std::uint32_t> expected;
        for (std::uint32_t i = 0; i < points.size(); ++i) {
            if (query.contains({points[i].west, points[i].south})) {
                expected.push_back(i);
            }
        }
        for (const std::size_t node_size : {std::size_t{3}, std::size_t{16}, std::size_t{70}}) {
            const HilbertRTree tree(points, node_size);
            INFO("edge case " << e << " node size " << node_size);
            REQUIRE(tree.search(query) == expected);
        }
    }
}

namespace {

// The brute-force ranking of every item by distance(item).
template <typename Distance>
std::vector<Neighbour> brute_force_nearest_by(const std::vector<BBox>& boxes, std::size_t k, Distance distance) {
    std::vector<double> distances;
    for (std::uint32_t i = 0; i < boxes.size(); ++i) {
        distances.push_back(boxes[i].empty() ? std::numeric_limits<double>::infinity() : distance(i));
    }
    return brute_force_nearest(distances, k);
}

} // namespace

TEST_CASE("point nearest matches brute force densely", "[index]") {
    // Dense points, where a query's radius from the mean density contains its
    // k nearest, with exact duplicates and points 0.5 mm apart as ties.
    Random random(73);
    std::vector<BBox> points;
    for (int i = 0; i < 20000; ++i) {
        const double lon = random.uniform(115.0, 115.3);
        const double lat = random.uniform(-8.8, -8.5);
        points.push_back({lon, lat, lon, lat});
    }
    for (int i = 0; i < 300; ++i) {
        const BBox& twin = points[static_cast<std::size_t>(random.integer(0, 19999))];
        const double offset = random.chance(0.5) ? 0.0 : 4.5e-9;
        points.push_back({twin.west + offset, twin.south, twin.west + offset, twin.south});
    }
    points[5] = BBox{};
    const HilbertRTree tree(points);

    for (int q = 0; q < 300; ++q) {
        // Most queries inside the points, some beyond their edge.
        const LonLat p = q % 10 == 0 ? LonLat{random.uniform(115.3, 115.6), random.uniform(-9.0, -8.3)}
                                     : LonLat{random.uniform(115.0, 115.3), random.uniform(-8.8, -8.5)};
        const std::size_t k = static_cast<std::size_t>(random.integer(1, 40));
        const double max_distance_m = q % 7 == 0 ? random.uniform(10.0, 500.0) : std::numeric_limits<double>::infinity();
        const auto distance = [&](std::uint32_t item) { return min_distance_m(p, points[item]); };

        std::vector<Neighbour> expected = brute_force_nearest_by(points, k, distance);
        while (!expected.empty() && expected.back().distance_m > max_distance_m) {
            expected.pop_back();
        }
        INFO("query " << q << " k " << k << " max distance " << max_distance_m);
        REQUIRE(tree.nearest(p, k, distance, max_distance_m) == expected);
    }
}

TEST_CASE("point nearest clustered and at world edges", "[index]") {
    // A dense cluster among sparse points, where the mean density misjudges
    // the radius, and points on both sides of the antimeridian and near the
    // poles, where the radius box would cross them.
    Random random(79);
    std::vector<BBox> clustered;
    std::vector<BBox> world;
    const auto add = [](std::vector<BBox>& points, double lon, double lat) { points.push_back({lon, lat, lon, lat}); };
    for (int i = 0; i < 3000; ++i) {
        add(clustered, random.uniform(115.17, 115.171), random.uniform(-8.651, -8.65));
    }
    for (int i = 0; i < 300; ++i) {
        add(clustered, random.uniform(114.9, 115.4), random.uniform(-8.9, -8.1));
        add(world, random.uniform(-180.0, 180.0), random.uniform(-90.0, 90.0));
        add(world, random.chance(0.5) ? random.uniform(179.9, 180.0) : random.uniform(-180.0, -179.9),
            random.uniform(-1.0, 1.0));
        add(world, random.uniform(-180.0, 180.0), random.uniform(89.5, 90.0));
    }

    const std::vector<LonLat> world_fixed{{179.95, 0.0}, {-179.99, 0.5}, {540.0 - 0.01, 0.2},
                                          {0.0, 89.9}, {-120.0, 89.99}, {0.0, -89.0}};
    for (const bool at_world_edges : {false, true}) {
        const std::vector<BBox>& points = at_world_edges ? world : clustered;
        const HilbertRTree tree(points);
        for (int q = 0; q < 200; ++q) {
            LonLat p{random.uniform(114.9, 115.4), random.uniform(-8.9, -8.1)};
            if (!at_world_edges && q % 2 == 0) {
                p = {random.uniform(115.169, 115.172), random.uniform(-8.652, -8.649)};
            } else if (at_world_edges) {
                p = q < static_cast<int>(world_fixed.size()) ? world_fixed[static_cast<std::size_t>(q)]
                                                             : LonLat{random.uniform(-180.0, 180.0), random.uniform(-90.0, 90.0)};
            }
            const std::size_t k = static_cast<std::size_t>(random.integer(1, 30));
            const auto distance = [&](std::uint32_t item) { return min_distance_m(p, points[item]); };
            INFO("world edges " << at_world_edges << " query " << q << " at " << p.lon << " " << p.lat << " k " << k);
            REQUIRE(tree.nearest(p, k, distance) == brute_force_nearest_by(points, k, distance));
        }
    }
}

TEST_CASE("point nearest with distances above the bound", "[index]") {
    // Item distances far above the point distance (as for a feature
    // measured by more than its position) leave the cutoff beyond the
    // radius that the density suggests, so the search must widen.
    Random random(83);
    std::vector<BBox> points;
    for (int i = 0; i < 5000; ++i) {
        const double lon = random.uniform(115.0, 115.3);
        const double lat = random.uniform(-8.8, -8.5);
        points.push_back({lon, lat, lon, lat});
    }
    const HilbertRTree tree(points);

    for (int q = 0; q < 100; ++q) {
        const LonLat p{random.uniform(115.0, 115.3), random.uniform(-8.8, -8.5)};
        const std::size_t k = static_cast<std::size_t>(random.integer(1, 20));
        const auto distance = [&](std::uint32_t item) {
            return min_distance_m(p, points[item]) + static_cast<double>(item % 7) * 400.0;
        };
        INFO("query " << q << " k " << k);
        REQUIRE(tree.nearest(p, k, distance) == brute_force_nearest_by(points, k, distance));
    }
}

TEST_CASE("box term bound stays below the exact term", "[index]") {
    // BoxTermBound takes the cubic terms and the cosine at the box's edges
    // and works on float copies. Its bound must stay below the haversine
    // term of the exact point anywhere in the box, also next to p, where
    // the rounding error is a large part of the gap.
    Random random(89);
    for (int i = 0; i < 20000; ++i) {
        const LonLat p{random.uniform(-150.0, 150.0), random.uniform(-60.0, 60.0)};
        const double half_height = i % 3 == 0 ? random.uniform(1e-5, 1e-3) : random.uniform(1e-3, 19.0);
        const double half_width = i % 3 == 0 ? random.uniform(1e-5, 1e-3) : random.uniform(1e-3, 29.0);
        const BBox box{p.lon - half_width, p.lat - half_height, p.lon + half_width, p.lat + half_height};
        LonLat point{random.uniform(box.west, box.east), random.uniform(box.south, box.north)};
        if (i % 2 == 0) {
            // Within 1e-5 degrees of p, about 1 to 2 float steps at longitude 115.
            point = {std::clamp(p.lon + random.uniform(-1e-5, 1e-5), box.west, box.east),
                     std::clamp(p.lat + random.uniform(-1e-5, 1e-5), box.south, box.north)};
        }
        const double cos_lat = std::cos(p.lat * std::numbers::pi / 180.0);
        const badung::index::BoxTermBound bound(p, cos_lat, box);
        const double term = bound.term(static_cast<float>(point.lon), static_cast<float>(point.lat));
        const double exact = badung::index::haversine_term_of(haversine_m(p, point));
        INFO("p " << p.lon << " " << p.lat << " point " << point.lon << " " << point.lat);
        REQUIRE(term <= exact * (1.0 + 1e-12) + 1e-300);
    }
}

TEST_CASE("box term bound with an origin stays low", "[index]") {
    // Point trees store each point as its offset from the centre of their
    // extent, rounded to a float. The bound over such offsets must stay
    // below the exact term, as the bound over coordinates does. Points next
    // to p or to the origin are checked too, because there the rounding of
    // the offsets in double is a large part of them.
    Random random(97);
    for (int i = 0; i < 20000; ++i) {
        const LonLat p{random.uniform(-150.0, 150.0), random.uniform(-60.0, 60.0)};
        const double half = i % 3 == 0 ? random.uniform(1e-5, 1e-3) : random.uniform(1e-3, 5.0);
        const BBox box{p.lon - half, p.lat - half, p.lon + half, p.lat + half};
        LonLat point{random.uniform(box.west, box.east), random.uniform(box.south, box.north)};
        if (i % 2 == 0) {
            point = {std::clamp(p.lon + random.uniform(-1e-6, 1e-6), box.west, box.east),
                     std::clamp(p.lat + random.uniform(-1e-6, 1e-6), box.south, box.north)};
        }
        const LonLat origin = i % 4 == 0 ? point
                                         : LonLat{p.lon + random.uniform(-1.0, 1.0), p.lat + random.uniform(-1.0, 1.0)};
        const double cos_lat = std::cos(p.lat * std::numbers::pi / 180.0);
        const badung::index::BoxTermBound bound(p, cos_lat, box, origin);
        const double term = bound.term(static_cast<float>(point.lon - origin.lon),
                                       static_cast<float>(point.lat - origin.lat));
        const double exact = badung::index::haversine_term_of(haversine_m(p, point));
        INFO("p " << p.lon << " " << p.lat << " point " << point.lon << " " << point.lat << " origin " << origin.lon
                  << " " << origin.lat);
        REQUIRE(term <= exact * (1.0 + 1e-12) + 1e-300);
    }
}

TEST_CASE("box search at float borders", "[index]") {
    // Boxes whose edges lie on, and a few doubles either side of, each
    // query edge: these round to the same float as the edge, so the tree's
    // float pretest cannot settle them and the exact test must.
    Random random(67);
    const std::vector<double> lon_edges{115.05, 115.17, -0.0001, 179.98, -179.99, 0.0};
    const std::vector<double> lat_edges{-8.65, -8.45, 1e-7, 89.98, -89.99, 0.0};
    const auto near = [](double edge, int steps) {
        double value = edge;
        for (int i = 0; i < std::abs(steps); ++i) {
            value = std::nextafter(value, steps < 0 ? -1e300 : 1e300);
        }
        return std::clamp(value, -180.0, 180.0);
    };
    for (std::size_t e = 0; e < lon_edges.size(); ++e) {
        const double west = lon_edges[e];
        const double south = lat_edges[e];
        const BBox query{west, south, std::min(180.0, west + 0.005), std::min(90.0, south + 0.005)};

        // Each box touches or misses one query edge by a few doubles, and
        // reaches well past the query on the other sides.
        std::vector<BBox> boxes;
        for (int step = -3; step <= 3; ++step) {
            boxes.push_back({near(query.east, step), query.south, near(query.east, step) + 0.01, query.north});
            boxes.push_back({near(query.west, step) - 0.01, query.south, near(query.west, step), query.north});
            boxes.push_back({query.west, std::clamp(near(query.north, step), -90.0, 90.0), query.east,
                             std::min(90.0, near(query.north, step) + 0.01)});
            boxes.push_back({query.west, std::max(-90.0, near(query.south, step) - 0.01), query.east,
                             std::clamp(near(query.south, step), -90.0, 90.0)});
        }
        // Filler around the query box, so the edges fall inside leaves.
        for (int i = 0; i < 400; ++i) {
            const double lon = std::clamp(random.uniform(west - 0.01, query.east + 0.01), -180.0, 179.99);
            const double lat = std::clamp(random.uniform(south - 0.01, query.north + 0.01), -90.0, 89.99);
            boxes.push_back({lon, lat, lon + random.uniform(0.0, 0.002), lat + random.uniform(0.0, 0.002)});
        }
        boxes.push_back(BBox{});

        std::vector<std::uint32_t> expected;
        for (std::uint32_t i = 0; i < boxes.size(); ++i) {
            if (boxes[i].intersects(query)) {
                expected.push_back(i);
            }
        }
        for (const std::size_t node_size : {std::size_t{3}, std::size_t{16}, std::size_t{64}, std::size_t{70}}) {
            const HilbertRTree tree(boxes, node_size);
            INFO("edge case " << e << " node size " << node_size);
            REQUIRE(tree.search(query) == expected);
        }
    }
}

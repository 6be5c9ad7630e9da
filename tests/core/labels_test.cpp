// Unit tests of core/labels: collision, priorities and stability.

#include "core/labels/placement.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <limits>

using namespace badung;
using labels::LabelCandidate;
using labels::LabelKind;

namespace {

LabelCandidate label(LabelKind kind, double x, double y, double width, double height, std::uint64_t key,
                     double rank = 0.0) {
    LabelCandidate c;
    c.kind = kind;
    c.x = x;
    c.y = y;
    c.width = width;
    c.height = height;
    c.key = key;
    c.rank = rank;
    return c;
}

bool contains(const std::vector<std::size_t>& placed, std::size_t index) {
    return std::find(placed.begin(), placed.end(), index) != placed.end();
}

// True when no two placed boxes overlap.
bool no_overlaps(const std::vector<LabelCandidate>& candidates, const std::vector<std::size_t>& placed) {
    for (std::size_t i = 0; i < placed.size(); ++i) {
        for (std::size_t j = i + 1; j < placed.size(); ++j) {
            const LabelCandidate& a = candidates[placed[i]];
            const LabelCandidate& b = candidates[placed[j]];
            if (std::fabs(a.x - b.x) * 2 < a.width + b.width && std::fabs(a.y - b.y) * 2 < a.height + b.height) {
                return false;
            }
        }
    }
    return true;
}

} // namespace

TEST_CASE("labels: apart labels are all placed", "[labels]") {
    const std::vector<LabelCandidate> candidates{label(LabelKind::desa, 0, 0, 50, 12, 1),
                                                 label(LabelKind::desa, 100, 0, 50, 12, 2),
                                                 label(LabelKind::desa, 0, 100, 50, 12, 3)};
    const auto placed = labels::place_labels(candidates);
    CHECK(placed.size() == 3);
}

TEST_CASE("labels: kecamatan wins over desa over facility", "[labels]") {
    const std::vector<LabelCandidate> candidates{label(LabelKind::facility, 0, 0, 60, 12, 1),
                                                 label(LabelKind::desa, 10, 2, 60, 12, 2),
                                                 label(LabelKind::kecamatan, 20, 4, 80, 14, 3)};
    const auto placed = labels::place_labels(candidates);
    REQUIRE(placed.size() == 1);
    CHECK(placed[0] == 2);

    const std::vector<LabelCandidate> two{label(LabelKind::facility, 0, 0, 60, 12, 1),
                                          label(LabelKind::desa, 10, 2, 60, 12, 2)};
    const auto placed_two = labels::place_labels(two);
    REQUIRE(placed_two.size() == 1);
    CHECK(placed_two[0] == 1);
}

TEST_CASE("labels: a facility wins over a road name", "[labels]") {
    const std::vector<LabelCandidate> candidates{label(LabelKind::road, 0, 0, 120, 12, 1),
                                                 label(LabelKind::facility, 10, 2, 60, 12, 2)};
    const auto placed = labels::place_labels(candidates);
    REQUIRE(placed.size() == 1);
    CHECK(placed[0] == 1);
}

TEST_CASE("labels: rank then key break ties", "[labels]") {
    const std::vector<LabelCandidate> candidates{label(LabelKind::desa, 0, 0, 60, 12, 9, 1.0),
                                                 label(LabelKind::desa, 5, 0, 60, 12, 4, 5.0),
                                                 label(LabelKind::desa, 300, 0, 60, 12, 8),
                                                 label(LabelKind::desa, 305, 0, 60, 12, 7)};
    const auto placed = labels::place_labels(candidates);
    CHECK(contains(placed, 1));
    CHECK_FALSE(contains(placed, 0));
    CHECK(contains(placed, 3));
    CHECK_FALSE(contains(placed, 2));
}

TEST_CASE("labels: padding keeps touching boxes apart", "[labels]") {
    const std::vector<LabelCandidate> candidates{label(LabelKind::desa, 0, 0, 50, 10, 1),
                                                 label(LabelKind::desa, 51, 0, 50, 10, 2)};
    CHECK(labels::place_labels(candidates, 0.0).size() == 2);
    CHECK(labels::place_labels(candidates, 2.0).size() == 1);
}

TEST_CASE("labels: never overlap in a dense field", "[labels]") {
    std::vector<LabelCandidate> candidates;
    std::uint64_t key = 1;
    for (int y = 0; y < 40; ++y) {
        for (int x = 0; x < 40; ++x) {
            const auto kind = static_cast<LabelKind>((x + y) % 4);
            // Scattered, overlapping positions, some across grid cell edges.
            candidates.push_back(label(kind, x * 23.0 + (y % 3) * 7.0, y * 9.0 + (x % 5) * 3.0,
                                       40.0 + (x % 7) * 15.0, 12.0, key++));
        }
    }
    const auto placed = labels::place_labels(candidates, 0.0);
    CHECK(placed.size() > 20);
    CHECK(no_overlaps(candidates, placed));
}

TEST_CASE("labels: stable while panning", "[labels]") {
    std::vector<LabelCandidate> candidates;
    std::uint64_t key = 1;
    for (int i = 0; i < 300; ++i) {
        candidates.push_back(label(static_cast<LabelKind>(i % 4), (i * 37) % 700, (i * 53) % 500,
                                   30 + i % 50, 12, key++, i % 3));
    }
    const auto before = labels::place_labels(candidates);
    for (const auto& [dx, dy] : {std::pair{13.5, -7.25}, std::pair{-300.0, 200.0}, std::pair{1000.0, 0.0}}) {
        std::vector<LabelCandidate> moved = candidates;
        for (LabelCandidate& c : moved) {
            c.x += dx;
            c.y += dy;
        }
        CHECK(labels::place_labels(moved) == before);
    }
    // Shuffled input order places the same labels.
    std::vector<LabelCandidate> reversed(candidates.rbegin(), candidates.rend());
    auto placed_reversed = labels::place_labels(reversed);
    for (std::size_t& index : placed_reversed) {
        index = candidates.size() - 1 - index;
    }
    CHECK(placed_reversed == before);
}

TEST_CASE("labels: invalid candidates are skipped", "[labels]") {
    const double nan = std::numeric_limits<double>::quiet_NaN();
    const std::vector<LabelCandidate> candidates{label(LabelKind::desa, nan, 0, 50, 12, 1),
                                                 label(LabelKind::desa, 0, 0, -5, 12, 2),
                                                 label(LabelKind::desa, 1e300, 0, 50, 12, 3),
                                                 label(LabelKind::desa, 0, 0, 1e9, 12, 4),
                                                 label(LabelKind::desa, 0, 0, 50, 12, 5)};
    const auto placed = labels::place_labels(candidates);
    REQUIRE(placed.size() == 1);
    CHECK(placed[0] == 4);
}

#include "core/labels/placement.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <unordered_map>

namespace badung::labels {

namespace {

struct Box {
    double min_x;
    double min_y;
    double max_x;
    double max_y;
};

bool overlaps(const Box& a, const Box& b) {
    return a.min_x < b.max_x && b.min_x < a.max_x && a.min_y < b.max_y && b.min_y < a.max_y;
}

// Bounds that keep grid cell indices small: no screen is 10^7 px from
// its anchor, and no label box is 10^4 px wide.
constexpr double max_coordinate = 1e7;
constexpr double max_size = 1e4;

bool is_placeable(const LabelCandidate& c) {
    const auto within = [](double v, double limit) { return std::isfinite(v) && std::fabs(v) <= limit; };
    return within(c.x, max_coordinate) && within(c.y, max_coordinate) && within(c.width, max_size) &&
           within(c.height, max_size) && c.width >= 0.0 && c.height >= 0.0;
}

bool higher_priority(const LabelCandidate& a, const LabelCandidate& b) {
    if (a.kind != b.kind) {
        return a.kind < b.kind;
    }
    if (a.rank != b.rank) {
        return a.rank > b.rank;
    }
    return a.key < b.key;
}

// Placed boxes in a uniform grid of cells, so each test looks at the boxes
// near it only. The grid only narrows the search: overlaps() decides.
class BoxGrid {
public:
    explicit BoxGrid(double cell_size) : cell_size_(cell_size) {}

    bool collides(const Box& box) const {
        bool hit = false;
        for_each_cell(box, [&](std::int64_t cell) {
            const auto it = cells_.find(cell);
            if (hit || it == cells_.end()) {
                return;
            }
            for (const std::size_t index : it->second) {
                if (overlaps(boxes_[index], box)) {
                    hit = true;
                    return;
                }
            }
        });
        return hit;
    }

    void insert(const Box& box) {
        boxes_.push_back(box);
        const std::size_t index = boxes_.size() - 1;
        for_each_cell(box, [&](std::int64_t cell) { cells_[cell].push_back(index); });
    }

private:
    template <typename Visit>
    void for_each_cell(const Box& box, Visit visit) const {
        const auto cell_of = [this](double v) { return static_cast<std::int64_t>(std::floor(v / cell_size_)); };
        const std::int64_t x0 = cell_of(box.min_x);
        const std::int64_t x1 = cell_of(box.max_x);
        const std::int64_t y0 = cell_of(box.min_y);
        const std::int64_t y1 = cell_of(box.max_y);
        for (std::int64_t y = y0; y <= y1; ++y) {
            for (std::int64_t x = x0; x <= x1; ++x) {
                // Cells far apart may share a key; they are only searched more.
                visit(x * 73856093 ^ y * 19349663);
            }
        }
    }

    double cell_size_;
    std::vector<Box> boxes_;
    std::unordered_map<std::int64_t, std::vector<std::size_t>> cells_;
};

} // namespace

std::vector<std::size_t> place_labels(const std::vector<LabelCandidate>& candidates, double padding) {
    std::vector<std::size_t> order;
    order.reserve(candidates.size());
    for (std::size_t i = 0; i < candidates.size(); ++i) {
        if (is_placeable(candidates[i])) {
            order.push_back(i);
        }
    }
    std::stable_sort(order.begin(), order.end(), [&candidates](std::size_t a, std::size_t b) {
        return higher_priority(candidates[a], candidates[b]);
    });

    // Boxes are rarely wider than a few hundred pixels; 128 px cells keep
    // the cells a box touches few.
    BoxGrid grid(128.0);
    std::vector<std::size_t> placed;
    for (const std::size_t i : order) {
        const LabelCandidate& c = candidates[i];
        const Box box{c.x - c.width / 2 - padding, c.y - c.height / 2 - padding, c.x + c.width / 2 + padding,
                      c.y + c.height / 2 + padding};
        if (!grid.collides(box)) {
            grid.insert(box);
            placed.push_back(i);
        }
    }
    return placed;
}

} // namespace badung::labels

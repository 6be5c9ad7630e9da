#include "core/index/bbox_query.hpp"

#include "core/index/normalise_bbox.hpp"

#include <algorithm>

namespace badung::index {

std::vector<std::uint32_t> query_bbox(const HilbertRTree& tree, const geo::BBox& box) {
    std::vector<std::uint32_t> found;
    for (const geo::BBox& part : normalise_bbox(box)) {
        const std::vector<std::uint32_t> items = tree.search(part);
        found.insert(found.end(), items.begin(), items.end());
    }

    // An item wide enough to reach both parts of a split box matches each part.
    std::sort(found.begin(), found.end());
    found.erase(std::unique(found.begin(), found.end()), found.end());
    return found;
}

} // namespace badung::index

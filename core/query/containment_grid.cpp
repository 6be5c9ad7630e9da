#include "core/query/containment_grid.hpp"

#include "core/geometry/ring.hpp"
#include "core/query/segments.hpp"

#include <algorithm>
#include <cmath>

namespace badung::query {

namespace {

using geojson::Position;

constexpr double tolerance = geometry::boundary_tolerance_deg;

// Slack in degrees added to every rasterised range, far above the rounding
// of the cell formulas (about 1e-14 degrees for Earth coordinates).
constexpr double slack = 1e-10;

// Cells per ring edge, and the limits of the grid's cell count and side.
constexpr double cells_per_edge = 8.0;
constexpr double min_cells = 16.0;
constexpr double max_cells = 262'144.0;
constexpr double max_side = 2048.0;

} // namespace

ContainmentGrid::ContainmentGrid(const geojson::Geometry& geometry, const geometry::IndexedShape& shape) {
    const std::vector<const geojson::Polygon*> polygons = polygons_of(geometry);
    geo::BBox box;
    double edges = 0.0;
    for (const geojson::Polygon* polygon : polygons) {
        for (const geojson::LinearRing& ring : polygon->rings) {
            for (const Position q : ring) {
                box.extend(q);
            }
            edges += static_cast<double>(ring.size());
        }
    }
    if (box.empty() || !std::isfinite(box.west) || !std::isfinite(box.east)) {
        return;
    }

    // Cells roughly square in degrees, more of them for longer rings.
    west_ = box.west - 2 * tolerance;
    south_ = box.south - 2 * tolerance;
    const double width = std::max(box.east - box.west + 4 * tolerance, 1e-9);
    const double height = std::max(box.north - box.south + 4 * tolerance, 1e-9);
    const double cells = std::clamp(edges * cells_per_edge, min_cells, max_cells);
    const double columns = std::clamp(std::round(std::sqrt(cells * width / height)), 1.0, max_side);
    const double rows = std::clamp(std::round(cells / columns), 1.0, max_side);
    columns_ = static_cast<std::uint32_t>(columns);
    rows_ = static_cast<std::uint32_t>(rows);
    columns_per_deg_ = columns / width;
    rows_per_deg_ = rows / height;
    cells_.assign(static_cast<std::size_t>(columns_) * rows_, Cell::outside);

    // Each edge runs from ring[j] to ring[i], the closing edge first, as
    // geometry::contains walks them.
    for (const geojson::Polygon* polygon : polygons) {
        for (const geojson::LinearRing& ring : polygon->rings) {
            for (std::size_t i = 0, j = ring.size() - 1; i < ring.size(); j = i++) {
                mark_edge(ring[j], ring[i]);
            }
        }
    }
    classify_cells(geometry, shape);
}

// (x - origin) * scale rounds monotonically in x, so a position within a
// range maps between the cells of the range's ends.
std::int64_t ContainmentGrid::column_of(double lon) const noexcept {
    const double x = (lon - west_) * columns_per_deg_;
    if (!(x >= 0.0)) {
        return -1;
    }
    return x >= columns_ ? static_cast<std::int64_t>(columns_) : static_cast<std::int64_t>(x);
}

std::int64_t ContainmentGrid::row_of(double lat) const noexcept {
    const double y = (lat - south_) * rows_per_deg_;
    if (!(y >= 0.0)) {
        return -1;
    }
    return y >= rows_ ? static_cast<std::int64_t>(rows_) : static_cast<std::int64_t>(y);
}

// Marks every cell that holds a position within the tolerance of a-b, row
// by row: over the latitudes a row can reach, the edge spans a range of
// longitudes, which widens by the tolerance.
void ContainmentGrid::mark_edge(Position a, Position b) {
    const double low = std::min(a.lat, b.lat);
    const double high = std::max(a.lat, b.lat);
    const std::int64_t first_row = std::max<std::int64_t>(0, row_of(low - tolerance - slack));
    const std::int64_t last_row = std::min<std::int64_t>(rows_ - 1, row_of(high + tolerance + slack));

    for (std::int64_t row = first_row; row <= last_row; ++row) {
        const double band_south = south_ + static_cast<double>(row) / rows_per_deg_ - tolerance - slack;
        const double band_north = south_ + static_cast<double>(row + 1) / rows_per_deg_ + tolerance + slack;
        const double clip_south = std::max(low, band_south);
        const double clip_north = std::min(high, band_north);
        if (clip_south > clip_north) {
            continue;
        }
        if (a.lat == b.lat) {
            mark_row(row, std::min(a.lon, b.lon), std::max(a.lon, b.lon));
            continue;
        }
        const auto lon_at = [&](double lat) {
            const double t = std::clamp((lat - a.lat) / (b.lat - a.lat), 0.0, 1.0);
            return a.lon + t * (b.lon - a.lon);
        };
        const double lon_south = lon_at(clip_south);
        const double lon_north = lon_at(clip_north);
        mark_row(row, std::min(lon_south, lon_north), std::max(lon_south, lon_north));
    }
}

void ContainmentGrid::mark_row(std::int64_t row, double west, double east) {
    const std::int64_t first = std::max<std::int64_t>(0, column_of(west - tolerance - slack));
    const std::int64_t last = std::min<std::int64_t>(columns_ - 1, column_of(east + tolerance + slack));
    Cell* cells = cells_.data() + static_cast<std::size_t>(row) * columns_;
    for (std::int64_t column = first; column <= last; ++column) {
        cells[column] = Cell::boundary;
    }
}

// Two neighbouring cells off the boundary form a region that no edge
// reaches, so they share an answer. Going row by row from the south, a cell
// takes the answer of its west or south neighbour where that one is off the
// boundary, and the exact test runs at its centre only where neither is.
void ContainmentGrid::classify_cells(const geojson::Geometry& geometry, const geometry::IndexedShape& shape) {
    for (std::uint32_t row = 0; row < rows_; ++row) {
        Cell* cells = cells_.data() + static_cast<std::size_t>(row) * columns_;
        const Cell* below = row > 0 ? cells - columns_ : nullptr;
        for (std::uint32_t column = 0; column < columns_; ++column) {
            if (cells[column] == Cell::boundary) {
                continue;
            }
            if (column > 0 && cells[column - 1] != Cell::boundary) {
                cells[column] = cells[column - 1];
                continue;
            }
            if (below != nullptr && below[column] != Cell::boundary) {
                cells[column] = below[column];
                continue;
            }

            // A centre that rounds into another cell would not speak for
            // this one, so the cell keeps the exact test.
            const Position centre{west_ + (column + 0.5) / columns_per_deg_, south_ + (row + 0.5) / rows_per_deg_};
            if (column_of(centre.lon) != column || row_of(centre.lat) != row) {
                cells[column] = Cell::boundary;
                continue;
            }
            cells[column] = shape.contains(geometry, centre) ? Cell::inside : Cell::outside;
        }
    }
}

geo::BBox ContainmentGrid::cell_box(std::uint32_t column, std::uint32_t row) const noexcept {
    return {west_ + column / columns_per_deg_, south_ + row / rows_per_deg_, west_ + (column + 1) / columns_per_deg_,
            south_ + (row + 1) / rows_per_deg_};
}

ContainmentGrid::Cell ContainmentGrid::classify(Position p) const noexcept {
    const std::int64_t column = column_of(p.lon);
    const std::int64_t row = row_of(p.lat);
    if (column < 0 || row < 0 || column >= columns_ || row >= rows_) {
        return Cell::boundary;
    }
    return cells_[static_cast<std::size_t>(row) * columns_ + static_cast<std::size_t>(column)];
}

} // namespace badung::query

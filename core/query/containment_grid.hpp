#pragma once

#include "core/geo/bbox.hpp"
#include "core/geojson/geometry.hpp"
#include "core/geometry/indexed_shape.hpp"

#include <cstddef>
#include <cstdint>
#include <vector>

namespace badung::query {

// A raster over the box of a geometry's polygons that classes each cell as
// wholly inside, wholly outside or near the boundary, so that a containment
// test walks ring edges only for positions in boundary cells.
//
// A cell is a boundary cell when some ring edge (closing edges included)
// comes within geometry::boundary_tolerance_deg of it. No other cell touches
// the boundary, so geometry::contains is constant over it, and the grid
// stores that result. The edges are rasterised with a margin far above
// rounding, and a position is mapped to its cell by the same monotonic
// formula, so an inside or outside class from classify() agrees with
// geometry::contains for every position.
class ContainmentGrid {
public:
    enum class Cell : std::uint8_t { outside, inside, boundary };

    // Rasterises the polygons of geometry; shape must have been built from
    // geometry and decides the class of the cells off the boundary.
    ContainmentGrid(const geojson::Geometry& geometry, const geometry::IndexedShape& shape);

    // The class of the cell holding p: boundary also for positions beyond
    // the grid and for NaN, where the caller runs the exact test.
    Cell classify(geojson::Position p) const noexcept;

    std::uint32_t columns() const noexcept { return columns_; }
    std::uint32_t rows() const noexcept { return rows_; }
    // The corners of a cell as the grid computes them (a position exactly on
    // a shared edge may round into either cell), for tests on cell edges.
    geo::BBox cell_box(std::uint32_t column, std::uint32_t row) const noexcept;

    std::size_t memory_bytes() const noexcept { return cells_.capacity(); }

private:
    double west_ = 0.0;
    double south_ = 0.0;
    double columns_per_deg_ = 0.0;
    double rows_per_deg_ = 0.0;
    std::uint32_t columns_ = 0;
    std::uint32_t rows_ = 0;
    std::vector<Cell> cells_; // row by row from the south

    // The column or row holding a longitude or latitude; negative or past
    // the last one beyond the grid (and for NaN: -1).
    std::int64_t column_of(double lon) const noexcept;
    std::int64_t row_of(double lat) const noexcept;
    void mark_edge(geojson::Position a, geojson::Position b);
    void mark_row(std::int64_t row, double west, double east);
    void classify_cells(const geojson::Geometry& geometry, const geometry::IndexedShape& shape);
};

} // namespace badung::query

#pragma once

#include "core/geo/bbox.hpp"
#include "core/geojson/geometry.hpp"
#include "core/geometry/ring.hpp"

#include <cstdint>
#include <vector>

namespace badung::geometry {

// A line or polygon geometry with the boxes of runs of consecutive segments,
// built once per feature so repeated queries skip the runs that cannot
// matter. contains() and distance_m() give exactly the answers of
// geometry::contains and geometry::distance_m: a run is skipped only when no
// segment in it can change the result (its box lies beyond the boundary
// tolerance of the query latitude or east of it for the crossing count, or
// farther in the plane than the current best for the distance).
// Geometries with lone points or collection members use those functions.
class IndexedShape {
public:
    static constexpr std::uint32_t run_length = 16;

    explicit IndexedShape(const geojson::Geometry& geometry);

    // Returns geometry::contains(geometry, p), for the geometry this shape was built from.
    bool contains(const geojson::Geometry& geometry, geojson::Position p) const noexcept;

    // Returns geometry::distance_m(p, geometry), for the geometry this shape was built from.
    double distance_m(geojson::Position p, const geojson::Geometry& geometry) const;

private:
    // Segments position[i - 1] -> position[i] for i in begin..end of one path.
    struct Run {
        geo::BBox box;
        std::uint32_t begin = 0;
        std::uint32_t end = 0;
    };
    struct Path {
        std::uint32_t first = 0; // first position in positions_
        std::uint32_t count = 0; // positions
        std::uint32_t first_run = 0;
        std::uint32_t run_count = 0;
        geo::BBox box;
    };
    struct PolygonRings {
        std::uint32_t first_path = 0;
        std::uint32_t ring_count = 0;
    };

    bool indexed_ = false;
    std::vector<geojson::Position> positions_;
    std::vector<Path> paths_; // lines first, then every polygon's rings
    std::vector<Run> runs_;
    std::vector<PolygonRings> polygons_;

    void add_path(const std::vector<geojson::Position>& positions);
    RingLocation locate_in_ring(geojson::Position p, const Path& ring) const noexcept;
    template <typename OnSegment>
    void for_each_segment_near(geojson::Position p, double x_scale, const double& limit_m, OnSegment on_segment) const;
};

} // namespace badung::geometry

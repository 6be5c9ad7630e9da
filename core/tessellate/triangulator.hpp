#pragma once

// Internal to the polygon triangulator: the state of one triangulate() call.

#include "core/tessellate/vertex_ring.hpp"

#include <cstdint>
#include <vector>

namespace badung::tessellate::detail {

class Triangulator {
public:
    explicit Triangulator(const std::vector<std::vector<Point2>>& rings);

    std::vector<std::uint32_t> run();

private:
    // Builds a ring from one input ring in the requested winding, without
    // repeated or non-finite vertices. Returns a vertex of it, or none.
    int build_ring(const std::vector<Point2>& ring, std::uint32_t offset, bool counterclockwise);

    // Joins every hole to the exterior ring through bridge edges; returns a
    // vertex of the merged ring.
    int join_holes(int exterior, const std::vector<int>& holes);
    int join_hole(int hole, int exterior);
    int find_bridge(int hole, int exterior) const;
    bool sector_contains_sector(int m, int p) const;

    // Removes repeated and collinear vertices from start up to end (none: the
    // whole ring); returns a vertex still in the ring.
    int filter(int start, int end = none);

    // Clips ears from the ring through ear. When a whole lap finds none, it
    // filters the ring, then cures local self-crossings once, and finally
    // splits the ring in two along a valid diagonal and clips both parts.
    void clip(int ear);
    bool is_ear(int ear) const;
    bool is_ear_hashed(int ear) const;
    bool blocks_ear(int p, int a, int b, int c) const;
    int cure_local_intersections(int start);
    void split_and_clip(int start);
    bool is_valid_diagonal(int a, int b) const;

    // Z-order (Morton) indexing of a ring for the hashed ear test.
    void index_curve(int start);
    std::uint32_t z_order(double x, double y) const;

    void emit(int a, int b, int c);

    const std::vector<std::vector<Point2>>& rings_;
    VertexPool pool_;
    std::vector<std::uint32_t> triangles_;

    bool hashed_ = false;
    bool filtered_out_ = false; // set by filter() when it removes a vertex
    double min_x_ = 0.0;
    double min_y_ = 0.0;
    double inverse_size_ = 0.0;
};

} // namespace badung::tessellate::detail

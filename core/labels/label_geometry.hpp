#pragma once

#include <optional>
#include <vector>

namespace badung::labels {

struct Point {
    double x = 0.0;
    double y = 0.0;
};

// A point inside a polygon (exterior ring first, then holes, y down) to
// anchor its label: the middle of the widest inside span among horizontal
// lines across the polygon, favouring lines near its vertical middle.
// Nothing for a polygon without area.
std::optional<Point> polygon_label_point(const std::vector<std::vector<Point>>& rings);

// The area of a ring (absolute value), for ranking polygon labels.
double ring_area(const std::vector<Point>& ring);

// A glyph placed along a line: its centre and rotation (radians, screen
// y down, 0 = along +x).
struct LineGlyph {
    double x = 0.0;
    double y = 0.0;
    double angle = 0.0;
};

// Places glyphs along the middle of a polyline. `centres` are the glyph
// centres from the start of the text and `width` its length (px). The text
// reads left to right (upright). Nothing when the line is shorter than the
// text plus `margin` at either end, or when it bends by more than
// `max_bend` radians between neighbouring glyphs.
std::optional<std::vector<LineGlyph>> place_along_line(const std::vector<Point>& line,
                                                       const std::vector<double>& centres, double width,
                                                       double margin = 4.0, double max_bend = 0.6);

} // namespace badung::labels

#include "core/labels/label_geometry.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace badung::labels {

namespace {

// The x positions where the horizontal line at y crosses the rings, sorted.
std::vector<double> crossings(const std::vector<std::vector<Point>>& rings, double y) {
    std::vector<double> xs;
    for (const auto& ring : rings) {
        for (std::size_t i = 0; i + 1 < ring.size(); ++i) {
            const Point& a = ring[i];
            const Point& b = ring[i + 1];
            if ((a.y <= y) != (b.y <= y)) {
                xs.push_back(a.x + (y - a.y) / (b.y - a.y) * (b.x - a.x));
            }
        }
    }
    std::sort(xs.begin(), xs.end());
    return xs;
}

double angle_difference(double a, double b) {
    double d = std::fmod(a - b, 2.0 * std::numbers::pi);
    if (d > std::numbers::pi) {
        d -= 2.0 * std::numbers::pi;
    } else if (d < -std::numbers::pi) {
        d += 2.0 * std::numbers::pi;
    }
    return std::fabs(d);
}

// The point and direction at distance `at` along the line.
LineGlyph point_at(const std::vector<Point>& line, const std::vector<double>& lengths, double at) {
    const auto it = std::upper_bound(lengths.begin(), lengths.end(), at);
    std::size_t i = it == lengths.begin() ? 0 : static_cast<std::size_t>(it - lengths.begin()) - 1;
    i = std::min(i, line.size() - 2);
    const Point& a = line[i];
    const Point& b = line[i + 1];
    const double segment = lengths[i + 1] - lengths[i];
    const double t = segment > 0.0 ? (at - lengths[i]) / segment : 0.0;
    return {a.x + (b.x - a.x) * t, a.y + (b.y - a.y) * t, std::atan2(b.y - a.y, b.x - a.x)};
}

} // namespace

double ring_area(const std::vector<Point>& ring) {
    double twice = 0.0;
    for (std::size_t i = 0; i + 1 < ring.size(); ++i) {
        twice += ring[i].x * ring[i + 1].y - ring[i + 1].x * ring[i].y;
    }
    return std::fabs(twice) / 2.0;
}

std::optional<Point> polygon_label_point(const std::vector<std::vector<Point>>& rings) {
    if (rings.empty() || rings[0].size() < 4) {
        return std::nullopt;
    }
    double min_y = rings[0][0].y;
    double max_y = min_y;
    for (const Point& p : rings[0]) {
        min_y = std::min(min_y, p.y);
        max_y = std::max(max_y, p.y);
    }
    constexpr int lines = 16;
    std::optional<Point> best;
    double best_score = 0.0;
    for (int k = 0; k < lines; ++k) {
        const double t = (k + 0.5) / lines;
        const double y = min_y + (max_y - min_y) * t;
        const std::vector<double> xs = crossings(rings, y);
        // Lines near the middle count more, so a label sits centrally.
        const double weight = 1.0 - 0.5 * std::fabs(t - 0.5);
        for (std::size_t i = 0; i + 1 < xs.size(); i += 2) {
            const double score = (xs[i + 1] - xs[i]) * weight;
            if (score > best_score) {
                best_score = score;
                best = Point{(xs[i] + xs[i + 1]) / 2.0, y};
            }
        }
    }
    return best;
}

std::optional<std::vector<LineGlyph>> place_along_line(const std::vector<Point>& input,
                                                       const std::vector<double>& centres, double width,
                                                       double margin, double max_bend) {
    if (input.size() < 2) {
        return std::nullopt;
    }
    std::vector<double> lengths{0.0};
    for (std::size_t i = 1; i < input.size(); ++i) {
        lengths.push_back(lengths.back() + std::hypot(input[i].x - input[i - 1].x, input[i].y - input[i - 1].y));
    }
    const double total = lengths.back();
    if (total < width + 2.0 * margin) {
        return std::nullopt;
    }

    // Read left to right: reverse a line whose middle runs leftwards.
    const double start = (total - width) / 2.0;
    const LineGlyph first = point_at(input, lengths, start);
    const LineGlyph last = point_at(input, lengths, start + width);
    std::vector<Point> line = input;
    if (last.x < first.x) {
        std::reverse(line.begin(), line.end());
        lengths = {0.0};
        for (std::size_t i = 1; i < line.size(); ++i) {
            lengths.push_back(lengths.back() + std::hypot(line[i].x - line[i - 1].x, line[i].y - line[i - 1].y));
        }
    }

    std::vector<LineGlyph> glyphs;
    for (const double centre : centres) {
        const LineGlyph glyph = point_at(line, lengths, start + centre);
        if (!glyphs.empty() && angle_difference(glyph.angle, glyphs.back().angle) > max_bend) {
            return std::nullopt;
        }
        glyphs.push_back(glyph);
    }
    return glyphs;
}

} // namespace badung::labels

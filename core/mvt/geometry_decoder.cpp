#include "core/mvt/geometry_decoder.hpp"

#include <algorithm>
#include <string>

namespace badung::mvt {
namespace {

constexpr std::uint32_t move_to = 1;
constexpr std::uint32_t line_to = 2;
constexpr std::uint32_t close_path = 7;

struct Command {
    std::uint32_t id = 0;
    std::uint32_t count = 0;
};

// Walks the command integers, keeping the cursor position.
class CommandReader {
public:
    explicit CommandReader(const std::vector<std::uint32_t>& ints) : ints_(ints) {}

    bool done() const noexcept { return next_ == ints_.size(); }
    std::size_t left() const noexcept { return ints_.size() - next_; }
    std::size_t position() const noexcept { return next_; }

    Command command() {
        const std::uint32_t value = ints_[next_++];
        return {value & 0x7U, value >> 3U};
    }

    // Reads one zigzag-encoded (dx, dy) pair and moves the cursor.
    TilePoint point() {
        cursor_.x += unzigzag(ints_[next_++]);
        cursor_.y += unzigzag(ints_[next_++]);
        return cursor_;
    }

private:
    static std::int64_t unzigzag(std::uint32_t v) noexcept {
        return static_cast<std::int64_t>(v >> 1U) ^ -static_cast<std::int64_t>(v & 1U);
    }

    const std::vector<std::uint32_t>& ints_;
    std::size_t next_ = 0;
    TilePoint cursor_;
};

GeometryProblem fatal(ErrorKind kind, std::string message) {
    return {kind, std::move(message), true};
}

std::string command_name(std::uint32_t id) {
    switch (id) {
    case move_to: return "MoveTo";
    case line_to: return "LineTo";
    case close_path: return "ClosePath";
    default: return "command " + std::to_string(id);
    }
}

// Checks that the command's `count` (dx, dy) pairs fit in the `left`
// integers, before anything is reserved for them. `at` is the command's index.
std::optional<GeometryProblem> check_count(const Command& c, std::size_t left, std::size_t at) {
    if (c.count == 0) {
        return fatal(ErrorKind::command_count,
                     command_name(c.id) + " at integer " + std::to_string(at) + " has count 0");
    }
    const std::uint64_t needed = static_cast<std::uint64_t>(c.count) * 2U;
    if (needed > left) {
        return fatal(ErrorKind::command_count,
                     command_name(c.id) + " at integer " + std::to_string(at) + " has count " +
                         std::to_string(c.count) + " but only " + std::to_string(left) +
                         " parameter integers follow");
    }
    return std::nullopt;
}

// Reads the next command into `c` and checks that it is `expected_id` with a
// count that fits.
std::optional<GeometryProblem> expect(CommandReader& in, std::uint32_t expected_id, Command& c) {
    const std::size_t at = in.position();
    c = in.command();
    if (c.id != expected_id) {
        return fatal(ErrorKind::command, "expected " + command_name(expected_id) + " but found " +
                                             command_name(c.id) + " at integer " +
                                             std::to_string(at));
    }
    if (c.id == close_path) {
        if (c.count != 1) {
            return fatal(ErrorKind::command_count,
                         "ClosePath has count " + std::to_string(c.count) + ", must be 1");
        }
        return std::nullopt;
    }
    return check_count(c, in.left(), at);
}

std::optional<GeometryProblem> decode_points(CommandReader& in, TileGeometry& out) {
    while (!in.done()) {
        Command c;
        if (auto problem = expect(in, move_to, c)) {
            return problem;
        }
        out.points.reserve(out.points.size() + c.count);
        for (std::uint32_t i = 0; i < c.count; ++i) {
            out.points.push_back(in.point());
        }
    }
    return std::nullopt;
}

// Reads MoveTo(1) then LineTo(n) into `line`.
std::optional<GeometryProblem> decode_path(CommandReader& in, std::vector<TilePoint>& line) {
    Command c;
    if (auto problem = expect(in, move_to, c)) {
        return problem;
    }
    if (c.count != 1) {
        return fatal(ErrorKind::command_count,
                     "MoveTo starting a path has count " + std::to_string(c.count) + ", must be 1");
    }
    line.push_back(in.point());
    if (in.done()) {
        return fatal(ErrorKind::truncated_geometry, "path ends after its MoveTo, LineTo missing");
    }
    if (auto problem = expect(in, line_to, c)) {
        return problem;
    }
    line.reserve(1U + c.count);
    for (std::uint32_t i = 0; i < c.count; ++i) {
        line.push_back(in.point());
        if (line.back() == line[line.size() - 2]) {
            return GeometryProblem{ErrorKind::degenerate,
                                   "LineTo point " + std::to_string(i) +
                                       " repeats the previous point (zero-length segment)",
                                   false};
        }
    }
    return std::nullopt;
}

std::optional<GeometryProblem> decode_lines(CommandReader& in, TileGeometry& out) {
    while (!in.done()) {
        TileLine line;
        if (auto problem = decode_path(in, line)) {
            return problem;
        }
        out.lines.push_back(std::move(line));
    }
    return std::nullopt;
}

std::optional<GeometryProblem> decode_polygons(CommandReader& in, TileGeometry& out) {
    // +1 when exterior rings have positive area as the specification says,
    // -1 when the first ring is negative: the feature is then read wound in
    // reverse, as common renderers do. NOTE: GDAL 3.6's MVT writer emits such
    // polygons (about one tile in 300 of our data), so rejecting them would
    // lose real features.
    int exterior_sign = 0;
    while (!in.done()) {
        TileRing ring;
        if (auto problem = decode_path(in, ring)) {
            return problem;
        }
        Command c;
        if (in.done()) {
            return fatal(ErrorKind::truncated_geometry, "polygon ring ends without ClosePath");
        }
        if (auto problem = expect(in, close_path, c)) {
            return problem;
        }
        ring.push_back(ring.front());

        // A zero-area ring covers nothing and is skipped: GDAL writes such
        // slivers where quantizing to the tile grid flattens a thin part.
        const long double area = ring_area2(ring);
        if (area == 0) {
            continue;
        }
        const int sign = area > 0 ? 1 : -1;
        if (exterior_sign == 0) {
            exterior_sign = sign;
        }
        if (exterior_sign < 0) {
            std::reverse(ring.begin(), ring.end()); // store the specification's winding
        }
        if (sign == exterior_sign) {
            out.polygons.emplace_back();
        }
        out.polygons.back().rings.push_back(std::move(ring));
    }
    if (out.polygons.empty()) {
        return GeometryProblem{ErrorKind::degenerate, "polygon has only zero-area rings", false};
    }
    return std::nullopt;
}

} // namespace

long double ring_area2(const TileRing& ring) noexcept {
    long double sum = 0;
    for (std::size_t i = 0; i + 1 < ring.size(); ++i) {
        sum += static_cast<long double>(ring[i].x) * static_cast<long double>(ring[i + 1].y) -
               static_cast<long double>(ring[i + 1].x) * static_cast<long double>(ring[i].y);
    }
    return sum;
}

GeometryResult decode_geometry(GeomType type, const std::vector<std::uint32_t>& commands) {
    GeometryResult result;
    if (type == GeomType::unknown) {
        return result;
    }

    CommandReader in(commands);
    if (in.done()) {
        result.problem = GeometryProblem{ErrorKind::missing_geometry, "geometry is empty", false};
        return result;
    }

    switch (type) {
    case GeomType::point: result.problem = decode_points(in, result.geometry); break;
    case GeomType::linestring: result.problem = decode_lines(in, result.geometry); break;
    case GeomType::polygon: result.problem = decode_polygons(in, result.geometry); break;
    case GeomType::unknown: break;
    }
    if (result.problem) {
        result.geometry = {};
    }
    return result;
}

} // namespace badung::mvt

#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

namespace badung::mvt {

// What is wrong with a tile, layer or feature.
enum class ErrorKind : std::uint8_t {
    protobuf,          // truncated or malformed protobuf encoding
    wire_type,         // a known field with the wrong protobuf wire type
    layer_version,     // version missing or not 1 or 2
    layer_name,        // name missing or empty
    duplicate_layer,   // a second layer with the same name
    value,             // a Value message without exactly one known field
    tag_index,         // a tag pointing past the layer's keys or values
    odd_tags,          // a tags array of odd length
    geometry_type,     // type missing or not one of UNKNOWN, POINT, LINESTRING, POLYGON
    missing_geometry,  // no geometry field
    repeated_geometry, // more than one geometry field
    command,           // an unknown command or a command not allowed here
    command_count,     // a command count the geometry cannot hold
    truncated_geometry,// parameters missing after a command
    degenerate,        // a zero-length segment or a polygon of zero area
};

// The short name of a kind ("tag_index", ...), as printed by tools.
std::string_view to_string(ErrorKind kind) noexcept;

// One problem found while decoding, with where it sits: the layer and
// feature indexes count from 0 in tile order and are absent for problems of
// the whole tile or layer.
struct Problem {
    ErrorKind kind = ErrorKind::protobuf;
    std::string message;
    std::optional<std::size_t> layer;
    std::optional<std::size_t> feature;
    // Byte offset in the tile of the top-level field (usually a layer) that
    // contains a fatal error, or of the tag that could not be read. It is
    // absent for the problems that decode_tile recovers from.
    std::optional<std::size_t> offset{};

    // "layer 0 feature 3: message" (the position parts only when known).
    std::string describe() const;
};

// Thrown when a tile cannot be decoded at all (the fatal errors of the
// specification). what() gives Problem::describe().
class format_error : public std::runtime_error {
public:
    explicit format_error(Problem problem);
    const Problem& problem() const noexcept { return problem_; }

private:
    Problem problem_;
};

} // namespace badung::mvt

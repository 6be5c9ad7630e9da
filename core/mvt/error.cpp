#include "core/mvt/error.hpp"

#include <utility>

namespace badung::mvt {

std::string_view to_string(ErrorKind kind) noexcept {
    switch (kind) {
    case ErrorKind::protobuf: return "protobuf";
    case ErrorKind::wire_type: return "wire_type";
    case ErrorKind::layer_version: return "layer_version";
    case ErrorKind::layer_name: return "layer_name";
    case ErrorKind::duplicate_layer: return "duplicate_layer";
    case ErrorKind::value: return "value";
    case ErrorKind::tag_index: return "tag_index";
    case ErrorKind::odd_tags: return "odd_tags";
    case ErrorKind::geometry_type: return "geometry_type";
    case ErrorKind::missing_geometry: return "missing_geometry";
    case ErrorKind::repeated_geometry: return "repeated_geometry";
    case ErrorKind::command: return "command";
    case ErrorKind::command_count: return "command_count";
    case ErrorKind::truncated_geometry: return "truncated_geometry";
    case ErrorKind::degenerate: return "degenerate";
    }
    return "unknown";
}

std::string Problem::describe() const {
    std::string text;
    if (layer) {
        text += "layer " + std::to_string(*layer);
        text += feature ? " feature " + std::to_string(*feature) + ": " : std::string(": ");
    }
    return text + message;
}

format_error::format_error(Problem problem)
    : std::runtime_error(problem.describe()), problem_(std::move(problem)) {}

} // namespace badung::mvt

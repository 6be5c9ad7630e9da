#pragma once

#include "core/geo/bbox.hpp"
#include "core/geojson/feature.hpp"

#include <cstddef>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace badung::geojson {

// A problem with one feature. An error dropped the feature; a warning kept
// it (perhaps without the named ring).
struct Issue {
    enum class Severity : std::uint8_t { warning, error };

    Severity severity = Severity::error;
    std::size_t feature_index = 0; // position in the input "features" array
    std::string feature_id;        // the feature's id as text, "" when it has none
    int ring = -1;                 // ring index within its polygon, -1 when no ring is meant
    std::string code;              // stable code, e.g. "ring_too_short", "ring_not_closed"
    std::string message;           // sentence naming the feature, the ring and the problem
    int polygon = -1;              // polygon index within a MultiPolygon, -1 otherwise
};

struct FeatureCollection {
    std::vector<Feature> features;
    std::vector<Issue> issues;

    // The box around every feature that has a location.
    geo::BBox bbox() const noexcept;
};

// The document is not GeoJSON at all (not JSON, or no FeatureCollection,
// Feature or geometry at the top). offset is the byte position of the fault.
class ParseError : public std::runtime_error {
public:
    ParseError(const std::string& message, std::size_t offset)
        : std::runtime_error(message), offset_(offset) {}

    std::size_t offset() const noexcept { return offset_; }

private:
    std::size_t offset_;
};

// The UTF-8 byte order mark, which Windows tools write at the start of
// text files. RFC 8259 lets a JSON reader ignore it, and read() does.
inline constexpr std::string_view utf8_bom{"\xEF\xBB\xBF", 3};

// Reads an RFC 7946 document: a FeatureCollection, a single Feature or a bare
// geometry (each of the last two becomes a one-feature collection). A broken
// feature is dropped with an error Issue naming it, and the rest load.
// Interior rings outside their exterior ring are removed with a
// "hole_outside_shell" warning; features with empty coordinates are kept
// with an "empty_geometry" warning.
// Throws ParseError when the document as a whole is unreadable: invalid JSON
// or UTF-8, JSON nested deeper than 256 levels, a top-level value that is not
// an object, or a FeatureCollection without a "features" array. For the last
// two, the offset is that of the top-level value.
FeatureCollection read(std::string_view text);

} // namespace badung::geojson

#pragma once

#include "core/mvt/tile.hpp"

#include <string_view>

namespace badung::mvt {

// Decodes a Mapbox Vector Tile 2.1 (uncompressed protobuf bytes).
//
// Fatal problems (malformed protobuf, a known field with the wrong wire
// type, a layer without a name or with a version other than 1 or 2, a Value
// without exactly one known field, a tag index past the layer's keys or
// values, invalid geometry commands or counts) throw format_error naming the
// layer, feature and what is wrong. Recoverable problems (an invalid
// geometry type, missing or repeated geometry, odd tags, zero-length
// line segments, polygons of only zero-area rings) drop only that feature
// and are listed in Tile::problems; a repeated layer name is listed and both
// layers are kept. A feature without a type field gets proto2's default,
// UNKNOWN, and is kept with its geometry left undecoded. Memory use is
// bounded by the size of the input.
Tile decode_tile(std::string_view bytes);

} // namespace badung::mvt

#pragma once

#include "core/geojson/feature.hpp"

namespace badung::query {

// The order of features by id that every query uses to break ties. Numeric
// ids come first by value, then string ids by their UTF-8 bytes, then
// features without an id. Equal ids go by position in the source
// (source_index). Throws what geojson::Value::number() throws for a
// malformed numeric id.
bool id_less(const geojson::Feature& a, const geojson::Feature& b);

} // namespace badung::query

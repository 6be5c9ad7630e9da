#pragma once

#include "core/geojson/feature.hpp"
#include "core/geojson/reader.hpp"

#include <string>

namespace badung::geojson {

// Writes RFC 7946 JSON text. Null geometry and null properties stay null;
// property values come back as they were read.
std::string write(const Feature& feature);
std::string write(const FeatureCollection& collection);

} // namespace badung::geojson

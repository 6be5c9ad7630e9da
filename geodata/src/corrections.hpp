#pragma once
// Per-feature corrections (geodata/corrections/*.json): a replacement
// geometry and/or property values for one feature of one layer, each with
// the reason it was made.
//
// File format:
//   {"layer": "faskes", "corrections": [
//     {"feature": "P5103010201", "reason": "...",
//      "geometry": {"type": "Point", "coordinates": [lon, lat]},
//      "properties": {"field": "value", "lat": -8.8}}]}
// A property value is a string or a number.

#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include <ogr_geometry.h>

namespace badung::geodata {

struct Correction {
  std::string layer;
  std::string feature;
  std::string reason;
  std::string file;
  std::shared_ptr<OGRGeometry> geometry;  ///< lon/lat; null keeps the source geometry
  std::vector<std::pair<std::string, std::string>> properties;
  mutable bool applied = false;
};

/// Corrections keyed by (layer id, feature id).
using CorrectionTable = std::map<std::pair<std::string, std::string>, Correction>;

/// Reads every *.json file in `folder` (sorted by name). Throws InputError
/// naming the file and entry at fault: a correction without a reason, an
/// invalid geometry or a feature corrected twice.
CorrectionTable load_corrections(const std::string& folder);

}  // namespace badung::geodata

#pragma once
// dist/data/catalog.json (the published layer list with Satu Data metadata)
// and dist/data/build-report.json (every problem found while building).

#include <string>
#include <vector>

#include "catalog.hpp"
#include "problem.hpp"

namespace badung::geodata {

/// What the build produced for one layer.
struct BuiltLayer {
  const LayerSpec* spec = nullptr;
  std::string file;  ///< relative to the output folder
  std::string source_file;
  std::string source_crs;
  std::string geometry_type;
  long long source_features = 0;
  long long features = 0;
  double bbox[4] = {0, 0, 0, 0};
  std::size_t dropped = 0;
  std::size_t repaired = 0;
  std::size_t corrected = 0;
};

/// Serialises the published catalog.
std::string catalog_json(const Catalog& catalog, const std::vector<BuiltLayer>& layers);

/// Serialises the build report: counts per layer and every problem.
std::string report_json(const std::vector<BuiltLayer>& layers, const ProblemLog& problems, bool complete);

}  // namespace badung::geodata

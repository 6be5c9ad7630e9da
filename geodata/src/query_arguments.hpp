#pragma once
// Arguments of `badung-geodata query`: nearest, locate, within, bbox and
// search over GeoJSON layers with the core's spatial index and search.

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "core/geo/bbox.hpp"

namespace badung::geodata {

struct QueryArguments {
  std::string kind;                 ///< nearest, locate, within, bbox or search
  std::vector<std::string> layers;  ///< --layer FILE, repeatable; queried as one set
  std::optional<double> lon;
  std::optional<double> lat;
  std::size_t k = 10;
  std::string category;             ///< --category: a slug or category name
  std::string area;                 ///< --area FILE for within
  std::string id;                   ///< --id FEATURE_ID for within
  std::optional<geo::BBox> bbox;    ///< --bbox W,S,E,N (W > E crosses the antimeridian)
  std::string text;                 ///< search text (the positional words)
};

/// Parses the words after `query`. Throws UsageError naming the argument at
/// fault: an unknown query kind or option, a missing or non-numeric value, a
/// latitude outside -90..90, k below 1, a bbox that is not four numbers with
/// S <= N, a layer file that does not exist.
QueryArguments parse_query(const std::vector<std::string>& args);

}  // namespace badung::geodata

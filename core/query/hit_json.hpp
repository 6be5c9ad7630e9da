#pragma once

#include "core/query/layer_set.hpp"

#include <string>
#include <vector>

namespace badung::query {

// One hit as a JSON object: {"layer", "id", "distance_m" (when the query
// has one; null for a feature without a location), "match" (for a
// search), "location": [lon, lat] (the point, a
// point inside the largest polygon of an area, else the centre of the
// feature's bbox; null without a location), "kind" (the place kind slug
// of a facility that has one, see feature_kind), "properties"}.
// The data tool and the browser print the same text for the same hit.
std::string hit_json(const LayerSet& set, const LayerHit& hit);

// {"results": [hit, ...]} in the order given.
std::string results_json(const LayerSet& set, const std::vector<LayerHit>& hits);

// The name of a match quality: "exact", "abbreviation", "prefix" or "typo".
const char* quality_name(search::MatchQuality quality) noexcept;

} // namespace badung::query

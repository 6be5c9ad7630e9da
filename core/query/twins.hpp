#pragma once

#include "core/geojson/feature.hpp"
#include "core/query/feature_layer.hpp"
#include "core/query/layer_set.hpp"

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace badung::query {

// Twins: a feature of a secondary layer (OpenStreetMap) that is the same
// place as a feature of an official layer (Kemenkes, Kemendikbud). OSM maps
// "Puskesmas Petang II" 1.6 km from the Kemenkes entry, so without a rule
// the finder would list the place twice and might open the less exact one.
// The data tool marks each twin with this property, valued
// "<official layer id>/<official feature id>"; the feature stays in its layer.
inline constexpr std::string_view twin_of_key = "twin_of";

// The name that twins are compared by: the folded search words of name, each
// abbreviation written out (see search::expansion_of) and each Roman
// numeral from i to xx in Arabic digits. "RS Ibu dan Anak Harapan Bunda"
// and "Rumah Sakit Ibu Dan Anak Harapan Bunda" thus compare equal, as do
// "Puskesmas Petang II" and "puskesmas petang 2". A name without words gives "".
std::string twin_name(std::string_view name);

// A twin pair: positions in FeatureLayer::features() of the secondary
// and the official layer, and the distance between their points.
struct Twin {
    std::size_t feature = 0;
    std::size_t official = 0;
    double distance_m = 0.0;
};

// The twins in secondary of features of official: features of the same
// place kind (see kind_in_layer, with each layer's catalog category), with
// equal non-empty twin_name of their "name" (else "nama") property, whose
// points lie at most max_distance_m apart. A feature's point is its own for
// a Point, else the centre of its bbox. Each secondary feature pairs with
// its nearest such official feature; distances within 1 mm pair with the
// first in id order. Returned in secondary's id order.
std::vector<Twin> find_twins(const FeatureLayer& official, std::string_view official_category,
                             const FeatureLayer& secondary, std::string_view secondary_category,
                             double max_distance_m);

// Flags by [layer][feature] of the features of set whose twin_of property
// names a feature of a layer of set, so the official entry represents the
// place. A twin_of naming a layer or feature that is not
// loaded leaves the feature unflagged.
std::vector<std::vector<bool>> twin_flags(const std::vector<NamedLayer>& layers);

} // namespace badung::query

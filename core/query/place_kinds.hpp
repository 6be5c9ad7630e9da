#pragma once

#include "core/geo/lon_lat.hpp"
#include "core/geojson/feature.hpp"
#include "core/query/layer_set.hpp"

#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace badung::query {

// A kind of place a user looks for nearby (puskesmas, hospital, school),
// finer than a catalog category. The kesehatan category contains puskesmas,
// hospitals, clinics and pharmacies.
struct PlaceKind {
    std::string_view slug;    // e.g. "puskesmas", "rumah-sakit"
    std::string_view name_id; // Bahasa Indonesia display name
    std::string_view name_en; // English display name
    // Folded words and phrases, separated by commas, that name the kind in
    // a search: "rs", "rsud", "rumah sakit", "hospital" for hospitals.
    std::string_view search_words;
};

// Every place kind, in the order the finder lists the nearest of each.
std::span<const PlaceKind> place_kinds() noexcept;

// The search words of kind as a list (see PlaceKind::search_words and
// search::SearchRecord::kind_words).
std::vector<std::string> kind_search_words(const PlaceKind& kind);

// The kind of a feature of a layer of catalog category (a slug), or nullptr
// when it matches none of place_kinds(). Reads the Kemenkes facility type
// (jenis_faskes), the OpenStreetMap tags amenity, highway, public_transport
// and natural, and the name: an OpenStreetMap clinic or hospital named
// "Puskesmas ..." is a puskesmas.
const PlaceKind* place_kind_of(std::string_view category, const geojson::Feature& feature);

// Returns place_kind_of for a feature of a layer of catalog category
// layer_category, as the finder classifies it: nullptr for a feature that
// is not a facility (see LayerSet::is_facility). The category is the
// feature's own "category" property, else the layer's.
const PlaceKind* kind_in_layer(std::string_view layer_category, const geojson::Feature& feature);

// kind_in_layer for a feature of set.
const PlaceKind* feature_kind(const LayerSet& set, std::size_t layer, std::size_t feature);

// The nearest feature of one place kind.
struct KindHit {
    const PlaceKind* kind = nullptr;
    LayerHit hit;
};

// The place kind of every feature of a LayerSet, by [layer][feature]:
// nullptr for a feature of none and for one that is not a facility (see
// LayerSet::is_facility).
using FeatureKinds = std::vector<std::vector<const PlaceKind*>>;

// Classifies every feature of set, for nearest_of_each_kind. Valid until
// a layer of set is added or replaced.
FeatureKinds feature_kinds(const LayerSet& set);

// How much farther a named place may lie than an unnamed one and still
// represent its kind in nearest_of_each_kind. A newcomer can find a
// hospital by its name, not by "Rumah sakit (tanpa nama)".
inline constexpr double named_detour_factor = 1.25;
inline constexpr double named_detour_m = 100.0;

// The facility nearest to p of each place kind the layers have, in
// place_kinds() order, with kinds from feature_kinds(set) and without
// twins (see LayerSet::is_twin), so the official entry represents its
// place. A non-empty category (a slug, see LayerSet::in_category) keeps
// only its features, and a kind without such features is left out. Distances within 1 mm
// rank by layer order. When the nearest has no name ("name" or "nama"),
// the nearest named one of its kind takes its place if it lies within
// named_detour_factor times the distance plus named_detour_m.
std::vector<KindHit> nearest_of_each_kind(const LayerSet& set, const FeatureKinds& kinds, geo::LonLat p,
                                          std::string_view category = {});

// nearest_of_each_kind with the kinds classified for this one call.
std::vector<KindHit> nearest_of_each_kind(const LayerSet& set, geo::LonLat p, std::string_view category = {});

} // namespace badung::query

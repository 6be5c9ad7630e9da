#include "core/query/place_kinds.hpp"

#include "core/search/categories.hpp"
#include "core/search/fold.hpp"

#include <algorithm>
#include <array>
#include <optional>
#include <string>

namespace badung::query {

namespace {

// The search words list the abbreviations of core/search/abbreviations.cpp
// that stand for the kind, so "rsud" ranks the hospital "RS Umum Daerah
// Mangusada" above the bus stop "RSUD Kapal Utara".
constexpr std::array<PlaceKind, 8> table{{
    {"puskesmas", "Puskesmas", "Community health centre (puskesmas)",
     "puskesmas, pkm, pustu, community health centre, community health center"},
    {"rumah-sakit", "Rumah sakit", "Hospital", "rumah sakit, rs, rsu, rsud, rsup, rsia, hospital"},
    {"klinik", "Klinik atau dokter", "Clinic or doctor", "klinik, clinic, dokter, doctor, dokter gigi, dentist"},
    {"apotek", "Apotek", "Pharmacy", "apotek, apotik, pharmacy"},
    {"sekolah", "Sekolah", "School", "sekolah, school, sd, sdn, smp, smpn, sma, sman, smk, smkn, slb"},
    {"ibadah", "Tempat ibadah", "Place of worship",
     "tempat ibadah, pura, masjid, mesjid, musholla, mushola, gereja, vihara, klenteng, temple, mosque, church"},
    {"halte", "Halte bus", "Bus stop", "halte, bus stop, terminal"},
    {"pantai", "Pantai", "Beach", "pantai, beach"},
}};

const PlaceKind* kind(std::string_view slug) {
    const auto found = std::find_if(table.begin(), table.end(), [&](const PlaceKind& each) { return each.slug == slug; });
    return found == table.end() ? nullptr : &*found;
}

// The text of a string property, "" when it is missing or not a string.
std::string_view text_of(const geojson::Feature& feature, std::string_view key) {
    const geojson::Value* value = feature.property(key);
    if (value == nullptr || value->kind != geojson::Value::Kind::string) {
        return {};
    }
    return value->text;
}

bool named_puskesmas(const geojson::Feature& feature) {
    for (const std::string_view key : {"name", "nama"}) {
        const std::vector<std::string> words = search::tokenize(search::fold(text_of(feature, key)));
        if (std::find(words.begin(), words.end(), "puskesmas") != words.end()) {
            return true;
        }
    }
    return false;
}

const PlaceKind* health_kind(const geojson::Feature& feature) {
    const std::string jenis = search::fold(text_of(feature, "jenis_faskes"));
    if (jenis == "puskesmas" || named_puskesmas(feature)) {
        return kind("puskesmas");
    }
    const std::string_view amenity = text_of(feature, "amenity");
    if (jenis == "rumah sakit" || amenity == "hospital") {
        return kind("rumah-sakit");
    }
    if (amenity == "clinic" || amenity == "doctors" || amenity == "dentist") {
        return kind("klinik");
    }
    if (amenity == "pharmacy") {
        return kind("apotek");
    }
    return nullptr;
}

bool is_stop(const geojson::Feature& feature) {
    const std::string_view transport = text_of(feature, "public_transport");
    return text_of(feature, "highway") == "bus_stop" || text_of(feature, "amenity") == "bus_station" ||
           transport == "platform" || transport == "stop_position" || transport == "station";
}

} // namespace

std::span<const PlaceKind> place_kinds() noexcept {
    return table;
}

std::vector<std::string> kind_search_words(const PlaceKind& kind) {
    std::vector<std::string> words;
    std::string_view rest = kind.search_words;
    while (!rest.empty()) {
        const std::size_t comma = rest.find(',');
        const std::string phrase = search::fold(rest.substr(0, comma));
        const std::size_t first = phrase.find_first_not_of(' ');
        if (first != std::string::npos) {
            words.push_back(phrase.substr(first, phrase.find_last_not_of(' ') - first + 1));
        }
        rest = comma == std::string_view::npos ? std::string_view{} : rest.substr(comma + 1);
    }
    return words;
}

const PlaceKind* place_kind_of(std::string_view category, const geojson::Feature& feature) {
    if (const PlaceKind* health = health_kind(feature)) {
        return health;
    }
    if (category == "pendidikan") {
        return kind("sekolah");
    }
    if (category == "ibadah" || text_of(feature, "amenity") == "place_of_worship") {
        return kind("ibadah");
    }
    if (is_stop(feature)) {
        return kind("halte");
    }
    if (text_of(feature, "natural") == "beach" || category == "pantai") {
        return kind("pantai");
    }
    return nullptr;
}

const PlaceKind* kind_in_layer(std::string_view layer_category, const geojson::Feature& feature) {
    if (!search::is_facility_category(layer_category)) {
        return nullptr;
    }
    const std::string own = category_slug(text_of(feature, "category"));
    if (!own.empty() && !search::is_facility_category(own)) {
        return nullptr;
    }
    return place_kind_of(own.empty() ? layer_category : std::string_view(own), feature);
}

const PlaceKind* feature_kind(const LayerSet& set, std::size_t layer, std::size_t feature) {
    const NamedLayer& named = set.layers()[layer];
    return kind_in_layer(named.category, named.features.features()[feature]);
}

FeatureKinds feature_kinds(const LayerSet& set) {
    FeatureKinds kinds;
    for (std::size_t layer = 0; layer < set.layers().size(); ++layer) {
        std::vector<const PlaceKind*>& layer_kinds = kinds.emplace_back(set.layers()[layer].features.size(), nullptr);
        for (std::size_t feature = 0; feature < layer_kinds.size(); ++feature) {
            layer_kinds[feature] = feature_kind(set, layer, feature);
        }
    }
    return kinds;
}

namespace {

bool has_name(const geojson::Feature& feature) {
    return !text_of(feature, "name").empty() || !text_of(feature, "nama").empty();
}

// The feature of one kind nearest to p over every layer that has that
// kind, twins left out (see LayerSet::is_twin).
std::optional<LayerHit> nearest_of_kind(const LayerSet& set, const FeatureKinds& kinds, const PlaceKind& kind,
                                        geo::LonLat p, std::string_view category, bool named_only) {
    std::optional<LayerHit> best;
    for (std::size_t layer = 0; layer < kinds.size(); ++layer) {
        const std::vector<const PlaceKind*>& layer_kinds = kinds[layer];
        if (std::find(layer_kinds.begin(), layer_kinds.end(), &kind) == layer_kinds.end()) {
            continue;
        }
        const FeatureLayer& features = set.layers()[layer].features;
        const auto keep = [&](std::size_t feature) {
            return layer_kinds[feature] == &kind && !set.is_twin(layer, feature) &&
                   set.in_category(layer, feature, category) && (!named_only || has_name(features.features()[feature]));
        };
        const std::vector<NearestFeature> nearest = features.nearest(p, 1, keep);
        // Layer order breaks ties within 1 mm, as in LayerSet::nearest.
        if (!nearest.empty() && (!best || nearest.front().distance_m < *best->distance_m - 0.001)) {
            best = LayerHit{layer, nearest.front().feature, nearest.front().distance_m, std::nullopt};
        }
    }
    return best;
}

} // namespace

std::vector<KindHit> nearest_of_each_kind(const LayerSet& set, const FeatureKinds& kinds, geo::LonLat p,
                                          std::string_view category) {
    std::vector<KindHit> found;
    for (const PlaceKind& each : table) {
        std::optional<LayerHit> best = nearest_of_kind(set, kinds, each, p, category, false);
        if (!best) {
            continue;
        }
        const geojson::Feature& feature = set.layers()[best->layer].features.features()[best->feature];
        if (!has_name(feature)) {
            const std::optional<LayerHit> named = nearest_of_kind(set, kinds, each, p, category, true);
            if (named && *named->distance_m <= *best->distance_m * named_detour_factor + named_detour_m) {
                best = named;
            }
        }
        found.push_back({&each, *best});
    }
    return found;
}

std::vector<KindHit> nearest_of_each_kind(const LayerSet& set, geo::LonLat p, std::string_view category) {
    return nearest_of_each_kind(set, feature_kinds(set), p, category);
}

} // namespace badung::query

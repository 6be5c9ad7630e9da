#include "core/query/twins.hpp"

#include "core/query/place_kinds.hpp"
#include "core/search/abbreviations.hpp"
#include "core/search/fold.hpp"
#include "core/search/numerals.hpp"

#include <map>
#include <optional>
#include <set>
#include <span>
#include <utility>

namespace badung::query {

namespace {

std::string text_of(const geojson::Feature& feature, std::string_view key) {
    const geojson::Value* value = feature.property(key);
    return value != nullptr && value->kind == geojson::Value::Kind::string ? value->text : std::string();
}

std::string name_of(const geojson::Feature& feature) {
    std::string name = text_of(feature, "name");
    return name.empty() ? text_of(feature, "nama") : name;
}

geo::LonLat point_of(const geojson::Feature& feature) {
    const geojson::Geometry& geometry = *feature.geometry;
    if (geometry.type == geojson::GeometryType::point) {
        return geometry.points.front();
    }
    const geo::BBox box = feature.bbox();
    return {(box.west + box.east) / 2, (box.south + box.north) / 2};
}

// A feature's place kind and twin name, the key twins share.
using TwinKey = std::pair<const PlaceKind*, std::string>;

// The key of a feature that can have a twin: "" as name for one without a
// location, a place kind or a name.
TwinKey key_of(const geojson::Feature& feature, std::string_view category) {
    const PlaceKind* kind = kind_in_layer(category, feature);
    if (kind == nullptr || !feature.has_location()) {
        return {nullptr, {}};
    }
    return {kind, twin_name(name_of(feature))};
}

} // namespace

std::string twin_name(std::string_view name) {
    const std::vector<std::string> words = search::tokenize(name);
    std::string joined;
    for (std::size_t w = 0; w < words.size(); ++w) {
        std::vector<std::string> spelled;
        const std::span<const std::string_view> expansion = search::expansion_of(words[w]);
        if (!expansion.empty()) {
            spelled.assign(expansion.begin(), expansion.end());
        } else if (search::is_roman_numeral(words[w])) {
            const std::string_view digits = search::numeral_twin(w > 0 ? words[w - 1] : std::string_view{}, words[w]);
            spelled.emplace_back(digits.empty() ? words[w] : std::string(digits));
        } else {
            spelled.push_back(words[w]);
        }
        for (const std::string& word : spelled) {
            joined += (joined.empty() ? "" : " ") + word;
        }
    }
    return joined;
}

std::vector<Twin> find_twins(const FeatureLayer& official, std::string_view official_category,
                             const FeatureLayer& secondary, std::string_view secondary_category,
                             double max_distance_m) {
    // Official features by key, each list in id order.
    std::map<TwinKey, std::vector<std::size_t>> by_key;
    for (std::size_t f = 0; f < official.size(); ++f) {
        TwinKey key = key_of(official.features()[f], official_category);
        if (!key.second.empty()) {
            by_key[std::move(key)].push_back(f);
        }
    }

    std::vector<Twin> twins;
    for (std::size_t f = 0; f < secondary.size(); ++f) {
        const geojson::Feature& feature = secondary.features()[f];
        const auto candidates = by_key.find(key_of(feature, secondary_category));
        if (candidates == by_key.end()) {
            continue;
        }

        const geo::LonLat point = point_of(feature);
        std::optional<Twin> best;
        for (const std::size_t o : candidates->second) {
            const double distance_m = geo::haversine_m(point, point_of(official.features()[o]));
            if (distance_m <= max_distance_m && (!best || distance_m < best->distance_m - 0.001)) {
                best = Twin{f, o, distance_m};
            }
        }
        if (best) {
            twins.push_back(*best);
        }
    }
    return twins;
}

std::vector<std::vector<bool>> twin_flags(const std::vector<NamedLayer>& layers) {
    std::vector<std::vector<bool>> flags;
    std::set<std::string> named; // the "<layer>/<id>" values of every twin_of
    for (const NamedLayer& layer : layers) {
        flags.emplace_back(layer.features.size(), false);
        for (const geojson::Feature& feature : layer.features.features()) {
            const std::string target = text_of(feature, twin_of_key);
            if (!target.empty()) {
                named.insert(target);
            }
        }
    }
    if (named.empty()) {
        return flags;
    }

    // The named features that the set has.
    std::set<std::string> present;
    for (const NamedLayer& layer : layers) {
        for (const geojson::Feature& feature : layer.features.features()) {
            std::string key = layer.id + "/" + feature.id_text();
            if (named.count(key) != 0) {
                present.insert(std::move(key));
            }
        }
    }

    for (std::size_t l = 0; l < layers.size(); ++l) {
        const std::vector<geojson::Feature>& features = layers[l].features.features();
        for (std::size_t f = 0; f < features.size(); ++f) {
            flags[l][f] = present.count(text_of(features[f], twin_of_key)) != 0;
        }
    }
    return flags;
}

} // namespace badung::query

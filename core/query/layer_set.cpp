#include "core/query/layer_set.hpp"

#include "core/query/locate.hpp"
#include "core/query/search_records.hpp"
#include "core/query/twins.hpp"
#include "core/search/categories.hpp"

#include <algorithm>
#include <cctype>
#include <utility>

namespace badung::query {

namespace {

// The last bit of a NearestIndex category mask, shared by every category
// past the 63rd.
constexpr std::size_t shared_category_bit = 63;

std::string lower_ascii(std::string_view text) {
    std::string lower(text);
    std::transform(lower.begin(), lower.end(), lower.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return lower;
}

// Sorts hits by distance; hits within 1 mm of the first of their group rank
// by layer, then feature, as FeatureLayer::nearest does within one layer.
void rank_by_distance(std::vector<LayerHit>& hits) {
    std::stable_sort(hits.begin(), hits.end(),
                     [](const LayerHit& a, const LayerHit& b) { return *a.distance_m < *b.distance_m; });
    std::size_t group = 0;
    for (std::size_t i = 1; i <= hits.size(); ++i) {
        if (i == hits.size() || *hits[i].distance_m > *hits[group].distance_m + index::tie_tolerance_m) {
            std::sort(hits.begin() + static_cast<std::ptrdiff_t>(group), hits.begin() + static_cast<std::ptrdiff_t>(i),
                      [](const LayerHit& a, const LayerHit& b) {
                          return a.layer != b.layer ? a.layer < b.layer : a.feature < b.feature;
                      });
            group = i;
        }
    }
}

} // namespace

std::string category_slug(std::string_view text) {
    const std::string lower = lower_ascii(text);
    for (const search::Category& category : search::categories()) {
        if (lower == category.slug || lower == lower_ascii(category.name_id) || lower == lower_ascii(category.name_en)) {
            return std::string(category.slug);
        }
    }
    return lower;
}

void LayerSet::add(std::string id, std::string category, std::vector<geojson::Feature> features,
                   std::string search_terms) {
    NamedLayer layer{std::move(id), std::move(category), FeatureLayer(std::move(features)), std::move(search_terms)};
    const auto existing = std::find_if(layers_.begin(), layers_.end(),
                                       [&](const NamedLayer& named) { return named.id == layer.id; });
    if (existing != layers_.end()) {
        *existing = std::move(layer);
    } else {
        layers_.push_back(std::move(layer));
    }
    search_index_.reset();
    nearest_index_.reset();
    twins_.reset();
}

std::size_t LayerSet::layer_position(std::string_view id) const {
    for (std::size_t i = 0; i < layers_.size(); ++i) {
        if (layers_[i].id == id) {
            return i;
        }
    }
    std::string known;
    for (const NamedLayer& layer : layers_) {
        known += (known.empty() ? "" : ", ") + layer.id;
    }
    throw UnknownName("unknown layer '" + std::string(id) + "': use one of " + (known.empty() ? "(none loaded)" : known));
}

std::vector<std::string> LayerSet::categories() const {
    std::vector<std::string> found;
    const auto note = [&](const std::string& slug) {
        if (!slug.empty() && std::find(found.begin(), found.end(), slug) == found.end()) {
            found.push_back(slug);
        }
    };
    for (const NamedLayer& layer : layers_) {
        note(layer.category);
        for (const geojson::Feature& feature : layer.features.features()) {
            const geojson::Value* value = feature.property("category");
            if (value != nullptr && value->kind == geojson::Value::Kind::string) {
                note(category_slug(value->text));
            }
        }
    }

    // Catalog categories first, in their display order.
    std::vector<std::string> ordered;
    for (const search::Category& category : search::categories()) {
        if (std::find(found.begin(), found.end(), category.slug) != found.end()) {
            ordered.emplace_back(category.slug);
        }
    }
    for (const std::string& slug : found) {
        if (search::find_category(slug) == nullptr) {
            ordered.push_back(slug);
        }
    }
    return ordered;
}

std::string LayerSet::checked_category(std::string_view text) const {
    if (text.empty()) {
        return {};
    }
    const std::string slug = category_slug(text);
    const std::vector<std::string> known = categories();
    if (std::find(known.begin(), known.end(), slug) != known.end()) {
        return slug;
    }

    std::string list;
    for (const std::string& name : known) {
        list += (list.empty() ? "" : ", ") + name;
    }
    throw UnknownName("unknown category '" + std::string(text) + "': use one of " +
                      (list.empty() ? "(the layers have no category)" : list));
}

bool LayerSet::in_category(std::size_t layer, std::size_t feature, std::string_view category) const {
    if (category.empty() || layers_[layer].category == category) {
        return true;
    }
    const geojson::Value* value = layers_[layer].features.features()[feature].property("category");
    return value != nullptr && value->kind == geojson::Value::Kind::string && category_slug(value->text) == category;
}

bool LayerSet::is_facility(std::size_t layer, std::size_t feature) const {
    if (!search::is_facility_category(layers_[layer].category)) {
        return false;
    }
    const geojson::Value* value = layers_[layer].features.features()[feature].property("category");
    return value == nullptr || value->kind != geojson::Value::Kind::string ||
           search::is_facility_category(category_slug(value->text));
}

const std::vector<std::vector<bool>>& LayerSet::twins() const {
    if (!twins_) {
        twins_ = twin_flags(layers_);
        twin_count_ = 0;
        for (const std::vector<bool>& layer : *twins_) {
            twin_count_ += static_cast<std::size_t>(std::count(layer.begin(), layer.end(), true));
        }
    }
    return *twins_;
}

bool LayerSet::is_twin(std::size_t layer, std::size_t feature) const {
    return twins()[layer][feature];
}

std::vector<LayerHit> LayerSet::nearest(geo::LonLat p, std::size_t k, std::string_view category) const {
    return nearest_kept(p, k, category, {});
}

std::vector<LayerHit> LayerSet::nearest_places(geo::LonLat p, std::size_t k, std::string_view category,
                                               std::string_view text) const {
    const NearestIndex::FeatureFilter eligible = [&](std::size_t layer, std::size_t feature) {
        const bool listed = category.empty() ? is_facility(layer, feature) : in_category(layer, feature, category);
        return listed && !is_twin(layer, feature);
    };
    if (text.empty()) {
        return nearest_kept(p, k, category, eligible);
    }

    const std::vector<std::vector<bool>> matches = text_matches(text, eligible);
    return nearest_kept(p, k, category, [&](std::size_t layer, std::size_t feature) { return matches[layer][feature]; });
}

std::vector<std::vector<bool>> LayerSet::text_matches(std::string_view text,
                                                      const NearestIndex::FeatureFilter& eligible) const {
    const search::SearchIndex& index = search_index();
    search::SearchOptions options;
    options.limit = index.size();
    std::vector<std::pair<LayerHit, search::MatchQuality>> found;
    for (const search::SearchHit& hit : index.search(text, options)) {
        const LayerHit position = hit_of_item(hit.item);
        if (eligible(position.layer, position.feature)) {
            found.emplace_back(position, hit.quality);
        }
    }

    // A typo match ("puri" for "pura") is a different place more often than
    // not, so it counts only when nothing eligible matches without a typo.
    const bool has_close_match = std::any_of(found.begin(), found.end(), [](const auto& hit) {
        return hit.second != search::MatchQuality::typo;
    });

    std::vector<std::vector<bool>> matches;
    for (const NamedLayer& layer : layers_) {
        matches.emplace_back(layer.features.size(), false);
    }
    for (const auto& [position, quality] : found) {
        if (!has_close_match || quality != search::MatchQuality::typo) {
            matches[position.layer][position.feature] = true;
        }
    }
    return matches;
}

std::vector<LayerHit> LayerSet::nearest_kept(geo::LonLat p, std::size_t k, std::string_view category,
                                             const NearestIndex::FeatureFilter& keep) const {
    const NearestIndex& index = nearest_index();

    // A category beyond the 63rd shares the last mask bit, so its features
    // are checked one by one.
    std::uint64_t mask = ~std::uint64_t{0};
    NearestIndex::FeatureFilter filter = keep;
    if (!category.empty()) {
        const auto bit = std::find(category_bits_.begin(), category_bits_.end(), category);
        if (bit == category_bits_.end()) {
            return {};
        }
        const auto position = static_cast<std::size_t>(bit - category_bits_.begin());
        mask = std::uint64_t{1} << std::min<std::size_t>(position, shared_category_bit);
        if (position >= shared_category_bit) {
            filter = [this, category, keep](std::size_t layer, std::size_t feature) {
                return in_category(layer, feature, category) && (!keep || keep(layer, feature));
            };
        }
    }

    std::vector<LayerHit> hits;
    for (const NearestLayerFeature& near : index.nearest(p, k, mask, filter)) {
        hits.push_back({near.layer, near.feature, near.distance_m, std::nullopt});
    }
    rank_by_distance(hits);
    if (hits.size() > k) {
        hits.resize(k);
    }
    return hits;
}

const NearestIndex& LayerSet::nearest_index() const {
    if (nearest_index_) {
        return *nearest_index_;
    }

    // Each feature's mask has the bits of its layer's category and of its
    // own "category" property.
    category_bits_.clear();
    const auto bit_of = [&](const std::string& slug) -> std::uint64_t {
        if (slug.empty()) {
            return 0;
        }
        auto found = std::find(category_bits_.begin(), category_bits_.end(), slug);
        if (found == category_bits_.end()) {
            found = category_bits_.insert(category_bits_.end(), slug);
        }
        const auto position = static_cast<std::size_t>(found - category_bits_.begin());
        return std::uint64_t{1} << std::min<std::size_t>(position, shared_category_bit);
    };
    std::vector<const FeatureLayer*> layers;
    std::vector<std::vector<std::uint64_t>> masks;
    for (const NamedLayer& layer : layers_) {
        layers.push_back(&layer.features);
        const std::uint64_t layer_bit = bit_of(layer.category);
        std::vector<std::uint64_t>& layer_masks = masks.emplace_back();
        for (const geojson::Feature& feature : layer.features.features()) {
            const geojson::Value* value = feature.property("category");
            const bool has_category = value != nullptr && value->kind == geojson::Value::Kind::string;
            layer_masks.push_back(layer_bit | (has_category ? bit_of(category_slug(value->text)) : 0));
        }
    }
    nearest_index_ = std::make_unique<NearestIndex>(layers, masks);
    return *nearest_index_;
}

std::vector<LayerHit> LayerSet::in_bbox(const geo::BBox& box) const {
    std::vector<LayerHit> hits;
    for (std::size_t l = 0; l < layers_.size(); ++l) {
        for (const std::size_t f : layers_[l].features.in_bbox(box)) {
            hits.push_back({l, f, std::nullopt, std::nullopt});
        }
    }
    return hits;
}

std::vector<std::optional<LayerHit>> LayerSet::locate(geo::LonLat p, std::span<const std::string> area_layers) const {
    std::vector<std::optional<LayerHit>> found;
    for (const std::string& id : area_layers) {
        const std::size_t l = layer_position(id);
        const std::optional<std::size_t> feature = query::locate(layers_[l].features, p);
        found.push_back(feature ? std::optional<LayerHit>(LayerHit{l, *feature, std::nullopt, std::nullopt}) : std::nullopt);
    }
    return found;
}

std::vector<LayerHit> LayerSet::within(std::string_view area_layer, std::string_view area_id, std::string_view layer,
                                       WithinRule rule) const {
    const NamedLayer& areas = layers_[layer_position(area_layer)];
    const std::size_t target = layer_position(layer);
    const auto& features = areas.features.features();
    const auto area = std::find_if(features.begin(), features.end(),
                                   [&](const geojson::Feature& feature) { return feature.id_text() == area_id; });
    if (area == features.end()) {
        throw UnknownName("no feature with id '" + std::string(area_id) + "' in layer '" + areas.id +
                          "': give the id of one of its " + std::to_string(features.size()) + " features");
    }

    std::vector<LayerHit> hits;
    for (const std::size_t f : query::within(*area, layers_[target].features, rule)) {
        hits.push_back({target, f, std::nullopt, std::nullopt});
    }
    return hits;
}

const search::SearchIndex& LayerSet::search_index() const {
    if (!search_index_) {
        std::vector<search::SearchRecord> records;
        first_item_.clear();
        for (const NamedLayer& layer : layers_) {
            const auto first = static_cast<std::uint32_t>(records.size());
            first_item_.push_back(first);
            append_search_records(layer.features, layer.category, layer.search_terms, first, records);
        }
        search_index_ = std::make_unique<search::SearchIndex>(records);
    }
    return *search_index_;
}

LayerHit LayerSet::hit_of_item(std::uint32_t item) const {
    const auto after = std::upper_bound(first_item_.begin(), first_item_.end(), item);
    const auto layer = static_cast<std::size_t>(after - first_item_.begin() - 1);
    return {layer, item - first_item_[layer], std::nullopt, std::nullopt};
}

std::vector<LayerHit> LayerSet::search(std::string_view text, const search::SearchOptions& options,
                                       std::string_view category) const {
    const search::SearchIndex& index = search_index();
    // Twins and features of other categories are left out after ranking,
    // so the index ranks enough hits to leave options.limit.
    search::SearchOptions all = options;
    twins();
    all.limit = category.empty() ? options.limit + twin_count_ : index.size();

    std::vector<LayerHit> hits;
    for (const search::SearchHit& found : index.search(text, all)) {
        LayerHit hit = hit_of_item(found.item);
        if (!in_category(hit.layer, hit.feature, category) || is_twin(hit.layer, hit.feature)) {
            continue;
        }
        if (options.centre) {
            hit.distance_m = found.distance_m;
        }
        hit.quality = found.quality;
        hits.push_back(hit);
        if (hits.size() == options.limit) {
            break;
        }
    }
    return hits;
}

} // namespace badung::query

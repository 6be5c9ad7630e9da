#pragma once

#include "core/geo/bbox.hpp"
#include "core/geo/lon_lat.hpp"
#include "core/geojson/feature.hpp"
#include "core/query/feature_layer.hpp"
#include "core/query/nearest_index.hpp"
#include "core/query/within.hpp"
#include "core/search/search_index.hpp"

#include <cstddef>
#include <memory>
#include <optional>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace badung::query {

// A layer of a LayerSet: the catalog id, the catalog category slug, the
// indexed features and the words its features are searchable by besides
// their category (see title_search_terms).
struct NamedLayer {
    std::string id;
    std::string category;
    FeatureLayer features;
    std::string search_terms;
};

// One answer of a LayerSet query: a feature as (layer position, feature
// position in that layer's id order), with its distance where the query has
// one and its match quality for a search. A search hit without a location
// has an infinite distance.
struct LayerHit {
    std::size_t layer = 0;
    std::size_t feature = 0;
    std::optional<double> distance_m;
    std::optional<search::MatchQuality> quality;
};

// A request naming a layer, feature or category that the set does not have.
class UnknownName : public std::invalid_argument {
public:
    using std::invalid_argument::invalid_argument;
};

// Several named layers queried as one, as the browser finder and the data
// tool's query command both do, so both give the same answers. Layers keep
// the order they were added in; ties between layers rank by that order,
// within a layer by feature id.
class LayerSet {
public:
    // Adds a layer, or replaces the layer with the same id. search_terms
    // are words that find every feature of the layer, such as its title.
    void add(std::string id, std::string category, std::vector<geojson::Feature> features,
             std::string search_terms = {});

    const std::vector<NamedLayer>& layers() const noexcept { return layers_; }
    // The position of the layer with this id; throws UnknownName otherwise.
    std::size_t layer_position(std::string_view id) const;
    // The catalog categories the layers have, in search::categories() order,
    // plus any other slug a feature or layer uses, in order of appearance.
    std::vector<std::string> categories() const;
    // The slug of category text (see category_slug) when the layers have
    // that category, "" for empty text; throws UnknownName naming the
    // known categories otherwise.
    std::string checked_category(std::string_view text) const;

    // Bytes the kNN segment index holds on the heap, building it first when
    // a change dropped it.
    std::size_t nearest_index_bytes() const { return nearest_index().memory_bytes(); }

    // The k features nearest to p over every layer (or only those of
    // category, a slug: see in_category), ranked by distance; distances
    // within 1 mm rank by layer order, then id. The index over every
    // segment (see NearestIndex) is built on the first query after a change.
    std::vector<LayerHit> nearest(geo::LonLat p, std::size_t k, std::string_view category = {}) const;

    // The k places nearest to p, as the finder's "Terdekat" list shows them:
    // nearest() of category when it is not empty, else of the facilities
    // only (see is_facility), in both cases without twins (see is_twin).
    // With text, only those of them that the search for text matches are
    // ranked, and typo matches only when none of them matches without a typo.
    std::vector<LayerHit> nearest_places(geo::LonLat p, std::size_t k, std::string_view category = {},
                                         std::string_view text = {}) const;

    // The features whose bbox intersects box (see FeatureLayer::in_bbox), by
    // layer order, then id. Throws index::InvalidBBox.
    std::vector<LayerHit> in_bbox(const geo::BBox& box) const;

    // The feature of each named area layer containing p (see query::locate),
    // std::nullopt where none does. Throws UnknownName for a missing layer.
    std::vector<std::optional<LayerHit>> locate(geo::LonLat p, std::span<const std::string> area_layers) const;

    // The features of layer inside feature area_id of area_layer (see
    // query::within), in id order. Throws UnknownName for a missing layer or
    // feature id.
    std::vector<LayerHit> within(std::string_view area_layer, std::string_view area_id, std::string_view layer,
                                 WithinRule rule = WithinRule::intersects) const;

    // Search over names, categories and addresses of every layer (see
    // search::SearchIndex::search), keeping only features of category when
    // it is not empty, and no twins (see is_twin). The index is built on the
    // first search after a change.
    std::vector<LayerHit> search(std::string_view text, const search::SearchOptions& options,
                                 std::string_view category = {}) const;

    // True when a feature of layer belongs to the category slug: the layer's
    // catalog category is that slug, or the feature's "category" property is.
    bool in_category(std::size_t layer, std::size_t feature, std::string_view category) const;

    // True when a feature of layer is a place to find rather than an
    // administrative area or base map shape: neither the layer's catalog
    // category nor the feature's "category" property is one of those (see
    // search::is_facility_category).
    bool is_facility(std::size_t layer, std::size_t feature) const;

    // True when a feature of layer is the twin of an official feature that
    // the set has (see twin_of_key in core/query/twins.hpp), so the finder
    // lists the official one alone.
    bool is_twin(std::size_t layer, std::size_t feature) const;

private:
    std::vector<NamedLayer> layers_;

    // Search items are numbered layer by layer from first_item_[layer].
    mutable std::unique_ptr<search::SearchIndex> search_index_;
    mutable std::vector<std::uint32_t> first_item_;

    // Category slugs by bit of the NearestIndex category masks; slugs past
    // the 63rd share the last bit.
    mutable std::unique_ptr<NearestIndex> nearest_index_;
    mutable std::vector<std::string> category_bits_;

    // is_twin by [layer][feature], and how many are true, found on the
    // first call after a change.
    mutable std::optional<std::vector<std::vector<bool>>> twins_;
    mutable std::size_t twin_count_ = 0;

    const search::SearchIndex& search_index() const;
    const NearestIndex& nearest_index() const;
    const std::vector<std::vector<bool>>& twins() const;
    LayerHit hit_of_item(std::uint32_t item) const;
    std::vector<LayerHit> nearest_kept(geo::LonLat p, std::size_t k, std::string_view category,
                                       const NearestIndex::FeatureFilter& keep) const;
    // Flags by [layer][feature] of the eligible features that nearest_places
    // ranks for text.
    std::vector<std::vector<bool>> text_matches(std::string_view text, const NearestIndex::FeatureFilter& eligible) const;
};

// The category slug named by text: a slug, or a category's Indonesian or
// English name, in any letter case (e.g. "Kesehatan", "health"). Other text
// is returned folded to lower case, as a slug of the data's own.
std::string category_slug(std::string_view text);

} // namespace badung::query

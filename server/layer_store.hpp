#pragma once

#include "server/lon_lat_box.hpp"

#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace badung::cityd {

// One GeoJSON feature as served: its id as text (a number id is written in
// JSON number form), its JSON text and the bbox of its geometry (none for
// a null geometry, which never matches a bbox query).
struct StoredFeature {
    std::string id;
    std::string json;
    std::optional<LonLatBox> bbox;
};

// A map layer served as an OGC API collection: catalog metadata plus the
// features of layers/<id>.geojson in file order.
struct Collection {
    std::string id;
    std::string title_id;
    std::string title_en;
    std::string description;
    std::string licence;
    std::string attribution;
    std::optional<LonLatBox> extent;
    std::vector<StoredFeature> features;
    std::unordered_map<std::string, std::size_t> feature_index;

    const StoredFeature* find_feature(std::string_view feature_id) const;
};

// The collections read from a data root (catalog.json and each layer's file:
// the entry's "data" path, or layers/<id>.geojson without one),
// held in memory and never changed after loading. A missing catalog means no
// collections. A layer whose file is missing or invalid is dropped, and so is
// a feature without an id, with a duplicate id or with invalid coordinates.
// Each drop is logged with the layer and the reason.
class LayerStore {
public:
    // NOTE: read once at start, so a rebuilt data root needs a server restart.
    static LayerStore load(const std::filesystem::path& data_root);

    const std::vector<Collection>& collections() const noexcept { return collections_; }
    const Collection* find(std::string_view collection_id) const;

private:
    std::vector<Collection> collections_;
};

// Reads the features of one GeoJSON FeatureCollection text into `collection`,
// dropping (and logging) broken features. Returns false, leaving the
// collection without features, when the text is not a FeatureCollection.
bool read_layer_features(const std::string& geojson_text, Collection& collection, std::string& error);

// Replaces each invalid UTF-8 sequence of a layer file's text with U+FFFD
// and logs how many there were, so one bad byte in a name costs that name,
// not the layer. Valid text stays as it is.
void repair_layer_text(std::string& geojson_text, const std::string& collection_id);

} // namespace badung::cityd

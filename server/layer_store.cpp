#include "server/layer_store.hpp"

#include "server/log.hpp"

#include "core/geojson/reader.hpp"
#include "core/geojson/writer.hpp"
#include "core/text/utf8.hpp"

#include <rapidjson/document.h>
#include <rapidjson/error/en.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <cmath>
#include <fstream>
#include <initializer_list>
#include <sstream>

namespace badung::cityd {

namespace {

using rapidjson::Value;

std::optional<std::string> read_text_file(const std::filesystem::path& file) {
    std::ifstream stream(file, std::ios::binary);
    if (!stream) {
        return std::nullopt;
    }
    std::stringstream text;
    text << stream.rdbuf();
    return text.str();
}

std::string to_json(const Value& value) {
    rapidjson::StringBuffer buffer;
    rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
    value.Accept(writer);
    return std::string(buffer.GetString(), buffer.GetSize());
}

const Value* member(const Value& object, const char* name) {
    if (!object.IsObject()) {
        return nullptr;
    }
    const auto found = object.FindMember(name);
    return found == object.MemberEnd() ? nullptr : &found->value;
}

// Returns the first string found among `names`. An object value such as
// {"id": "...", "en": "..."} yields its `language` entry.
std::string text_member(const Value& entry, std::initializer_list<const char*> names, const char* language) {
    for (const char* name : names) {
        const Value* value = member(entry, name);
        if (value == nullptr) {
            continue;
        }
        if (value->IsString()) {
            return value->GetString();
        }
        const Value* localized = member(*value, language);
        if (localized != nullptr && localized->IsString()) {
            return localized->GetString();
        }
        const Value* named = member(*value, "name");
        if (named != nullptr && named->IsString()) {
            return named->GetString();
        }
    }
    return "";
}

std::optional<LonLatBox> box_member(const Value& entry) {
    const Value* bbox = member(entry, "bbox");
    if (bbox == nullptr || !bbox->IsArray() || bbox->Size() != 4) {
        return std::nullopt;
    }
    for (const auto& number : bbox->GetArray()) {
        if (!number.IsNumber()) {
            return std::nullopt;
        }
    }
    const auto& b = *bbox;
    return LonLatBox{b[0].GetDouble(), b[1].GetDouble(), b[2].GetDouble(), b[3].GetDouble()};
}

void extend(std::optional<LonLatBox>& box, double lon, double lat) {
    if (!box) {
        box = LonLatBox{lon, lat, lon, lat};
        return;
    }
    box->west = std::min(box->west, lon);
    box->south = std::min(box->south, lat);
    box->east = std::max(box->east, lon);
    box->north = std::max(box->north, lat);
}

// Extends `box` by every position in a (nested) coordinates array. Returns
// false for a position that is not two or three finite numbers in range.
bool extend_by_coordinates(const Value& coordinates, std::optional<LonLatBox>& box) {
    if (!coordinates.IsArray()) {
        return false;
    }
    if (!coordinates.Empty() && coordinates[0].IsNumber()) {
        if (coordinates.Size() < 2 || coordinates.Size() > 3 || !coordinates[1].IsNumber()) {
            return false;
        }
        const double lon = coordinates[0].GetDouble();
        const double lat = coordinates[1].GetDouble();
        if (!std::isfinite(lon) || !std::isfinite(lat) || std::abs(lon) > 180 || std::abs(lat) > 90) {
            return false;
        }
        extend(box, lon, lat);
        return true;
    }
    for (const auto& child : coordinates.GetArray()) {
        if (!extend_by_coordinates(child, box)) {
            return false;
        }
    }
    return true;
}

bool extend_by_geometry(const Value& geometry, std::optional<LonLatBox>& box) {
    if (geometry.IsNull()) {
        return true;
    }
    const Value* geometries = member(geometry, "geometries");
    if (geometries != nullptr && geometries->IsArray()) {
        for (const auto& child : geometries->GetArray()) {
            if (!extend_by_geometry(child, box)) {
                return false;
            }
        }
        return true;
    }
    const Value* coordinates = member(geometry, "coordinates");
    return coordinates != nullptr && extend_by_coordinates(*coordinates, box);
}

std::optional<std::string> feature_id(const Value& feature) {
    const Value* id = member(feature, "id");
    if (id == nullptr) {
        return std::nullopt;
    }
    if (id->IsString() && id->GetStringLength() > 0) {
        return std::string(id->GetString(), id->GetStringLength());
    }
    if (id->IsNumber()) {
        return to_json(*id);
    }
    return std::nullopt;
}

void log_dropped_feature(const Collection& collection, std::size_t position, const std::string& reason) {
    log_event("feature_dropped", {{"collection", collection.id},
                                  {"position", std::to_string(position)},
                                  {"reason", reason}});
}

// The core reader's verdict on one feature of a layer file.
struct CheckedFeature {
    const geojson::Feature* feature = nullptr; // nullptr when the reader dropped it
    std::string error;                         // why it was dropped
    bool rings_removed = false;                // holes outside their shell were removed
};

// Pairs each feature of the file, by position, with what the core reader
// made of it: the same rules the browser and badung-geodata apply.
std::vector<CheckedFeature> check_features(const geojson::FeatureCollection& read, std::size_t count) {
    std::vector<CheckedFeature> checked(count);
    for (const geojson::Issue& issue : read.issues) {
        if (issue.feature_index >= count) {
            continue;
        }
        CheckedFeature& entry = checked[issue.feature_index];
        if (issue.severity == geojson::Issue::Severity::error && entry.error.empty()) {
            entry.error = issue.message;
        }
        entry.rings_removed |= issue.code == "hole_outside_shell";
    }

    std::size_t next_kept = 0;
    for (CheckedFeature& entry : checked) {
        if (entry.error.empty() && next_kept < read.features.size()) {
            entry.feature = &read.features[next_kept++];
        }
    }
    return checked;
}

std::optional<LonLatBox> box_of(const geojson::Feature& feature) {
    if (!feature.has_location()) {
        return std::nullopt;
    }
    const geo::BBox box = feature.bbox();
    return LonLatBox{box.west, box.south, box.east, box.north};
}

void add_feature(const Value& feature, std::size_t position, const CheckedFeature& checked,
                 Collection& collection) {
    if (checked.feature == nullptr) {
        log_dropped_feature(collection, position, checked.error.empty() ? "feature is invalid" : checked.error);
        return;
    }
    const auto id = feature_id(feature);
    if (!feature.IsObject() || !id) {
        log_dropped_feature(collection, position, "feature has no string or number id");
        return;
    }
    if (collection.feature_index.count(*id) != 0) {
        log_dropped_feature(collection, position, "duplicate feature id " + *id);
        return;
    }

    std::optional<LonLatBox> bbox;
    const Value* geometry = member(feature, "geometry");
    if (geometry == nullptr || !extend_by_geometry(*geometry, bbox)) {
        log_dropped_feature(collection, position, "feature " + *id + " has no valid geometry");
        return;
    }

    // A feature whose stray rings the reader removed is served as read, so
    // its geometry and bbox agree with the map and the query tools.
    const std::string json = checked.rings_removed ? geojson::write(*checked.feature) : to_json(feature);
    collection.feature_index.emplace(*id, collection.features.size());
    collection.features.push_back(StoredFeature{*id, json, box_of(*checked.feature)});
}

void load_collection(const Value& entry, const std::filesystem::path& data_root,
                     std::vector<Collection>& collections) {
    const Value* id = member(entry, "id");
    if (id == nullptr || !id->IsString() || id->GetStringLength() == 0) {
        log_event("layer_dropped", {{"reason", "catalog entry has no string id"}});
        return;
    }

    Collection collection;
    collection.id = id->GetString();
    collection.title_id = text_member(entry, {"title", "titles", "title_id"}, "id");
    collection.title_en = text_member(entry, {"title", "titles", "title_en"}, "en");
    collection.description = text_member(entry, {"description"}, "id");
    collection.licence = text_member(entry, {"licence", "license"}, "id");
    collection.attribution = text_member(entry, {"attribution"}, "id");
    collection.extent = box_member(entry);

    // The catalog's "data" path when it stays inside the data root, else layers/<id>.geojson.
    std::string relative_path = "layers/" + collection.id + ".geojson";
    const std::string data_path = text_member(entry, {"data"}, "id");
    if (!data_path.empty() && data_path.front() != '/' && data_path.find("..") == std::string::npos) {
        relative_path = data_path;
    }
    const auto file = data_root / relative_path;
    auto text = read_text_file(file);
    std::string error;
    if (!text) {
        error = "cannot read " + file.string();
    } else {
        repair_layer_text(*text, collection.id);
        read_layer_features(*text, collection, error);
    }
    if (!error.empty()) {
        log_event("layer_dropped", {{"collection", collection.id}, {"reason", error}});
        return;
    }

    if (!collection.extent) {
        for (const auto& feature : collection.features) {
            if (feature.bbox) {
                extend(collection.extent, feature.bbox->west, feature.bbox->south);
                extend(collection.extent, feature.bbox->east, feature.bbox->north);
            }
        }
    }
    log_event("layer_loaded", {{"collection", collection.id},
                               {"features", std::to_string(collection.features.size())}});
    collections.push_back(std::move(collection));
}

} // namespace

const StoredFeature* Collection::find_feature(std::string_view feature_id) const {
    const auto found = feature_index.find(std::string(feature_id));
    return found == feature_index.end() ? nullptr : &features[found->second];
}

void repair_layer_text(std::string& geojson_text, const std::string& collection_id) {
    if (text::is_valid_utf8(geojson_text)) {
        return;
    }
    text::Utf8Repair repair = text::repair_utf8(geojson_text);
    log_event("layer_repaired",
              {{"collection", collection_id},
               {"reason", std::to_string(repair.replaced) + " invalid UTF-8 sequence(s) replaced with U+FFFD, the "
                          "first (" + repair.first_bytes + ") at byte " + std::to_string(repair.first_offset) +
                          "; rebuild the layer with badung-geodata, which repairs and names each value"}});
    geojson_text = std::move(repair.text);
}

bool read_layer_features(const std::string& geojson_text, Collection& collection, std::string& error) {
    rapidjson::Document document;
    document.Parse(geojson_text.c_str(), geojson_text.size());
    if (document.HasParseError()) {
        error = std::string("invalid JSON at byte ") + std::to_string(document.GetErrorOffset()) + ": " +
                rapidjson::GetParseError_En(document.GetParseError());
        return false;
    }

    const Value* features = member(document, "features");
    if (features == nullptr || !features->IsArray()) {
        error = "not a GeoJSON FeatureCollection (no features array)";
        return false;
    }

    geojson::FeatureCollection read;
    try {
        read = geojson::read(geojson_text);
    } catch (const geojson::ParseError& parse_error) {
        error = std::string("not readable as GeoJSON at byte ") + std::to_string(parse_error.offset()) + ": " +
                parse_error.what();
        return false;
    }
    const std::vector<CheckedFeature> checked = check_features(read, features->Size());

    std::size_t position = 0;
    for (const auto& feature : features->GetArray()) {
        add_feature(feature, position, checked[position], collection);
        ++position;
    }
    return true;
}

LayerStore LayerStore::load(const std::filesystem::path& data_root) {
    LayerStore store;
    const auto catalog_file = data_root / "catalog.json";
    const auto text = read_text_file(catalog_file);
    if (!text) {
        log_event("catalog_missing", {{"path", catalog_file.string()},
                                      {"reason", "no catalog; serving no collections until the map data is built"}});
        return store;
    }

    rapidjson::Document catalog;
    catalog.Parse(text->c_str(), text->size());
    const Value* layers = catalog.IsArray() ? &catalog : member(catalog, "layers");
    if (catalog.HasParseError() || layers == nullptr || !layers->IsArray()) {
        log_event("catalog_invalid", {{"path", catalog_file.string()},
                                      {"reason", "expected JSON with a \"layers\" array; serving no collections"}});
        return store;
    }

    for (const auto& entry : layers->GetArray()) {
        load_collection(entry, data_root, store.collections_);
    }
    return store;
}

const Collection* LayerStore::find(std::string_view collection_id) const {
    for (const auto& collection : collections_) {
        if (collection.id == collection_id) {
            return &collection;
        }
    }
    return nullptr;
}

} // namespace badung::cityd

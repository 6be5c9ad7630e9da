#include "web/finder/finder.hpp"

#include "core/geojson/reader.hpp"
#include "core/i18n/finder_text.hpp"
#include "core/index/normalise_bbox.hpp"
#include "core/query/hit_json.hpp"
#include "core/query/place_kinds.hpp"
#include "core/query/search_records.hpp"
#include "core/search/categories.hpp"

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <algorithm>
#include <array>
#include <optional>

namespace badung::web::finder {

namespace {

using Writer = rapidjson::Writer<rapidjson::StringBuffer>;

std::string error_json(const std::string& message) {
    rapidjson::StringBuffer buffer;
    Writer writer(buffer);
    writer.StartObject();
    writer.Key("error");
    writer.String(message.c_str());
    writer.EndObject();
    return buffer.GetString();
}

template <typename Run>
std::string answer(Run&& run) {
    try {
        return query::results_json(layers(), run());
    } catch (const std::invalid_argument& error) {
        return error_json(error.what());
    }
}

} // namespace

query::LayerSet& layers() {
    static query::LayerSet set;
    return set;
}

namespace {

// The place kinds of the finder's features, classified on the first
// nearest_kinds_json after add_layer changed the layers.
std::optional<query::FeatureKinds>& cached_kinds() {
    static std::optional<query::FeatureKinds> kinds;
    return kinds;
}

} // namespace

std::string add_layer(const std::string& id, const std::string& category, const std::string& title_id,
                      const std::string& title_en, const std::string& text) {
    geojson::FeatureCollection collection;
    try {
        collection = geojson::read(text);
    } catch (const geojson::ParseError& error) {
        return error_json("layer '" + id + "' is not GeoJSON: " + error.what());
    }
    const std::size_t count = collection.features.size();
    const std::array<std::string_view, 2> titles{title_id, title_en};
    layers().add(id, category, std::move(collection.features), query::title_search_terms(titles));
    cached_kinds().reset();
    rapidjson::StringBuffer buffer;
    Writer writer(buffer);
    writer.StartObject();
    writer.Key("id");
    writer.String(id.c_str());
    writer.Key("features");
    writer.Uint64(count);
    writer.EndObject();
    return buffer.GetString();
}

std::string categories_json(const std::string& language) {
    const bool english = language == "en";
    rapidjson::StringBuffer buffer;
    Writer writer(buffer);
    writer.StartArray();
    for (const std::string& slug : layers().categories()) {
        if (!search::is_facility_category(slug)) {
            continue;
        }
        const search::Category* category = search::find_category(slug);
        const std::string name = category ? std::string(english ? category->name_en : category->name_id) : slug;
        writer.StartObject();
        writer.Key("slug");
        writer.String(slug.c_str());
        writer.Key("name");
        writer.String(name.c_str());
        writer.EndObject();
    }
    writer.EndArray();
    return buffer.GetString();
}

std::string place_kinds_json(const std::string& language) {
    const bool english = language == "en";
    rapidjson::StringBuffer buffer;
    Writer writer(buffer);
    writer.StartArray();
    for (const query::PlaceKind& kind : query::place_kinds()) {
        const std::string_view name = english ? kind.name_en : kind.name_id;
        writer.StartObject();
        writer.Key("slug");
        writer.String(kind.slug.data(), static_cast<rapidjson::SizeType>(kind.slug.size()));
        writer.Key("name");
        writer.String(name.data(), static_cast<rapidjson::SizeType>(name.size()));
        writer.EndObject();
    }
    writer.EndArray();
    return buffer.GetString();
}

std::string strings_json(const std::string& language) {
    const bool english = language == "en";
    rapidjson::StringBuffer buffer;
    Writer writer(buffer);
    writer.StartObject();
    for (const i18n::FinderString& entry : i18n::finder_strings()) {
        writer.Key(entry.key.data(), static_cast<rapidjson::SizeType>(entry.key.size()));
        const std::string_view text = english ? entry.en : entry.id;
        writer.String(text.data(), static_cast<rapidjson::SizeType>(text.size()));
    }
    writer.EndObject();
    return buffer.GetString();
}

std::string search_json(const std::string& text, double lon, double lat, bool has_centre, int limit,
                        const std::string& category) {
    return answer([&] {
        search::SearchOptions options;
        options.limit = static_cast<std::size_t>(std::max(limit, 1));
        if (has_centre) {
            options.centre = geo::LonLat{lon, lat};
        }
        return layers().search(text, options, layers().checked_category(category));
    });
}

std::string nearest_json(double lon, double lat, int k, const std::string& category, const std::string& text) {
    return answer([&] {
        return layers().nearest_places({lon, lat}, static_cast<std::size_t>(std::max(k, 1)), layers().checked_category(category),
                                       text);
    });
}

std::string nearest_kinds_json(double lon, double lat, const std::string& category, const std::string& language) {
    std::vector<query::KindHit> found;
    try {
        const std::string slug = layers().checked_category(category);
        if (!cached_kinds()) {
            cached_kinds() = query::feature_kinds(layers());
        }
        found = query::nearest_of_each_kind(layers(), *cached_kinds(), {lon, lat}, slug);
    } catch (const std::invalid_argument& error) {
        return error_json(error.what());
    }

    const bool english = language == "en";
    rapidjson::StringBuffer buffer;
    Writer writer(buffer);
    writer.StartObject();
    writer.Key("results");
    writer.StartArray();
    for (const query::KindHit& each : found) {
        const std::string_view name = english ? each.kind->name_en : each.kind->name_id;
        writer.StartObject();
        writer.Key("kind");
        writer.String(each.kind->slug.data(), static_cast<rapidjson::SizeType>(each.kind->slug.size()));
        writer.Key("kind_name");
        writer.String(name.data(), static_cast<rapidjson::SizeType>(name.size()));
        writer.Key("hit");
        const std::string hit = query::hit_json(layers(), each.hit);
        writer.RawValue(hit.c_str(), hit.size(), rapidjson::kObjectType);
        writer.EndObject();
    }
    writer.EndArray();
    writer.EndObject();
    return buffer.GetString();
}

std::string within_json(const std::string& area_layer, const std::string& area_id, const std::string& layer) {
    return answer([&] { return layers().within(area_layer, area_id, layer); });
}

std::string bbox_json(double west, double south, double east, double north) {
    return answer([&] { return layers().in_bbox({west, south, east, north}); });
}

std::string feature_json(const std::string& layer, const std::string& id) {
    return answer([&] {
        const std::size_t position = layers().layer_position(layer);
        const auto& features = layers().layers()[position].features.features();
        const auto found = std::find_if(features.begin(), features.end(),
                                        [&](const geojson::Feature& feature) { return feature.id_text() == id; });
        if (found == features.end()) {
            throw query::UnknownName("no feature with id '" + id + "' in layer '" + layer + "'");
        }
        return std::vector<query::LayerHit>{{position, static_cast<std::size_t>(found - features.begin()), {}, {}}};
    });
}

namespace {

// The feature of area layer id containing p, else its nearest feature
// within margin_m (with its distance); nothing when the layer is not loaded.
std::optional<query::LayerHit> area_at(const std::string& id, geo::LonLat p, double margin_m) {
    const auto& all = layers().layers();
    const auto layer = std::find_if(all.begin(), all.end(), [&](const query::NamedLayer& each) { return each.id == id; });
    if (layer == all.end()) {
        return std::nullopt;
    }
    const std::array<std::string, 1> one{id};
    std::optional<query::LayerHit> found = layers().locate(p, one).front();
    if (found || margin_m <= 0) {
        return found;
    }
    const auto nearest = layer->features.nearest(p, 1, margin_m);
    if (nearest.empty()) {
        return std::nullopt;
    }
    return query::LayerHit{static_cast<std::size_t>(layer - all.begin()), nearest.front().feature,
                           nearest.front().distance_m, std::nullopt};
}

std::string areas_json(double lon, double lat, double margin_m) {
    const std::array<std::string, 3> area_layers{"desa", "kecamatan", "kabupaten"};
    rapidjson::StringBuffer buffer;
    Writer writer(buffer);
    writer.StartObject();
    for (const std::string& id : area_layers) {
        writer.Key(id.c_str());
        const std::optional<query::LayerHit> found = area_at(id, {lon, lat}, margin_m);
        if (found) {
            const std::string hit = query::hit_json(layers(), *found);
            writer.RawValue(hit.c_str(), hit.size(), rapidjson::kObjectType);
        } else {
            writer.Null();
        }
    }
    writer.EndObject();
    return buffer.GetString();
}

} // namespace

std::string locate_json(double lon, double lat) {
    return areas_json(lon, lat, 0);
}

std::string locate_near_json(double lon, double lat, double margin_m) {
    return areas_json(lon, lat, margin_m);
}

} // namespace badung::web::finder

#pragma once

#include "core/query/layer_set.hpp"

#include <string>
#include <string_view>

// The facility finder's side of the wasm module: the layers it searches,
// indexed in the core, and its answers as JSON for shell/finder.js and the
// badungMap search, nearest, locate and within methods. Each answer is the
// text query::results_json gives natively, so the data tool's query
// command and the browser print the same ids and distances.
namespace badung::web::finder {

// The finder's layers (every catalog layer the shell hands over).
query::LayerSet& layers();

// Parses GeoJSON text into the finder layer id of category, searchable
// also by the words of its catalog titles (see query::title_search_terms);
// returns {"id", "features"} or {"id", "error"} when the text is not GeoJSON.
std::string add_layer(const std::string& id, const std::string& category, const std::string& title_id,
                      const std::string& title_en, const std::string& text);

// [{"slug", "name"}] of the facility categories the layers have (area and
// base map categories left out), names in language "id" or "en".
std::string categories_json(const std::string& language);

// [{"slug", "name"}] of every place kind (see query::place_kinds), names
// in language "id" or "en".
std::string place_kinds_json(const std::string& language);

// {key: text} of every finder string in language "id" or "en".
std::string strings_json(const std::string& language);

// The answers below are {"results": [...]} or {"error": message} for a
// request naming an unknown layer, feature or category.
std::string search_json(const std::string& text, double lon, double lat, bool has_centre, int limit,
                        const std::string& category);
// nearest_json ranks places as query::LayerSet::nearest_places does: the
// facilities, or category, or the matches of text when it is not empty.
std::string nearest_json(double lon, double lat, int k, const std::string& category, const std::string& text);
// {"results": [{"kind", "kind_name", "hit"}]}: the facility nearest to
// lon, lat of each place kind (see query::nearest_of_each_kind), of
// category only when it is not empty. kind_name is in language "id" or "en".
std::string nearest_kinds_json(double lon, double lat, const std::string& category, const std::string& language);
std::string within_json(const std::string& area_layer, const std::string& area_id, const std::string& layer);
std::string bbox_json(double west, double south, double east, double north);
// Returns {"results": [hit]} for the feature of layer whose GeoJSON id,
// as text, is id: the card of a feature selected on the map.
std::string feature_json(const std::string& layer, const std::string& id);

// {"desa", "kecamatan", "kabupaten"}: each the hit of that area layer
// containing the point, or null; an area layer not loaded is null too.
std::string locate_json(double lon, double lat);

// locate_json for "Saya di mana?": an area layer with no feature containing
// the point gives its nearest feature within margin_m instead, with
// "distance_m", so a point on the beach just outside the generalised desa
// outline still names its desa.
std::string locate_near_json(double lon, double lat, double margin_m);

} // namespace badung::web::finder

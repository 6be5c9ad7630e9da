#include "catalog.hpp"

#include <cmath>
#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>

#include <rapidjson/document.h>
#include <rapidjson/error/en.h>

#include "errors.hpp"

namespace badung::geodata {

namespace {

namespace fs = std::filesystem;

struct Context {
  std::string where;  ///< "catalog.json, layer 'sekolah'" for messages
};

std::string get_string(const rapidjson::Value& object, const char* key, const Context& context,
                       bool required) {
  if (!object.HasMember(key)) {
    if (required) {
      throw InputError(context.where + ": missing required key '" + key + "'");
    }
    return "";
  }
  const auto& value = object[key];
  if (!value.IsString()) {
    throw InputError(context.where + ": key '" + key + "' must be a string");
  }
  return value.GetString();
}

Extent get_extent(const rapidjson::Value& value, const Context& context) {
  if (!value.IsArray() || value.Size() != 4 || !value[0].IsNumber() || !value[1].IsNumber() ||
      !value[2].IsNumber() || !value[3].IsNumber()) {
    throw InputError(context.where + ": 'sane_extent' must be [min lon, min lat, max lon, max lat]");
  }
  return {value[0].GetDouble(), value[1].GetDouble(), value[2].GetDouble(), value[3].GetDouble()};
}

std::vector<NameRule> get_name_rules(const rapidjson::Value& object, const Context& context) {
  std::vector<NameRule> rules;
  if (!object.HasMember("name")) {
    return rules;
  }
  const auto& name = object["name"];
  if (name.IsString()) {
    rules.push_back({{}, name.GetString()});
    return rules;
  }
  if (!name.IsArray()) {
    throw InputError(context.where + ": 'name' must be a template string or a list of "
                                     "{\"if\": {...}, \"template\": \"...\"} rules");
  }
  for (const auto& rule : name.GetArray()) {
    if (!rule.IsObject()) {
      throw InputError(context.where + ": each 'name' rule must be an object");
    }
    NameRule parsed;
    parsed.name_template = get_string(rule, "template", context, true);
    if (rule.HasMember("if") && rule["if"].IsObject()) {
      for (const auto& condition : rule["if"].GetObject()) {
        if (!condition.value.IsString()) {
          throw InputError(context.where + ": name rule condition '" + condition.name.GetString() +
                           "' must be a string");
        }
        parsed.conditions.emplace_back(condition.name.GetString(), condition.value.GetString());
      }
    }
    rules.push_back(std::move(parsed));
  }
  return rules;
}

/// Reads "twins_of": {"layer": ID, "max_distance_m": N} into the layer.
/// The official layer must come earlier, because the build marks twins
/// against its written features.
void get_twins_of(const rapidjson::Value& object, const std::set<std::string>& earlier_ids, const Context& context,
                  LayerSpec& layer) {
  if (!object.HasMember("twins_of")) {
    return;
  }
  const auto& twins = object["twins_of"];
  const std::string usage = ": 'twins_of' must be {\"layer\": \"<id of an earlier layer>\", \"max_distance_m\": <metres>}";
  if (!twins.IsObject() || !twins.HasMember("max_distance_m") || !twins["max_distance_m"].IsNumber()) {
    throw InputError(context.where + usage);
  }
  layer.twins_of = get_string(twins, "layer", context, true);
  layer.twin_max_distance_m = twins["max_distance_m"].GetDouble();
  if (earlier_ids.count(layer.twins_of) == 0) {
    throw InputError(context.where + ": 'twins_of' names layer '" + layer.twins_of +
                     "', which is not an earlier layer of the catalog: move that layer before this one");
  }
  if (!(layer.twin_max_distance_m > 0) || !std::isfinite(layer.twin_max_distance_m)) {
    throw InputError(context.where + ": 'twins_of' max_distance_m is " + std::to_string(layer.twin_max_distance_m) +
                     ": give a distance in metres above 0");
  }
}

std::string resolve(const std::string& folder, const std::string& path) {
  if (path.empty() || fs::path(path).is_absolute()) {
    return path;
  }
  return (fs::path(folder) / path).lexically_normal().string();
}

LayerSpec parse_layer(const rapidjson::Value& object, const Catalog& catalog, const Extent& default_extent,
                      const std::set<std::string>& earlier_ids, std::size_t index) {
  Context context{catalog.path + ", layer " + std::to_string(index)};
  if (!object.IsObject()) {
    throw InputError(context.where + ": must be an object");
  }
  LayerSpec layer;
  layer.id = get_string(object, "id", context, true);
  static const std::regex slug("[a-z][a-z0-9-]*");
  if (!std::regex_match(layer.id, slug)) {
    throw InputError(context.where + ": id '" + layer.id + "' must be a lowercase slug such as 'rute-bus'");
  }
  context.where = catalog.path + ", layer '" + layer.id + "'";

  if (!object.HasMember("title") || !object["title"].IsObject()) {
    throw InputError(context.where + ": missing 'title' object with 'id' and 'en'");
  }
  layer.title_id = get_string(object["title"], "id", context, true);
  layer.title_en = get_string(object["title"], "en", context, true);
  layer.description = get_string(object, "description", context, false);
  layer.category = get_string(object, "category", context, false);
  layer.agency = get_string(object, "agency", context, true);
  layer.licence = get_string(object, "licence", context, true);
  layer.attribution = get_string(object, "attribution", context, true);
  layer.updated = get_string(object, "updated", context, true);
  layer.source = resolve(catalog.folder, get_string(object, "source", context, true));
  layer.source_layer = get_string(object, "source_layer", context, false);
  layer.where = get_string(object, "where", context, false);
  layer.sql = get_string(object, "sql", context, false);
  layer.source_srs = get_string(object, "s_srs", context, false);
  layer.geometry_type_name = get_string(object, "geometry_type", context, true);
  layer.geometry_type = parse_geometry_type(layer.geometry_type_name);
  layer.id_template = get_string(object, "id_template", context, false);
  layer.name_rules = get_name_rules(object, context);
  layer.source_name_property = get_string(object, "source_name_property", context, false);
  layer.title_case = object.HasMember("title_case") && object["title_case"].IsBool() &&
                     object["title_case"].GetBool();
  layer.sane_extent = object.HasMember("sane_extent") ? get_extent(object["sane_extent"], context)
                                                      : default_extent;
  get_twins_of(object, earlier_ids, context, layer);
  if (object.HasMember("open_options") && object["open_options"].IsArray()) {
    for (const auto& option : object["open_options"].GetArray()) {
      if (option.IsString()) {
        layer.open_options.emplace_back(option.GetString());
      }
    }
  }
  return layer;
}

}  // namespace

std::string read_text_file(const std::string& path) {
  std::ifstream file(path, std::ios::binary);
  if (!file) {
    throw InputError("cannot read '" + path + "': check the path");
  }
  std::stringstream text;
  text << file.rdbuf();
  return text.str();
}

OGRwkbGeometryType parse_geometry_type(const std::string& name) {
  static const std::pair<const char*, OGRwkbGeometryType> kTypes[] = {
      {"Point", wkbPoint}, {"LineString", wkbLineString}, {"Polygon", wkbPolygon},
      {"MultiPoint", wkbMultiPoint}, {"MultiLineString", wkbMultiLineString},
      {"MultiPolygon", wkbMultiPolygon}};
  for (const auto& [text, type] : kTypes) {
    if (name == text) {
      return type;
    }
  }
  throw InputError("unknown geometry type '" + name +
                   "': use Point, LineString, Polygon, MultiPoint, MultiLineString or MultiPolygon");
}

Catalog load_catalog(const std::string& path) {
  Catalog catalog;
  catalog.path = path;
  catalog.folder = fs::absolute(path).parent_path().string();

  rapidjson::Document document;
  document.Parse(read_text_file(path));
  if (document.HasParseError()) {
    throw InputError(path + ": invalid JSON at offset " + std::to_string(document.GetErrorOffset()) +
                     ": " + rapidjson::GetParseError_En(document.GetParseError()));
  }
  const Context context{path};
  if (!document.IsObject() || !document.HasMember("layers") || !document["layers"].IsArray()) {
    throw InputError(path + ": must be an object with a 'layers' list");
  }

  catalog.region_code = get_string(document, "region_code", context, true);
  catalog.region_name = get_string(document, "region_name", context, false);
  catalog.corrections_folder = resolve(catalog.folder, get_string(document, "corrections", context, false));
  if (document.HasMember("coordinate_decimals") && document["coordinate_decimals"].IsInt()) {
    catalog.coordinate_decimals = document["coordinate_decimals"].GetInt();
  }
  const Extent default_extent = document.HasMember("sane_extent")
      ? get_extent(document["sane_extent"], context) : Extent{-180, -90, 180, 90};

  std::set<std::string> ids;
  std::size_t index = 0;
  for (const auto& object : document["layers"].GetArray()) {
    auto layer = parse_layer(object, catalog, default_extent, ids, index++);
    if (!ids.insert(layer.id).second) {
      throw InputError(path + ": layer id '" + layer.id + "' appears twice: give each layer its own id");
    }
    catalog.layers.push_back(std::move(layer));
  }
  return catalog;
}

}  // namespace badung::geodata

#include "catalog_writer.hpp"

#include <rapidjson/prettywriter.h>
#include <rapidjson/stringbuffer.h>

#include "geojson_writer.hpp"

namespace badung::geodata {

namespace {

using JsonWriter = rapidjson::PrettyWriter<rapidjson::StringBuffer>;

void write_member(JsonWriter& json, const char* key, const std::string& value) {
  json.Key(key);
  json.String(value);
}

void write_optional_member(JsonWriter& json, const char* key, const std::string& value) {
  json.Key(key);
  if (value.empty()) {
    json.Null();
  } else {
    json.String(value);
  }
}


// The counts of dropped, repaired and corrected features of one layer.
void write_problem_counts(JsonWriter& json, const BuiltLayer& layer) {
  json.Key("dropped");
  json.Uint64(layer.dropped);
  json.Key("repaired");
  json.Uint64(layer.repaired);
  json.Key("corrected");
  json.Uint64(layer.corrected);
}

void write_layer(JsonWriter& json, const Catalog& catalog, const BuiltLayer& layer) {
  const LayerSpec& spec = *layer.spec;
  json.StartObject();
  write_member(json, "id", spec.id);
  json.Key("title");
  json.StartObject();
  write_member(json, "id", spec.title_id);
  write_member(json, "en", spec.title_en);
  json.EndObject();
  write_optional_member(json, "description", spec.description);
  write_optional_member(json, "category", spec.category);
  write_member(json, "agency", spec.agency);
  write_member(json, "licence", spec.licence);
  write_member(json, "attribution", spec.attribution);
  write_member(json, "updated", spec.updated);
  write_member(json, "region_code", catalog.region_code);
  write_member(json, "geometry_type", layer.geometry_type);
  json.Key("feature_count");
  json.Int64(layer.features);
  json.Key("bbox");
  json.StartArray();
  for (double value : layer.bbox) {
    json.Double(round_coordinate(value, catalog.coordinate_decimals));
  }
  json.EndArray();
  write_member(json, "id_property", "id");
  write_member(json, "name_property", "name");
  write_optional_member(json, "source_name_property", spec.source_name_property);
  write_member(json, "data", layer.file);
  write_member(json, "media_type", "application/geo+json");

  json.Key("source");
  json.StartObject();
  write_member(json, "file", layer.source_file);
  write_optional_member(json, "layer", spec.source_layer);
  write_optional_member(json, "where", spec.where);
  write_member(json, "crs", layer.source_crs);
  json.Key("features");
  json.Int64(layer.source_features);
  write_problem_counts(json, layer);
  json.EndObject();
  json.EndObject();
}

}  // namespace

std::string catalog_json(const Catalog& catalog, const std::vector<BuiltLayer>& layers) {
  rapidjson::StringBuffer buffer;
  JsonWriter json(buffer);
  json.SetIndent(' ', 2);
  json.StartObject();
  write_member(json, "region_code", catalog.region_code);
  write_optional_member(json, "region_name", catalog.region_name);
  write_member(json, "crs", "http://www.opengis.net/def/crs/OGC/1.3/CRS84");
  json.Key("layers");
  json.StartArray();
  for (const auto& layer : layers) {
    write_layer(json, catalog, layer);
  }
  json.EndArray();
  json.EndObject();
  return std::string(buffer.GetString(), buffer.GetSize());
}

std::string report_json(const std::vector<BuiltLayer>& layers, const ProblemLog& problems, bool complete) {
  rapidjson::StringBuffer buffer;
  JsonWriter json(buffer);
  json.SetIndent(' ', 2);
  json.StartObject();
  json.Key("complete");
  json.Bool(complete);
  json.Key("layers");
  json.StartObject();
  for (const auto& layer : layers) {
    json.Key(layer.spec->id.c_str());
    json.StartObject();
    json.Key("source_features");
    json.Int64(layer.source_features);
    json.Key("features");
    json.Int64(layer.features);
    write_problem_counts(json, layer);
    json.EndObject();
  }
  json.EndObject();

  json.Key("problems");
  json.StartArray();
  for (const auto& problem : problems.problems()) {
    json.StartObject();
    write_member(json, "severity", problem.severity == Severity::error ? "error"
                                   : problem.severity == Severity::warning ? "warning" : "note");
    write_member(json, "layer", problem.layer);
    if (problem.feature_number > 0) {
      json.Key("feature_number");
      json.Int64(problem.feature_number);
    }
    write_optional_member(json, "feature", problem.feature);
    write_optional_member(json, "feature_name", problem.feature_name);
    json.Key("part");
    json.Int(problem.part);
    json.Key("ring");
    json.Int(problem.ring);
    write_member(json, "code", problem.code);
    write_member(json, "message", problem.message);
    write_member(json, "action", problem.action);
    json.EndObject();
  }
  json.EndArray();
  json.EndObject();
  return std::string(buffer.GetString(), buffer.GetSize());
}

}  // namespace badung::geodata

#include "corrections.hpp"

#include <algorithm>
#include <filesystem>

#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "catalog.hpp"
#include "errors.hpp"
#include "geometry_checks.hpp"

namespace badung::geodata {

namespace {

namespace fs = std::filesystem;

std::shared_ptr<OGRGeometry> parse_geometry(const rapidjson::Value& value, const std::string& where) {
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
  value.Accept(writer);

  std::shared_ptr<OGRGeometry> geometry(OGRGeometryFactory::createFromGeoJson(buffer.GetString()));
  if (!geometry || geometry->IsEmpty()) {
    throw InputError(where + ": 'geometry' is not a valid GeoJSON geometry");
  }
  if (auto outside = find_outside_lon_lat(*geometry)) {
    throw InputError(where + ": 'geometry' " + *outside + "; corrections are lon/lat (EPSG:4326)");
  }
  return geometry;
}

// Returns a string property as it is and a number as its shortest JSON
// text, which OGR converts to the field's type when it sets the field.
std::string property_text(const rapidjson::Value& value) {
  if (value.IsString()) {
    return value.GetString();
  }
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
  value.Accept(writer);
  return buffer.GetString();
}

Correction parse_correction(const rapidjson::Value& entry, const std::string& layer, const std::string& file,
                            std::size_t index) {
  const std::string where = file + ", correction " + std::to_string(index);
  if (!entry.IsObject() || !entry.HasMember("feature") || !entry["feature"].IsString()) {
    throw InputError(where + ": missing 'feature' (the feature id to correct)");
  }
  if (!entry.HasMember("reason") || !entry["reason"].IsString() || entry["reason"].GetStringLength() == 0) {
    throw InputError(where + ": missing 'reason': say why the feature is corrected and how");
  }

  Correction correction;
  correction.layer = layer;
  correction.feature = entry["feature"].GetString();
  correction.reason = entry["reason"].GetString();
  correction.file = file;
  if (entry.HasMember("geometry")) {
    correction.geometry = parse_geometry(entry["geometry"], where);
  }
  if (entry.HasMember("properties") && entry["properties"].IsObject()) {
    for (const auto& property : entry["properties"].GetObject()) {
      if (!property.value.IsString() && !property.value.IsNumber()) {
        throw InputError(where + ": property '" + property.name.GetString() + "' must be a string or a number");
      }
      correction.properties.emplace_back(property.name.GetString(), property_text(property.value));
    }
  }
  return correction;
}

}  // namespace

CorrectionTable load_corrections(const std::string& folder) {
  CorrectionTable table;
  if (folder.empty() || !fs::is_directory(folder)) {
    return table;
  }

  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(folder)) {
    if (entry.path().extension() == ".json") {
      files.push_back(entry.path());
    }
  }
  std::sort(files.begin(), files.end());

  for (const auto& path : files) {
    const std::string file = path.string();
    rapidjson::Document document;
    document.Parse(read_text_file(file));
    if (document.HasParseError() || !document.IsObject() || !document.HasMember("layer") ||
        !document["layer"].IsString() || !document.HasMember("corrections") ||
        !document["corrections"].IsArray()) {
      throw InputError(file + ": must be JSON {\"layer\": \"<layer id>\", \"corrections\": [...]}");
    }
    const std::string layer = document["layer"].GetString();
    std::size_t index = 0;
    for (const auto& entry : document["corrections"].GetArray()) {
      auto correction = parse_correction(entry, layer, file, index++);
      auto key = std::make_pair(layer, correction.feature);
      if (!table.emplace(key, std::move(correction)).second) {
        throw InputError(file + ": feature '" + key.second + "' of layer '" + layer +
                         "' is corrected twice: merge the two corrections");
      }
    }
  }
  return table;
}

}  // namespace badung::geodata

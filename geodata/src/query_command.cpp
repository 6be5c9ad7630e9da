// badung-geodata query: answers nearest, locate, within, bbox and search
// queries over GeoJSON layers with the same core code as the browser, so
// its answers can be checked against independent tools.

#include <filesystem>
#include <fstream>
#include <ostream>
#include <sstream>

#include <rapidjson/document.h>

#include "commands.hpp"
#include "core/geojson/reader.hpp"
#include "core/index/normalise_bbox.hpp"
#include "core/query/hit_json.hpp"
#include "core/query/layer_set.hpp"
#include "core/query/search_records.hpp"
#include "errors.hpp"

namespace badung::geodata {

namespace {

namespace fs = std::filesystem;

std::string read_text(const std::string& path) {
  std::ifstream file(path, std::ios::binary);
  if (!file) {
    throw InputError("cannot open '" + path + "': check the path and permissions");
  }
  std::ostringstream bytes;
  bytes << file.rdbuf();
  return bytes.str();
}

/// A layer's catalog entry: its category slug and the search terms of its
/// titles.
struct CatalogEntry {
  std::string category;
  std::string search_terms;
};

/// Reads the catalog entry of a built layer (DIR/layers/ID.geojson next to
/// DIR/catalog.json); the entry is empty for a file outside such a folder.
CatalogEntry catalog_entry(const fs::path& layer_file) {
  const fs::path catalog = layer_file.parent_path().parent_path() / "catalog.json";
  if (layer_file.parent_path().filename() != "layers" || !fs::is_regular_file(catalog)) {
    return {};
  }
  rapidjson::Document json;
  json.Parse(read_text(catalog.string()).c_str());
  if (json.HasParseError() || !json.IsObject() || !json.HasMember("layers") || !json["layers"].IsArray()) {
    return {};
  }
  const std::string id = layer_file.stem().string();
  for (const auto& entry : json["layers"].GetArray()) {
    if (!entry.IsObject() || !entry.HasMember("id") || !entry["id"].IsString() || entry["id"].GetString() != id) {
      continue;
    }
    CatalogEntry found;
    if (entry.HasMember("category") && entry["category"].IsString()) {
      found.category = entry["category"].GetString();
    }
    if (entry.HasMember("title") && entry["title"].IsObject()) {
      std::vector<std::string_view> titles;
      for (const char* language : {"id", "en"}) {
        if (entry["title"].HasMember(language) && entry["title"][language].IsString()) {
          titles.emplace_back(entry["title"][language].GetString());
        }
      }
      found.search_terms = query::title_search_terms(titles);
    }
    return found;
  }
  return {};
}

/// Reads a GeoJSON file into the set under id; features the reader drops
/// are left out, as the browser leaves them out. option ("--layer",
/// "--area") names the argument that gave the file in errors.
void add_layer(query::LayerSet& set, const std::string& path, const std::string& id, const std::string& option) {
  geojson::FeatureCollection collection;
  try {
    collection = geojson::read(read_text(path));
  } catch (const geojson::ParseError& error) {
    throw InputError("invalid " + option + " '" + path + "': not GeoJSON: " + error.what());
  }
  CatalogEntry entry = catalog_entry(path);
  set.add(id, std::move(entry.category), std::move(collection.features), std::move(entry.search_terms));
}

std::vector<query::LayerHit> run(const QueryArguments& arguments, query::LayerSet& set) {
  const geo::LonLat point{arguments.lon.value_or(0.0), arguments.lat.value_or(0.0)};
  std::string category;
  try {
    category = set.checked_category(arguments.category);
  } catch (const query::UnknownName& error) {
    throw UsageError(std::string("invalid --category: ") + error.what());
  }

  if (arguments.kind == "nearest") {
    return set.nearest(point, arguments.k, category);
  }
  if (arguments.kind == "locate") {
    std::vector<std::string> ids;
    for (const query::NamedLayer& layer : set.layers()) {
      ids.push_back(layer.id);
    }
    std::vector<query::LayerHit> hits;
    for (const auto& found : set.locate(point, ids)) {
      if (found) {
        hits.push_back(*found);
      }
    }
    return hits;
  }
  if (arguments.kind == "bbox") {
    try {
      return set.in_bbox(*arguments.bbox);
    } catch (const index::InvalidBBox& error) {
      throw UsageError(std::string("invalid --bbox: ") + error.what());
    }
  }
  if (arguments.kind == "within") {
    const std::string area_id = "area:" + fs::path(arguments.area).stem().string();
    add_layer(set, arguments.area, area_id, "--area");
    std::vector<query::LayerHit> hits;
    for (std::size_t l = 0; l + 1 < set.layers().size(); ++l) {
      try {
        for (const query::LayerHit& hit : set.within(area_id, arguments.id, set.layers()[l].id)) {
          hits.push_back(hit);
        }
      } catch (const query::UnknownName&) {
        throw UsageError("invalid --id '" + arguments.id + "': no feature of '" + arguments.area +
                         "' has that id");
      } catch (const query::NotAnArea& error) {
        throw UsageError("invalid --id '" + arguments.id + "' of '" + arguments.area + "': " + error.what());
      }
    }
    return hits;
  }

  search::SearchOptions options;
  options.limit = arguments.k;
  if (arguments.lon) {
    options.centre = point;
  }
  return set.search(arguments.text, options, category);
}

}  // namespace

int run_query(const QueryArguments& arguments, std::ostream& out) {
  query::LayerSet set;
  for (const std::string& path : arguments.layers) {
    const std::string id = fs::path(path).stem().string();
    for (const query::NamedLayer& layer : set.layers()) {
      if (layer.id == id) {
        throw UsageError("two --layer files named '" + id + "': give each layer file its own name");
      }
    }
    add_layer(set, path, id, "--layer");
  }

  const std::vector<query::LayerHit> hits = run(arguments, set);
  out << query::results_json(set, hits) << '\n';
  return 0;
}

}  // namespace badung::geodata

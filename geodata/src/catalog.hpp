#pragma once
// The source catalog (geodata/catalog.json): which sources become which
// layers, with the Satu Data metadata each layer publishes.

#include <optional>
#include <string>
#include <vector>

#include <ogr_core.h>

#include "geometry_checks.hpp"

namespace badung::geodata {

/// A name rule: when every field in `conditions` equals its value, the name is
/// `name_template` expanded; the first rule that matches and expands wins.
struct NameRule {
  std::vector<std::pair<std::string, std::string>> conditions;
  std::string name_template;
};

struct LayerSpec {
  std::string id;  ///< short lowercase Indonesian slug, e.g. "sekolah"
  std::string title_id;
  std::string title_en;
  std::string description;
  std::string category;
  std::string agency;
  std::string licence;
  std::string attribution;
  std::string updated;
  std::string source;  ///< absolute path after loading
  std::string source_layer;
  std::string where;
  std::string sql;
  std::string source_srs;
  std::vector<std::string> open_options;
  OGRwkbGeometryType geometry_type = wkbUnknown;
  std::string geometry_type_name;  ///< as GeoJSON names it, e.g. "MultiPolygon"
  std::string id_template;
  std::vector<NameRule> name_rules;
  std::string source_name_property;  ///< the source field the name comes from, for the catalog
  bool title_case = false;
  Extent sane_extent;
  /// An earlier layer of official entries: a feature of this layer that is
  /// the same place as one of them gets a `twin_of` property (see
  /// core/query/twins.hpp). Empty when the catalog names none.
  std::string twins_of;
  double twin_max_distance_m = 0;  ///< the most two twins' points lie apart
};

struct Catalog {
  std::string path;
  std::string folder;
  std::string region_code;
  std::string region_name;
  std::string corrections_folder;  ///< absolute; empty when the catalog names none
  int coordinate_decimals = 7;
  std::vector<LayerSpec> layers;
};

/// Reads the catalog at `path`; relative source paths are resolved against its
/// folder. Throws InputError naming the file, the layer and the key at fault.
Catalog load_catalog(const std::string& path);

/// Parses a geometry type name such as "MultiPolygon"; throws InputError otherwise.
OGRwkbGeometryType parse_geometry_type(const std::string& name);

/// Reads a whole text file; throws InputError if it cannot be read.
std::string read_text_file(const std::string& path);

}  // namespace badung::geodata

#include <algorithm>
#include <filesystem>

#include <cpl_string.h>
#include <gdal_priv.h>

#include "commands.hpp"
#include "converted_geojson.hpp"
#include "errors.hpp"
#include "geojson_prescan.hpp"
#include "ingest.hpp"
#include "spatial_reference.hpp"
#include "core/text/utf8.hpp"

namespace badung::geodata {

namespace {

namespace fs = std::filesystem;

// Indonesia with a margin: a converted feature outside this gets a warning
// unless --extent names another extent.
constexpr Extent kIndonesia{94.0, -11.5, 142.0, 6.5};

bool is_geojson_driver(const std::string& driver) {
  return driver == "GeoJSON" || driver == "GeoJSONSeq";
}

/// Returns whether OUT gets the ids that build gives a layer without an id
/// template, "<OUT name>-<position in source>": GeoJSON output of a source
/// without ids of its own. A source's "id" field, or the numeric feature
/// ids of a GeoJSON source (which GDAL reads as FIDs), stay the feature ids.
bool writes_position_ids(const std::string& driver, const IngestedLayer& layer, const std::string& source_path) {
  if (!is_geojson_driver(driver) || layer.definition->GetFieldIndex("id") >= 0) {
    return false;
  }
  return !(is_geojson_file(source_path) && has_feature_ids(source_path));
}

CPLStringList layer_creation_options(const std::string& driver, const IngestedLayer& layer, bool added_id_field) {
  CPLStringList options;
  if (is_geojson_driver(driver) && (added_id_field || layer.definition->GetFieldIndex("id") >= 0)) {
    options.AddString("ID_FIELD=id");  // the source's "id" field, or the id field that write_with_gdal adds
  }
  if (driver == "CSV") {
    const bool points = wkbFlatten(layer.definition->GetGeomType()) == wkbPoint;
    options.AddString(points ? "GEOMETRY=AS_XY" : "GEOMETRY=AS_WKT");
  }
  return options;
}

void remove_existing(const ConvertArguments& arguments, GDALDriver& driver) {
  if (!fs::exists(arguments.output)) {
    return;
  }
  if (!arguments.overwrite) {
    throw InputError("output '" + arguments.output + "' exists: pass --overwrite or choose another path");
  }
  if (driver.Delete(arguments.output.c_str()) != CE_None) {
    fs::remove_all(arguments.output);
  }
}

/// Returns whether OUT is written with the tool's own GeoJSON writer: every
/// GeoJSON file, and GeoJSON text sequences in WGS 84 lon/lat (GDAL's
/// sequence writer reprojects other CRSs to WGS 84 itself).
bool writes_own_geojson(const std::string& driver, const IngestedLayer& layer) {
  return driver == "GeoJSON" || (driver == "GeoJSONSeq" && is_wgs84_lon_lat(layer.target_srs));
}

bool is_numeric_field(const OGRFieldDefn& field) {
  const OGRFieldType type = field.GetType();
  return (type == OFTInteger && field.GetSubType() != OFSTBoolean) || type == OFTInteger64 || type == OFTReal;
}

/// Sources of the ids of a GeoJSON output.
struct IdSource {
  int id_field = -1;           ///< the source's "id" field, -1 for none
  bool fids = false;           ///< numeric GeoJSON ids read as FIDs, used when GDAL kept no feature JSON
  std::string position_prefix; ///< "<OUT name>-" for features without an id
};

/// Picks the id of one output feature: the GeoJSON "id" as the source typed
/// it, else the "id" field, else the FID of a numeric GeoJSON id, else the
/// position id. Sets `output.id_field` when the "id" field is the id.
void set_output_id(const IngestedFeature& ingested, const IdSource& ids, ConvertedFeature& output) {
  const OGRFeature& feature = *ingested.feature;
  const bool field_set = ids.id_field >= 0 && feature.IsFieldSetAndNotNull(ids.id_field);
  if (ingested.json_id) {
    output.id = ingested.json_id;
    // GDAL reads string ids into the "id" field, which must then not repeat as a property.
    if (field_set && ingested.json_id->text == feature.GetFieldAsString(ids.id_field)) {
      output.id_field = ids.id_field;
    }
  } else if (field_set) {
    output.id = JsonId{feature.GetFieldAsString(ids.id_field), is_numeric_field(*feature.GetFieldDefnRef(ids.id_field))};
    output.id_field = ids.id_field;
  } else if (ids.fids && feature.GetFID() != OGRNullFID) {
    output.id = JsonId{std::to_string(feature.GetFID()), true};
  } else {
    output.id = JsonId{ids.position_prefix + std::to_string(ingested.source_index), false};
  }
}

/// Writes OUT with the tool's GeoJSON writer and returns the number of features written.
std::size_t write_own_geojson(const ConvertArguments& arguments, const std::string& driver,
                              const IngestedLayer& ingested) {
  IdSource ids;
  ids.id_field = ingested.definition->GetFieldIndex("id");
  ids.fids = ids.id_field < 0 && !ingested.has_source_ids && is_geojson_file(arguments.input) &&
             has_feature_ids(arguments.input);
  ids.position_prefix = fs::path(arguments.output).stem().string() + "-";

  std::vector<ConvertedFeature> features;
  features.reserve(ingested.features.size());
  for (const auto& feature : ingested.features) {
    ConvertedFeature output;
    output.source = feature.feature.get();
    set_output_id(feature, ids, output);
    features.push_back(std::move(output));
  }

  ConvertedLayout layout;
  layout.layer_name = ingested.source_layer_name;
  layout.sequence = driver == "GeoJSONSeq";
  layout.record_separator = fs::path(arguments.output).extension() == ".geojsons";
  if (!is_wgs84_lon_lat(ingested.target_srs)) {
    layout.crs_urn = crs_urn(ingested.target_srs);
  }
  layout.decimals = 9;  // about 0.1 mm in lon/lat
  write_converted_geojson(arguments.output, features, layout);
  return features.size();
}

/// Returns whether a GeoJSON source has ids that are not integers ("ln"),
/// which no FID can hold, while it has no "id" field to carry them.
bool has_non_integer_ids(const IngestedLayer& layer) {
  if (layer.definition->GetFieldIndex("id") >= 0) {
    return false;
  }
  return std::any_of(layer.features.begin(), layer.features.end(), [](const IngestedFeature& feature) {
    return feature.json_id && !feature.json_id->is_integer();
  });
}

/// Writes OUT with the GDAL driver `driver_name` and returns the number of features written.
std::size_t write_with_gdal(const ConvertArguments& arguments, const std::string& driver_name, GDALDriver& driver,
                            IngestedLayer& ingested, std::ostream& log) {
  GDALDatasetUniquePtr output(driver.Create(arguments.output.c_str(), 0, 0, 0, GDT_Unknown, nullptr));
  if (!output) {
    throw InputError("cannot create '" + arguments.output + "' with the " + driver_name + " driver: " +
                     CPLGetLastErrorMsg());
  }

  const OGRwkbGeometryType geometry_type = ingested.definition->GetGeomType();
  const bool position_ids = writes_position_ids(driver_name, ingested, arguments.input);
  const bool string_ids = has_non_integer_ids(ingested);
  OGRLayer* layer = output->CreateLayer(ingested.source_layer_name.c_str(), &ingested.target_srs,
      geometry_type, layer_creation_options(driver_name, ingested, position_ids || string_ids).List());
  if (layer == nullptr) {
    throw InputError("cannot create layer '" + ingested.source_layer_name + "' in '" + arguments.output +
                     "': " + CPLGetLastErrorMsg());
  }
  // A field name that is not valid UTF-8 gets U+FFFD, as in GeoJSON output,
  // so the source's fields are matched to the output's by their valid names.
  std::vector<int> field_map;
  for (int i = 0; i < ingested.definition->GetFieldCount(); ++i) {
    OGRFieldDefn field(ingested.definition->GetFieldDefn(i));
    field.SetName(text::valid_utf8(field.GetNameRef()).c_str());
    layer->CreateField(&field);
    field_map.push_back(layer->GetLayerDefn()->GetFieldIndex(field.GetNameRef()));
  }
  const std::string id_prefix = fs::path(arguments.output).stem().string() + "-";
  if (position_ids || string_ids) {
    OGRFieldDefn id_field("id", OFTString);
    layer->CreateField(&id_field);
  }

  std::size_t written = 0;
  for (const auto& feature : ingested.features) {
    OGRFeature copy(layer->GetLayerDefn());
    copy.SetFrom(feature.feature.get(), field_map.data(), TRUE);
    // A numeric GeoJSON id is the FID. GDAL gives a string id a made-up FID, which is not copied.
    if (!feature.json_id || feature.json_id->is_integer()) {
      copy.SetFID(feature.feature->GetFID());
    }
    if (string_ids && feature.json_id) {
      copy.SetField("id", feature.json_id->text.c_str());
    } else if (position_ids) {
      copy.SetField("id", (id_prefix + std::to_string(feature.source_index)).c_str());
    }
    if (layer->CreateFeature(&copy) != OGRERR_NONE) {
      const Problem problem{Severity::error, fs::path(arguments.input).filename().string(), feature.source_id, -1, -1,
                            "write_failed",
                            "cannot be written to " + arguments.output + " (" + CPLGetLastErrorMsg() + ")",
                            "dropped", "", feature.source_index};
      log << format_problem(problem) << '\n';
      continue;
    }
    ++written;
  }
  return written;
}

}  // namespace

int run_convert(const ConvertArguments& arguments, std::ostream& log) {
  IngestOptions options;
  options.source_path = arguments.input;
  options.layer_name = arguments.layer;
  options.where = arguments.where;
  options.sql = arguments.sql;
  options.source_srs = arguments.source_srs;
  options.target_srs = arguments.target_srs;
  options.open_options = arguments.open_options;
  options.sane_extent = arguments.extent ? *arguments.extent : kIndonesia;
  options.keep_invalid = arguments.keep_invalid;
  options.label = fs::path(arguments.input).filename().string();

  // Checked before the source is read, so a long ingest does not end in this error.
  if (fs::exists(arguments.output) && !arguments.overwrite) {
    throw InputError("output '" + arguments.output + "' exists: pass --overwrite or choose another path");
  }

  ProblemLog problems;
  IngestedLayer ingested;
  try {
    ingested = ingest(options, problems);
  } catch (const InvalidFilter& error) {
    throw UsageError("invalid --where '" + arguments.where +
                     "' (give an OGR SQL condition such as \"name LIKE 'SD%'\"): " + error.what());
  }
  for (const auto& problem : problems.problems()) {
    log << format_problem(problem) << '\n';
  }

  const std::string driver_name = output_driver_name(arguments.output, arguments.format);
  GDALDriver* driver = GetGDALDriverManager()->GetDriverByName(driver_name.c_str());
  remove_existing(arguments, *driver);
  const std::size_t written = writes_own_geojson(driver_name, ingested)
                                  ? write_own_geojson(arguments, driver_name, ingested)
                                  : write_with_gdal(arguments, driver_name, *driver, ingested, log);

  // Counted by feature: one feature may have several "dropped" problems (two broken rings).
  const auto dropped = static_cast<std::size_t>(ingested.source_feature_count) - written;
  log << "wrote " << written << " of " << ingested.source_feature_count << " features to " << arguments.output
      << " (" << describe_srs(ingested.target_srs) << ", " << dropped << " dropped)\n";
  return dropped > 0 ? 1 : 0;
}

}  // namespace badung::geodata

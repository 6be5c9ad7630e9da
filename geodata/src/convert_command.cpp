#include <filesystem>

#include <cpl_string.h>
#include <gdal_priv.h>

#include "commands.hpp"
#include "errors.hpp"
#include "geojson_prescan.hpp"
#include "ingest.hpp"
#include "spatial_reference.hpp"

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

CPLStringList layer_creation_options(const std::string& driver, const IngestedLayer& layer, bool position_ids) {
  CPLStringList options;
  if (driver == "GeoJSON" && is_wgs84_lon_lat(layer.target_srs)) {
    options.AddString("RFC7946=YES");
    options.AddString("COORDINATE_PRECISION=9");  // about 0.1 mm
  }
  if (is_geojson_driver(driver) && (position_ids || layer.definition->GetFieldIndex("id") >= 0)) {
    options.AddString("ID_FIELD=id");  // the source's "id" field, or the position id that run_convert adds
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
  GDALDatasetUniquePtr output(driver->Create(arguments.output.c_str(), 0, 0, 0, GDT_Unknown, nullptr));
  if (!output) {
    throw InputError("cannot create '" + arguments.output + "' with the " + driver_name + " driver: " +
                     CPLGetLastErrorMsg());
  }

  const OGRwkbGeometryType geometry_type = ingested.definition->GetGeomType();
  const bool position_ids = writes_position_ids(driver_name, ingested, arguments.input);
  OGRLayer* layer = output->CreateLayer(ingested.source_layer_name.c_str(), &ingested.target_srs,
      geometry_type, layer_creation_options(driver_name, ingested, position_ids).List());
  if (layer == nullptr) {
    throw InputError("cannot create layer '" + ingested.source_layer_name + "' in '" + arguments.output +
                     "': " + CPLGetLastErrorMsg());
  }
  for (int i = 0; i < ingested.definition->GetFieldCount(); ++i) {
    layer->CreateField(ingested.definition->GetFieldDefn(i));
  }
  const std::string id_prefix = fs::path(arguments.output).stem().string() + "-";
  if (position_ids) {
    OGRFieldDefn id_field("id", OFTString);
    layer->CreateField(&id_field);
  }

  std::size_t written = 0;
  std::size_t failed = 0;
  for (const auto& feature : ingested.features) {
    OGRFeature copy(layer->GetLayerDefn());
    copy.SetFrom(feature.feature.get(), TRUE);
    copy.SetFID(feature.feature->GetFID());  // GeoJSON writes a numeric source id back as the feature id
    if (position_ids) {
      copy.SetField("id", (id_prefix + std::to_string(feature.source_index)).c_str());
    }
    if (layer->CreateFeature(&copy) != OGRERR_NONE) {
      const Problem problem{Severity::error, options.label, feature.source_id, -1, -1, "write_failed",
                            "cannot be written to " + arguments.output + " (" + CPLGetLastErrorMsg() + ")",
                            "dropped", "", feature.source_index};
      log << format_problem(problem) << '\n';
      ++failed;
      continue;
    }
    ++written;
  }
  output.reset();

  const std::size_t dropped = problems.count_action(options.label, "dropped") + failed;
  log << "wrote " << written << " of " << ingested.source_feature_count << " features to " << arguments.output
      << " (" << describe_srs(ingested.target_srs) << ", " << dropped << " dropped)\n";
  return dropped > 0 ? 1 : 0;
}

}  // namespace badung::geodata

#include "ingest.hpp"

#include <cstdlib>
#include <filesystem>

#include <cpl_error.h>
#include <cpl_string.h>

#include "errors.hpp"
#include "spatial_reference.hpp"
#include "templates.hpp"

namespace badung::geodata {

namespace {

using CoordinateTransformationPtr = std::unique_ptr<OGRCoordinateTransformation>;

/// Open options the tool adds for drivers that need them: CSV columns that
/// hold coordinates, and no .gfs file written beside a GML source.
std::vector<std::string> default_open_options(const std::string& path) {
  GDALDriverH driver = GDALIdentifyDriverEx(path.c_str(), GDAL_OF_VECTOR, nullptr, nullptr);
  const std::string name = driver != nullptr ? GDALGetDriverShortName(driver) : "";
  if (name == "CSV") {
    return {"X_POSSIBLE_NAMES=lon,lng,long,longitude,bujur,x,easting,easting_m,timur",
            "Y_POSSIBLE_NAMES=lat,latitude,lintang,y,northing,northing_m,utara",
            "KEEP_GEOM_COLUMNS=YES", "AUTODETECT_TYPE=YES"};
  }
  if (name == "GML") {
    return {"WRITE_GFS=NO"};
  }
  return {};
}

bool looks_like_file(const std::string& path) {
  return path.find("://") == std::string::npos && path.rfind("/vsi", 0) != 0 &&
         path.find(':') == std::string::npos;
}

GDALDatasetUniquePtr open_source(const IngestOptions& options) {
  if (looks_like_file(options.source_path) && !std::filesystem::exists(options.source_path)) {
    throw InputError("source '" + options.source_path + "' not found: check the path");
  }

  auto open_options = default_open_options(options.source_path);
  open_options.insert(open_options.end(), options.open_options.begin(), options.open_options.end());
  CPLStringList list;
  for (const auto& option : open_options) {
    list.AddString(option.c_str());
  }

  GDALDatasetUniquePtr dataset(GDALDataset::Open(options.source_path.c_str(),
      GDAL_OF_VECTOR | GDAL_OF_READONLY, nullptr, list.List(), nullptr));
  if (!dataset) {
    throw InputError("cannot open '" + options.source_path + "' as a vector source (" +
                     CPLGetLastErrorMsg() + "): check that GDAL/OGR can read its format");
  }
  return dataset;
}

std::string layer_names(GDALDataset& dataset) {
  std::string names;
  for (int i = 0; i < dataset.GetLayerCount(); ++i) {
    names += (i == 0 ? "" : ", ") + std::string(dataset.GetLayer(i)->GetName());
  }
  return names;
}

OGRLayer* pick_layer(const IngestOptions& options, IngestedLayer& result) {
  GDALDataset& dataset = *result.dataset;
  OGRLayer* layer = nullptr;
  if (!options.sql.empty()) {
    layer = dataset.ExecuteSQL(options.sql.c_str(), nullptr, nullptr);
    if (layer == nullptr) {
      throw InputError("SQL '" + options.sql + "' failed on '" + options.source_path + "': " +
                       CPLGetLastErrorMsg());
    }
    result.result_set = layer;
  } else if (!options.layer_name.empty()) {
    layer = dataset.GetLayerByName(options.layer_name.c_str());
    if (layer == nullptr) {
      throw InputError("layer '" + options.layer_name + "' not found in '" + options.source_path +
                       "': its layers are " + layer_names(dataset));
    }
  } else {
    if (dataset.GetLayerCount() == 0) {
      throw InputError("'" + options.source_path + "' has no vector layer");
    }
    layer = dataset.GetLayer(0);
  }

  if (!options.where.empty() && layer->SetAttributeFilter(options.where.c_str()) != OGRERR_NONE) {
    throw InputError("attribute filter '" + options.where + "' is invalid for '" +
                     options.source_path + "': " + CPLGetLastErrorMsg());
  }
  return layer;
}

/// The source CRS: the option, else the layer's own, else a .crs side file,
/// else EPSG:4326 lon/lat with a warning.
OGRSpatialReference resolve_source_srs(const IngestOptions& options, OGRLayer& layer, ProblemLog& problems) {
  if (!options.source_srs.empty()) {
    return parse_srs(options.source_srs, "the source CRS option");
  }
  if (const OGRSpatialReference* own = layer.GetSpatialRef()) {
    return OGRSpatialReference(*own);  // keeps the driver's axis mapping, which describes the data
  }
  if (auto side = read_crs_side_file(options.source_path)) {
    return parse_srs(*side, options.source_path + ".crs");
  }

  problems.add({Severity::warning, options.label, "", -1, -1, "crs_assumed",
      "no CRS declared; assuming EPSG:4326 lon/lat (declare it with --s-srs, the catalog's "
      "s_srs or a '" + options.source_path + ".crs' side file)", "kept"});
  return parse_srs("EPSG:4326", "the default CRS");
}

/// Whether the first data axis (x) of `srs` is longitude.
bool x_is_longitude(const OGRSpatialReference& srs) {
  const auto& mapping = srs.GetDataAxisToSRSAxisMapping();
  const int axis = mapping.empty() ? 1 : std::abs(mapping[0]);
  OGRAxisOrientation orientation = OAO_Other;
  srs.GetAxis(nullptr, axis - 1, &orientation);
  return orientation == OAO_East || orientation == OAO_West;
}

std::string feature_label(const IngestOptions& options, const OGRFeature& feature, long long index) {
  if (!options.id_template.empty()) {
    if (auto id = expand_template(options.id_template, feature)) {
      return *id;
    }
  }
  const int id_field = feature.GetFieldIndex("id");
  if (id_field >= 0 && feature.IsFieldSetAndNotNull(id_field)) {
    return feature.GetFieldAsString(id_field);
  }
  if (feature.GetFID() != OGRNullFID) {
    std::string label = "FID ";
    label += std::to_string(feature.GetFID());
    return label;
  }
  std::string label = "#";
  label += std::to_string(index);
  return label;
}

/// Per-feature state shared by the checking steps below.
struct FeatureContext {
  const IngestOptions& options;
  ProblemLog& problems;
  std::string label;

  void report(Severity severity, const std::string& code, const std::string& message,
              const std::string& action, int part = -1, int ring = -1) const {
    problems.add({severity, options.label, label, part, ring, code, message, action});
  }
};

/// Checks the geometry before reprojection; false means drop the feature.
bool check_source_geometry(const FeatureContext& context, const OGRGeometry* geometry,
                           bool source_is_lon_lat) {
  const std::string drop = context.options.keep_invalid ? "kept" : "dropped";
  if (geometry == nullptr || geometry->IsEmpty()) {
    context.report(Severity::error, geometry == nullptr ? "missing_geometry" : "empty_geometry",
                   geometry == nullptr ? "no geometry" : "empty geometry", drop);
    return context.options.keep_invalid;
  }

  const auto issues = find_shape_issues(*geometry);
  for (const auto& issue : issues) {
    context.report(Severity::error, issue.code, issue.reason, drop, issue.part, issue.ring);
  }
  if (!issues.empty() && !context.options.keep_invalid) {
    return false;
  }

  if (source_is_lon_lat) {
    if (auto outside = find_outside_lon_lat(*geometry)) {
      context.report(Severity::error, "out_of_range", *outside + " in the source", "dropped");
      return false;
    }
  } else if (auto non_finite = find_non_finite(*geometry)) {
    context.report(Severity::error, "not_finite", *non_finite + " in the source", "dropped");
    return false;
  }
  return true;
}

/// Reprojects `geometry` and checks the result; false means drop the feature.
bool reproject(const FeatureContext& context, OGRGeometry& geometry,
               OGRCoordinateTransformation& transformation, bool target_is_geographic) {
  CPLErrorReset();
  if (geometry.transform(&transformation) != OGRERR_NONE) {
    std::string message = "reprojection failed";
    const std::string detail = CPLGetLastErrorMsg();
    if (!detail.empty()) {
      message += " (" + detail + ")";
    }
    message += ": check the source CRS and axis order";
    context.report(Severity::error, "transform_failed", message, "dropped");
    return false;
  }

  const auto outside = target_is_geographic ? find_outside_lon_lat(geometry) : find_non_finite(geometry);
  if (outside) {
    context.report(Severity::error, "transform_out_of_range",
                   "after reprojection the " + *outside + ": check the source CRS", "dropped");
    return false;
  }
  return true;
}

/// Repairs an invalid geometry with MakeValid; null means drop the feature.
std::unique_ptr<OGRGeometry> repair_if_invalid(const FeatureContext& context,
                                               std::unique_ptr<OGRGeometry> geometry) {
  if (geometry->getDimension() < 2) {
    return geometry;
  }
  const auto reason = invalidity_reason(*geometry);
  if (!reason) {
    return geometry;
  }
  auto repaired = repair(*geometry);
  if (!repaired) {
    context.report(Severity::error, "repair_failed",
                   "invalid geometry (" + *reason + ") that MakeValid cannot repair", "dropped");
    return nullptr;
  }
  context.report(Severity::warning, "repaired", "invalid geometry (" + *reason + ") repaired with MakeValid",
                 "repaired");
  return repaired;
}

void check_extent(const FeatureContext& context, const OGRGeometry& geometry,
                  OGRCoordinateTransformation* to_lon_lat) {
  std::unique_ptr<OGRGeometry> lon_lat;
  const OGRGeometry* checked = &geometry;
  if (to_lon_lat != nullptr) {
    lon_lat.reset(geometry.clone());
    if (lon_lat->transform(to_lon_lat) != OGRERR_NONE) {
      return;
    }
    checked = lon_lat.get();
  }

  OGREnvelope envelope;
  checked->getEnvelope(&envelope);
  const Extent& extent = *context.options.sane_extent;
  if (!extent.contains(envelope)) {
    char text[256];
    std::snprintf(text, sizeof text,
                  "lies at lon %.6f..%.6f, lat %.6f..%.6f, outside the expected extent lon %.4g..%.4g, "
                  "lat %.4g..%.4g: check the source CRS (hemisphere, zone, axis order)",
                  envelope.MinX, envelope.MaxX, envelope.MinY, envelope.MaxY, extent.min_lon,
                  extent.max_lon, extent.min_lat, extent.max_lat);
    context.report(Severity::warning, "outside_extent", text, "kept");
  }
}

}  // namespace

IngestedLayer::~IngestedLayer() {
  if (result_set != nullptr && dataset) {
    dataset->ReleaseResultSet(result_set);
  }
}

IngestedLayer ingest(const IngestOptions& options, ProblemLog& problems) {
  IngestedLayer result;
  result.dataset = open_source(options);
  OGRLayer* layer = pick_layer(options, result);
  result.definition = layer->GetLayerDefn();
  result.source_layer_name = layer->GetName();

  result.source_srs = resolve_source_srs(options, *layer, problems);
  result.target_srs = parse_srs(options.target_srs, "the target CRS option");
  CoordinateTransformationPtr transformation(
      OGRCreateCoordinateTransformation(&result.source_srs, &result.target_srs));
  if (!transformation) {
    throw InputError("no transformation from " + describe_srs(result.source_srs) + " to " +
                     describe_srs(result.target_srs) + ": " + CPLGetLastErrorMsg());
  }

  CoordinateTransformationPtr to_lon_lat;
  const bool target_is_geographic = result.target_srs.IsGeographic();
  if (options.sane_extent && !target_is_geographic) {
    const auto wgs84 = parse_srs("EPSG:4326", "the extent check");
    to_lon_lat.reset(OGRCreateCoordinateTransformation(&result.target_srs, &wgs84));
  }

  const bool source_is_lon_lat = result.source_srs.IsGeographic() && x_is_longitude(result.source_srs);
  layer->ResetReading();
  long long index = 0;
  while (OGRFeature* raw = layer->GetNextFeature()) {
    std::unique_ptr<OGRFeature> feature(raw);
    ++index;
    FeatureContext context{options, problems, feature_label(options, *feature, index)};

    std::unique_ptr<OGRGeometry> geometry(feature->StealGeometry());
    if (geometry) {
      geometry->flattenTo2D();
    }
    if (!check_source_geometry(context, geometry.get(), source_is_lon_lat)) {
      continue;
    }

    if (geometry && !geometry->IsEmpty()) {
      if (!reproject(context, *geometry, *transformation, target_is_geographic)) {
        continue;
      }
      if (find_shape_issues(*geometry).empty()) {
        geometry = repair_if_invalid(context, std::move(geometry));
        if (!geometry) {
          continue;
        }
      }
      auto fitted = fit_to_type(std::unique_ptr<OGRGeometry>(geometry->clone()), options.geometry_type);
      if (!fitted) {
        context.report(Severity::error, "wrong_geometry_type",
                       std::string("geometry type ") + OGRGeometryTypeToName(geometry->getGeometryType()) +
                           " does not fit the layer type " + OGRGeometryTypeToName(options.geometry_type),
                       "dropped");
        continue;
      }
      geometry = std::move(fitted);
      if (options.sane_extent) {
        check_extent(context, *geometry, to_lon_lat.get());
      }
    }

    feature->SetGeometryDirectly(geometry.release());
    result.features.push_back({context.label, index, std::move(feature)});
  }
  result.source_feature_count = index;
  return result;
}

}  // namespace badung::geodata

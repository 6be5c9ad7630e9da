#include "ingest.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <set>
#include <string>

#include <cpl_error.h>
#include <cpl_string.h>

#include "errors.hpp"
#include "feature_text.hpp"
#include "geojson_prescan.hpp"
#include "source.hpp"
#include "spatial_reference.hpp"
#include "templates.hpp"

namespace badung::geodata {

namespace {

using CoordinateTransformationPtr = std::unique_ptr<OGRCoordinateTransformation>;

/// Source to target and back, with the tolerance of the round trip in source units.
struct Transformations {
  CoordinateTransformationPtr forward;
  CoordinateTransformationPtr inverse;
  bool target_is_geographic = false;
  double round_trip_tolerance = 0;
};

/// Resolves the source CRS: the option, else the layer's own, else a .crs side file,
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
      "s_srs or a '" + options.source_path + ".crs' side file)", ""});
  return parse_srs("EPSG:4326", "the default CRS");
}

/// Returns what to do about source positions outside lon/lat. A CRS that
/// the option sets is named, because it may override a correct CRS that
/// the source declares itself.
std::string source_crs_advice(const IngestOptions& options, OGRLayer& layer) {
  if (options.source_srs.empty()) {
    if (read_crs_side_file(options.source_path)) {
      return "fix the position or correct the CRS in '" + options.source_path + ".crs'";
    }
    return "fix the position or declare the source CRS with " + options.source_srs_name;
  }

  const std::string option = options.source_srs_name + " '" + options.source_srs + "'";
  if (const OGRSpatialReference* own = layer.GetSpatialRef()) {
    return option + " overrides the source's own CRS " + describe_srs(*own) + ": remove " +
           options.source_srs_name + " or correct it";
  }
  return "correct " + option + " or fix the position";
}

/// Returns whether the first data axis (x) of `srs` is longitude.
bool x_is_longitude(const OGRSpatialReference& srs) {
  const auto& mapping = srs.GetDataAxisToSRSAxisMapping();
  const int axis = mapping.empty() ? 1 : std::abs(mapping[0]);
  OGRAxisOrientation orientation = OAO_Other;
  srs.GetAxis(nullptr, axis - 1, &orientation);
  return orientation == OAO_East || orientation == OAO_West;
}

/// Returns whether OGR's FIDs for `layer` are ids stored in the source (a
/// GeoPackage fid column, the "id" members of a GeoJSON file) rather than
/// positions counted from 0, as for Shapefile, CSV or GeoJSON without ids.
bool has_source_fids(const IngestOptions& options, OGRLayer& layer) {
  const char* fid_column = layer.GetFIDColumn();
  if (fid_column != nullptr && *fid_column != '\0') {
    return true;
  }
  return options.sql.empty() && is_geojson_file(options.source_path) && has_feature_ids(options.source_path);
}

/// Returns the source's own id of a feature for problems: the id template's
/// value, else the "id" or "gml_id" field, else the "id" member of a
/// GeoJSON feature, else a FID the source stores. Returns "" when the
/// source gives the feature no id.
std::string source_feature_id(const IngestOptions& options, const OGRFeature& feature, bool source_fids,
                              const std::optional<JsonId>& json_id) {
  const std::optional<std::string> id_member = id_text(json_id);
  if (!options.id_template.empty()) {
    if (auto id = expand_template(options.id_template, feature, id_member)) {
      return *id;
    }
  }
  for (const char* name : {"id", "gml_id"}) {
    const int field = feature.GetFieldIndex(name);
    if (field >= 0 && feature.IsFieldSetAndNotNull(field)) {
      return feature.GetFieldAsString(field);
    }
  }
  if (id_member) {
    return *id_member;
  }
  if (source_fids && feature.GetFID() != OGRNullFID) {
    return std::to_string(feature.GetFID());
  }
  return {};
}

/// Returns the feature's name for problems: the value of the name field, or
/// nothing when it is missing or repeats the label.
std::string feature_name(const IngestOptions& options, const OGRFeature& feature, const std::string& label) {
  const std::vector<std::string> names =
      options.name_field.empty() ? std::vector<std::string>{"name", "nama"} : std::vector<std::string>{options.name_field};
  for (const auto& name : names) {
    const int field = feature.GetFieldIndex(name.c_str());
    if (field >= 0 && feature.IsFieldSetAndNotNull(field)) {
      const std::string value = feature.GetFieldAsString(field);
      if (!value.empty() && value != label) {
        return value;
      }
    }
  }
  return {};
}

/// Names the values of fields that usually hold a point's coordinates
/// (lon, lat, x, y and their spellings), as in a CSV row whose "abc" OGR
/// could not read as a number: ": lon empty or not a number, lat '-8.6';
/// give both as decimal degrees".
/// Returns "" when the feature has no such field.
std::string coordinate_fields_text(const OGRFeature& feature) {
  static const std::set<std::string> names = {"lon", "lng", "long", "longitude", "x", "lat", "latitude", "y", "bujur",
                                              "lintang"};
  std::string found;
  for (int i = 0; i < feature.GetFieldCount(); ++i) {
    std::string name = feature.GetFieldDefnRef(i)->GetNameRef();
    std::transform(name.begin(), name.end(), name.begin(), [](unsigned char c) { return std::tolower(c); });
    if (names.count(name) == 0) {
      continue;
    }
    // A CSV field read as a number is unset where its text was no number.
    const std::string value = feature.IsFieldSetAndNotNull(i) ? "'" + std::string(feature.GetFieldAsString(i)) + "'"
                                                               : "empty or not a number";
    found += (found.empty() ? ": " : ", ") + std::string(feature.GetFieldDefnRef(i)->GetNameRef()) + " " + value;
  }
  return found.empty() ? "" : found + "; give both as decimal degrees";
}

/// Per-feature state shared by the checking steps below.
struct FeatureContext {
  const IngestOptions& options;
  ProblemLog& problems;
  long long number;  ///< 1-based position in the source
  std::string id;    ///< the source's own id, or ""
  std::string name;
  std::vector<Problem>* repairs = nullptr;  ///< holds "repaired" problems until the feature is kept

  /// Adds a problem to the log. A "repaired" one waits in `repairs`, when
  /// set, so that a feature dropped later counts once, as dropped.
  void report(Severity severity, const std::string& code, const std::string& message,
              const std::string& action, int part = -1, int ring = -1) const {
    Problem problem{severity, options.label, id, part, ring, code, message, action, name, number};
    if (repairs != nullptr && action == "repaired") {
      repairs->push_back(std::move(problem));
    } else {
      problems.add(std::move(problem));
    }
  }
};

/// Returns what to do about text in another encoding than UTF-8.
std::string encoding_advice(const IngestOptions& options, GDALDataset& dataset) {
  if (EQUAL(dataset.GetDriverName(), "ESRI Shapefile")) {
    return "name the .dbf code page with the ENCODING open option (" + options.open_options_name +
           " ENCODING=CP1252 or the code page it has) or a .cpg file, or re-save the source as UTF-8";
  }
  return "re-save the source as UTF-8";
}

/// Reports each value of a feature that repair_feature_text repaired.
void report_text_repairs(const FeatureContext& context, const std::vector<TextRepair>& repairs,
                         const std::string& advice) {
  for (const auto& [property, repair] : repairs) {
    const std::string count = repair.replaced == 1 ? "1 invalid byte sequence"
                                                   : std::to_string(repair.replaced) + " invalid byte sequences";
    context.report(Severity::warning, "invalid_utf8",
                   "property '" + property + "' is not valid UTF-8: " + count + " (the first " + repair.first_bytes +
                       " at byte " + std::to_string(repair.first_offset) +
                       ") replaced with U+FFFD: " + advice,
                   "repaired");
  }
}

/// Warns once for each field name of the layer that is not valid UTF-8.
/// The GeoJSON writers repair such a name where they write it.
void report_invalid_field_names(const IngestOptions& options, const OGRFeatureDefn& definition,
                                const std::string& advice, ProblemLog& problems) {
  for (const auto& name : invalid_field_names(definition)) {
    problems.add({Severity::warning, options.label, "", -1, -1, "invalid_utf8_field_name",
                  "field name '" + name + "' is not valid UTF-8, so it is written with U+FFFD in place of "
                  "each invalid byte sequence: " + advice,
                  "repaired"});
  }
}

/// The source CRS as the source checks need it.
struct SourceCrs {
  bool is_lon_lat = false;
  std::string advice;  ///< what to do about positions outside lon/lat
};

/// Checks the geometry before reprojection; false means drop the feature.
/// A feature without a geometry (null, or empty such as `"coordinates": []`)
/// is kept without one, as GeoJSON allows, with a warning.
bool check_source_geometry(const FeatureContext& context, const OGRFeature& feature, OGRGeometry* geometry,
                           const SourceCrs& source_crs) {
  if (geometry == nullptr) {
    context.report(Severity::warning, "missing_geometry", "no geometry" + coordinate_fields_text(feature),
                   "kept without geometry");
    return true;
  }
  if (!remove_empty_parts(*geometry)) {
    context.report(Severity::warning, "empty_geometry", "empty geometry", "kept without geometry");
    return true;
  }

  const std::string drop = context.options.keep_invalid ? "kept" : "dropped";
  const auto issues = find_shape_issues(*geometry);
  for (const auto& issue : issues) {
    context.report(Severity::error, issue.code, issue.reason, drop, issue.part, issue.ring);
  }
  if (!issues.empty()) {
    return context.options.keep_invalid;
  }

  for (const auto& stray : remove_holes_outside_shell(*geometry)) {
    context.report(Severity::warning, stray.code, stray.reason, "repaired", stray.part, stray.ring);
  }

  if (source_crs.is_lon_lat) {
    if (auto outside = find_outside_lon_lat(*geometry)) {
      context.report(Severity::error, "out_of_range", *outside + " in the source: " + source_crs.advice, "dropped");
      return false;
    }
  } else if (auto non_finite = find_non_finite(*geometry)) {
    context.report(Severity::error, "not_finite", *non_finite + " in the source", "dropped");
    return false;
  }
  return true;
}

/// Returns the largest coordinate difference between two geometries with the same
/// positions in the same order.
double max_position_difference(const OGRGeometry& a, const OGRGeometry& b) {
  std::vector<double> first;
  for_each_position(a, [&](double x, double y) {
    first.push_back(x);
    first.push_back(y);
  });
  double worst = 0;
  std::size_t i = 0;
  for_each_position(b, [&](double x, double y) {
    if (i + 1 < first.size()) {
      worst = std::max({worst, std::abs(x - first[i]), std::abs(y - first[i + 1])});
    }
    i += 2;
  });
  return worst;
}

/// Reprojects `geometry` and checks the result; false means drop the feature.
/// Far outside a projection's zone PROJ may return finite but wrong values
/// (a point 180° from a UTM zone's meridian lands inside the zone), so the
/// result is transformed back and must return to the source position.
bool reproject(const FeatureContext& context, OGRGeometry& geometry, const Transformations& transformations) {
  std::unique_ptr<OGRGeometry> source(geometry.clone());
  CPLErrorReset();
  if (geometry.transform(transformations.forward.get()) != OGRERR_NONE) {
    std::string message = "reprojection failed";
    const std::string detail = CPLGetLastErrorMsg();
    if (!detail.empty()) {
      message += " (" + detail + ")";
    }
    message += ": check the source CRS and axis order";
    context.report(Severity::error, "transform_failed", message, "dropped");
    return false;
  }

  const auto outside = transformations.target_is_geographic ? find_outside_lon_lat(geometry)
                                                            : find_non_finite(geometry);
  if (outside) {
    context.report(Severity::error, "transform_out_of_range",
                   "after reprojection the " + *outside + ": check the source CRS", "dropped");
    return false;
  }

  std::unique_ptr<OGRGeometry> back(geometry.clone());
  if (transformations.inverse && (back->transform(transformations.inverse.get()) != OGRERR_NONE ||
                                  max_position_difference(*source, *back) > transformations.round_trip_tolerance)) {
    context.report(Severity::error, "transform_out_of_range",
                   "reprojection gives a position that does not transform back to the source position, so the "
                   "feature lies outside the area where the target CRS is usable: check the source CRS or choose "
                   "another target CRS", "dropped");
    return false;
  }
  return true;
}

/// Repairs an invalid geometry with MakeValid; null means drop the feature.
/// Sets `reason` to GEOS's reason when the geometry was repaired.
std::unique_ptr<OGRGeometry> repair_if_invalid(const FeatureContext& context,
                                               std::unique_ptr<OGRGeometry> geometry,
                                               std::optional<std::string>& reason) {
  if (geometry->getDimension() < 2) {
    return geometry;
  }
  reason = invalidity_reason(*geometry);
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

/// Fits `geometry` to the layer's geometry type; null means drop the
/// feature. `repair_reason` is GEOS's reason when MakeValid made the
/// geometry, which for a self-intersecting polygon is often a MultiPolygon.
std::unique_ptr<OGRGeometry> fit_to_layer_type(const FeatureContext& context, const OGRGeometry& geometry,
                                               const std::optional<std::string>& repair_reason) {
  const OGRwkbGeometryType layer_type = context.options.geometry_type;
  auto fitted = fit_to_type(std::unique_ptr<OGRGeometry>(geometry.clone()), layer_type);
  if (fitted) {
    if (const int left_out = count_members_of_other_type(geometry, layer_type); left_out > 0) {
      context.report(Severity::warning, "members_left_out",
                     "left out " + std::to_string(left_out) +
                         (left_out == 1 ? " GeometryCollection member" : " GeometryCollection members") +
                         " not of the layer type " + OGRGeometryTypeToName(layer_type),
                     "kept");
    }
    return fitted;
  }

  const OGRwkbGeometryType actual = wkbFlatten(geometry.getGeometryType());
  const std::string actual_name = geojson_type_name(actual).empty() ? std::string(OGRGeometryTypeToName(actual))
                                                                    : std::string(geojson_type_name(actual));
  const std::string layer_name(geojson_type_name(layer_type));
  std::string message = repair_reason ? "invalid geometry (" + *repair_reason + ") that MakeValid repairs into a " +
                                            actual_name + ", which does"
                                      : "geometry type " + actual_name + " does";
  message += " not fit the layer type " + layer_name + ": ";
  if (OGR_GT_GetCollection(wkbFlatten(layer_type)) == actual) {
    message += "set the layer's geometry_type to " + actual_name + " in the catalog";
  } else {
    message += "give features of this type a layer of their own (select them with the catalog's where or sql)";
  }
  if (repair_reason && actual == wkbMultiPolygon) {
    message += ", or fix the polygon in the source";
  }
  context.report(Severity::error, "wrong_geometry_type", message, "dropped");
  return nullptr;
}

/// Lon/lat extents a feature is expected to lie in: the caller's sane
/// extent, and the area of use of a projected target CRS.
struct ExtentChecks {
  std::optional<Extent> sane;
  std::optional<Extent> target_area;
  std::string target_name;
  CoordinateTransformationPtr to_lon_lat;  ///< null when the target is lon/lat already
};

ExtentChecks make_extent_checks(const IngestOptions& options, const OGRSpatialReference& target) {
  ExtentChecks checks;
  checks.sane = options.sane_extent;
  if (target.IsGeographic()) {
    return checks;
  }

  const auto wgs84 = parse_srs("EPSG:4326", "the extent check");
  checks.to_lon_lat.reset(OGRCreateCoordinateTransformation(&target, &wgs84));
  double west = 0;
  double south = 0;
  double east = 0;
  double north = 0;
  const char* name = nullptr;
  if (target.GetAreaOfUse(&west, &south, &east, &north, &name) && west <= east) {
    checks.target_area = Extent{west, south, east, north};
    checks.target_name = describe_srs(target);
  }
  return checks;
}

std::string format_extent_warning(const OGREnvelope& envelope, const Extent& extent, const std::string& what) {
  char text[320];
  std::snprintf(text, sizeof text, "lies at lon %.6f..%.6f, lat %.6f..%.6f, outside %s lon %.6g..%.6g, lat %.6g..%.6g",
                envelope.MinX, envelope.MaxX, envelope.MinY, envelope.MaxY, what.c_str(), extent.min_lon,
                extent.max_lon, extent.min_lat, extent.max_lat);
  return text;
}

void check_extent(const FeatureContext& context, const OGRGeometry& geometry, const ExtentChecks& checks) {
  std::unique_ptr<OGRGeometry> lon_lat;
  const OGRGeometry* checked = &geometry;
  if (checks.to_lon_lat) {
    lon_lat.reset(geometry.clone());
    if (lon_lat->transform(checks.to_lon_lat.get()) != OGRERR_NONE) {
      return;
    }
    checked = lon_lat.get();
  }

  OGREnvelope envelope;
  checked->getEnvelope(&envelope);
  if (checks.sane && !checks.sane->contains(envelope)) {
    context.report(Severity::warning, "outside_extent",
                   format_extent_warning(envelope, *checks.sane, "the expected extent") +
                       ": check the source CRS (hemisphere, zone, axis order)", "kept");
  }
  if (checks.target_area && !checks.target_area->contains(envelope)) {
    context.report(Severity::warning, "outside_crs_area",
                   format_extent_warning(envelope, *checks.target_area, "the area of use of " + checks.target_name) +
                       ", where its coordinates are distorted: choose a target CRS that covers it", "kept");
  }
}

/// Returns the lon/lat envelope of the features that the source checks
/// accept, so a rejected feature (swapped axes, a broken ring) cannot move
/// the centre. The checks' problems are discarded here, because the
/// feature loop in ingest() reports them. Returns nothing when no feature
/// is accepted.
std::optional<OGREnvelope> accepted_lon_lat_envelope(const IngestOptions& options, OGRLayer& layer,
                                                     const OGRSpatialReference& source,
                                                     const std::map<GIntBig, BrokenFeature>& broken_features) {
  const auto wgs84 = parse_srs("EPSG:4326", "the UTM zone picker");
  CoordinateTransformationPtr to_lon_lat(OGRCreateCoordinateTransformation(&source, &wgs84));
  if (!to_lon_lat) {
    return std::nullopt;
  }

  const SourceCrs source_crs{source.IsGeographic() && x_is_longitude(source), ""};
  ProblemLog discarded;
  std::optional<OGREnvelope> envelope;
  layer.ResetReading();
  while (OGRFeature* raw = layer.GetNextFeature()) {
    std::unique_ptr<OGRFeature> feature(raw);
    std::unique_ptr<OGRGeometry> geometry(feature->StealGeometry());
    if (!geometry || broken_features.count(feature->GetFID()) > 0) {
      continue;
    }

    geometry->flattenTo2D();
    const FeatureContext context{options, discarded, 0, "", ""};
    const bool accepted = check_source_geometry(context, *feature, geometry.get(), source_crs);
    if (!accepted || geometry->IsEmpty() || geometry->transform(to_lon_lat.get()) != OGRERR_NONE ||
        find_outside_lon_lat(*geometry)) {
      continue;
    }

    OGREnvelope feature_envelope;
    geometry->getEnvelope(&feature_envelope);
    if (!envelope) {
      envelope = feature_envelope;
    } else {
      envelope->Merge(feature_envelope);
    }
  }
  layer.ResetReading();
  return envelope;
}

/// Resolves the target CRS: the option, or with "UTM" the UTM zone of the
/// centre of the accepted features' lon/lat extent.
OGRSpatialReference resolve_target_srs(const IngestOptions& options, OGRLayer& layer,
                                       const OGRSpatialReference& source,
                                       const std::map<GIntBig, BrokenFeature>& broken_features,
                                       ProblemLog& problems) {
  if (!is_automatic_utm(options.target_srs)) {
    return parse_srs(options.target_srs, "the target CRS option");
  }

  const auto extent = accepted_lon_lat_envelope(options, layer, source, broken_features);
  if (!extent) {
    throw InputError("cannot pick a UTM zone: '" + options.source_path +
                     "' has no feature with a valid geometry in lon/lat; name a target CRS");
  }
  const double lon = (extent->MinX + extent->MaxX) / 2.0;
  const double lat = (extent->MinY + extent->MaxY) / 2.0;

  const int epsg = utm_epsg_for(lon, lat);
  const std::string code = "EPSG:" + std::to_string(epsg);
  problems.add({Severity::note, options.label, "", -1, -1, "utm_zone_picked",
                "target CRS " + code + " picked for the centre (" + std::to_string(lon) + ", " +
                    std::to_string(lat) + ") of the accepted features", ""});
  return parse_srs(code, "the UTM zone picker");
}

/// Maps the FID of each feature of a GeoJSON source whose coordinates cannot
/// be read to the reason, by matching the features' positions in the file
/// with GDAL's reading order.
/// NOTE: an SQL statement that renumbers features breaks this match.
std::map<GIntBig, BrokenFeature> find_broken_by_fid(const IngestOptions& options, GDALDataset& dataset) {
  std::map<GIntBig, BrokenFeature> by_fid;
  if (dataset.GetLayerCount() == 0 || !is_geojson_file(options.source_path)) {
    return by_fid;
  }
  std::map<std::size_t, BrokenFeature> by_position;
  for (auto& broken : find_broken_features(options.source_path)) {
    by_position.emplace(broken.position, std::move(broken));
  }
  if (by_position.empty()) {
    return by_fid;
  }

  OGRLayer* layer = dataset.GetLayer(0);
  layer->ResetReading();
  std::size_t position = 0;
  while (OGRFeature* raw = layer->GetNextFeature()) {
    std::unique_ptr<OGRFeature> feature(raw);
    if (auto found = by_position.find(position); found != by_position.end()) {
      by_fid.emplace(feature->GetFID(), found->second);
    }
    ++position;
  }
  layer->ResetReading();
  return by_fid;
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
  const auto broken_features = find_broken_by_fid(options, *result.dataset);
  OGRLayer* layer = pick_layer(options, *result.dataset, result.result_set);
  result.definition = layer->GetLayerDefn();
  result.source_layer_name = layer->GetName();

  result.source_srs = resolve_source_srs(options, *layer, problems);
  result.target_srs = resolve_target_srs(options, *layer, result.source_srs, broken_features, problems);
  Transformations transformations;
  transformations.forward.reset(OGRCreateCoordinateTransformation(&result.source_srs, &result.target_srs));
  if (!transformations.forward) {
    throw InputError("no transformation from " + describe_srs(result.source_srs) + " to " +
                     describe_srs(result.target_srs) + ": " + CPLGetLastErrorMsg());
  }

  transformations.inverse.reset(transformations.forward->GetInverse());
  transformations.target_is_geographic = result.target_srs.IsGeographic();
  // About 1 cm: 1e-7 degree or 0.01 source unit (metres or feet).
  transformations.round_trip_tolerance = result.source_srs.IsGeographic() ? 1e-7 : 0.01;

  const ExtentChecks extent_checks = make_extent_checks(options, result.target_srs);

  const SourceCrs source_crs{result.source_srs.IsGeographic() && x_is_longitude(result.source_srs),
                             source_crs_advice(options, *layer)};
  const bool source_fids = has_source_fids(options, *layer);
  const std::string encoding = encoding_advice(options, *result.dataset);
  report_invalid_field_names(options, *result.definition, encoding, problems);
  layer->ResetReading();
  long long index = 0;
  while (OGRFeature* raw = layer->GetNextFeature()) {
    std::unique_ptr<OGRFeature> feature(raw);
    ++index;
    std::optional<JsonId> json_id = read_json_id(*feature);
    result.has_source_ids = result.has_source_ids || json_id.has_value();
    // Repaired before the id and the name are taken from the text.
    const std::vector<TextRepair> text_repairs = repair_feature_text(*feature, json_id);
    const std::string id = source_feature_id(options, *feature, source_fids, json_id);
    std::vector<Problem> repairs;
    FeatureContext context{options, problems, index, id, feature_name(options, *feature, id), &repairs};
    report_text_repairs(context, text_repairs, encoding);

    if (auto broken = broken_features.find(feature->GetFID()); broken != broken_features.end()) {
      context.report(Severity::error, broken->second.code,
                     "invalid coordinates: " + broken->second.reason + ": fix them in the source", "dropped");
      continue;
    }

    std::unique_ptr<OGRGeometry> geometry(feature->StealGeometry());
    if (geometry) {
      geometry->flattenTo2D();
    }
    if (!check_source_geometry(context, *feature, geometry.get(), source_crs)) {
      continue;
    }

    if (geometry && geometry->IsEmpty()) {
      geometry.reset();
    }
    if (geometry) {
      if (!reproject(context, *geometry, transformations)) {
        continue;
      }
      std::optional<std::string> repair_reason;
      if (find_shape_issues(*geometry).empty()) {
        geometry = repair_if_invalid(context, std::move(geometry), repair_reason);
        if (!geometry) {
          continue;
        }
      }
      geometry = fit_to_layer_type(context, *geometry, repair_reason);
      if (!geometry) {
        continue;
      }
      check_extent(context, *geometry, extent_checks);
    }

    for (auto& repair : repairs) {
      problems.add(std::move(repair));
    }
    feature->SetGeometryDirectly(geometry.release());
    result.features.push_back({context.id, index, std::move(json_id), std::move(feature)});
  }
  result.source_feature_count = index;
  return result;
}

}  // namespace badung::geodata

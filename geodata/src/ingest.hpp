#pragma once
// Ingest of one OGR source layer under the tool's rules: the source CRS is
// resolved, every geometry is checked, reprojected with PROJ, repaired where
// OGR MakeValid can repair it and fitted to the layer's geometry type. A
// feature that fails a rule is dropped with a named problem; the rest of the
// layer survives.

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include "geometry_checks.hpp"
#include "json_id.hpp"
#include "problem.hpp"

namespace badung::geodata {

struct IngestOptions {
  std::string source_path;
  std::string layer_name;    ///< OGR layer inside a multi-layer source; empty = the first layer
  std::string where;         ///< OGR SQL attribute filter
  std::string sql;           ///< OGR SQL statement run on the source instead of a layer
  std::string source_srs;    ///< overrides the source's own CRS and any .crs side file
  std::string source_srs_name = "--s-srs";  ///< names source_srs in messages, e.g. "the catalog's s_srs"
  std::string target_srs = "EPSG:4326";
  std::vector<std::string> open_options;
  std::string open_options_name = "--oo";  ///< names how to set an open option in messages, e.g. "the catalog's open_options"
  OGRwkbGeometryType geometry_type = wkbUnknown;  ///< declared layer type; wkbUnknown keeps each feature's own
  std::optional<Extent> sane_extent;              ///< lon/lat extent; a feature outside gets a warning
  std::string id_template;   ///< the source's id of a feature in problems; empty = the "id" or "gml_id" field, else a stored FID
  std::string name_field;    ///< field whose value follows the id in problems; empty = "name" or "nama"
  bool keep_invalid = false; ///< keep features with broken rings (still reported)
  std::string label;         ///< layer name in problems
};

/// A feature that passed ingest: its geometry is already in the target CRS.
struct IngestedFeature {
  std::string source_id;  ///< the source's own id as problems name it, or "" when it has none
  long long source_index = 0;  ///< 1-based position in the source, stable while the source is unchanged
  std::optional<JsonId> json_id;  ///< the "id" member of a GeoJSON source's feature, as typed there
  std::unique_ptr<OGRFeature> feature;
};

/// The features of one source layer after ingest, with the open source that
/// owns their field definitions.
class IngestedLayer {
public:
  IngestedLayer() = default;
  IngestedLayer(IngestedLayer&&) = default;
  IngestedLayer& operator=(IngestedLayer&&) = default;
  ~IngestedLayer();

  GDALDatasetUniquePtr dataset;
  OGRLayer* result_set = nullptr;  ///< set when the layer came from `sql`
  OGRFeatureDefn* definition = nullptr;
  std::string source_layer_name;
  OGRSpatialReference source_srs;
  OGRSpatialReference target_srs;
  std::vector<IngestedFeature> features;
  long long source_feature_count = 0;
  bool has_source_ids = false;  ///< whether any feature has a `source_id`
};

/// Reads `options.source_path` into the target CRS. Problems with single
/// features go to `problems`. Throws InputError if the source, its layer, the
/// SQL or a CRS cannot be used.
IngestedLayer ingest(const IngestOptions& options, ProblemLog& problems);

}  // namespace badung::geodata

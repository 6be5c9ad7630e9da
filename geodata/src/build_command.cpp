#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <set>

#include "catalog.hpp"
#include "catalog_writer.hpp"
#include "commands.hpp"
#include "corrections.hpp"
#include "errors.hpp"
#include "geojson_writer.hpp"
#include "glyphs.hpp"
#include "ingest.hpp"
#include "pack_manifest.hpp"
#include "spatial_reference.hpp"
#include "style_output.hpp"
#include "templates.hpp"
#include "twin_marks.hpp"
#include "vector_tiles.hpp"

namespace badung::geodata {

namespace {

namespace fs = std::filesystem;

bool conditions_match(const NameRule& rule, const OGRFeature& feature) {
  return std::all_of(rule.conditions.begin(), rule.conditions.end(), [&](const auto& condition) {
    const int index = feature.GetFieldIndex(condition.first.c_str());
    return index >= 0 && feature.IsFieldSetAndNotNull(index) &&
           condition.second == feature.GetFieldAsString(index);
  });
}

std::optional<std::string> feature_name(const LayerSpec& layer, const OGRFeature& feature) {
  for (const auto& rule : layer.name_rules) {
    if (!conditions_match(rule, feature)) {
      continue;
    }
    if (auto name = expand_template(rule.name_template, feature)) {
      return normalise_name(*name, layer.title_case);
    }
  }
  return std::nullopt;
}

/// Warns once for each field that the layer's id template, name templates
/// or name conditions name but the source lacks: every feature would
/// otherwise lose its id or name without a word.
void check_template_fields(const LayerSpec& layer, const IngestedLayer& ingested, ProblemLog& problems) {
  const OGRFeatureDefn* definition = ingested.definition;
  if (definition == nullptr) {
    return;
  }
  std::vector<std::pair<std::string, std::string>> uses;  // field, where it is named
  for (const std::string& field : template_fields(layer.id_template)) {
    uses.emplace_back(field, "id template '" + layer.id_template + "'");
  }
  for (const NameRule& rule : layer.name_rules) {
    for (const std::string& field : template_fields(rule.name_template)) {
      uses.emplace_back(field, "name template '" + rule.name_template + "'");
    }
    for (const auto& condition : rule.conditions) {
      uses.emplace_back(condition.first, "a name rule condition");
    }
  }

  std::set<std::string> reported;
  for (const auto& [field, where] : uses) {
    const bool id_member = field == "id" && ingested.has_source_ids;  // GeoJSON ids that GDAL keeps as FIDs
    if (definition->GetFieldIndex(field.c_str()) >= 0 || id_member || !reported.insert(field).second) {
      continue;
    }
    std::string fields;
    for (int i = 0; i < definition->GetFieldCount(); ++i) {
      fields += (i == 0 ? "" : ", ") + std::string(definition->GetFieldDefn(i)->GetNameRef());
    }
    problems.add({Severity::warning, layer.id, "", -1, -1, "template_field_missing",
                  "the " + where + " names the field '" + field + "', which the source does not have (its fields: " +
                      fields + "); fix the catalog",
                  "kept"});
  }
}

/// The stable id: the id template's value, else "<layer>-<position in source>".
std::string feature_id(const LayerSpec& layer, const IngestedFeature& ingested, std::set<std::string>& used,
                       ProblemLog& problems) {
  std::string id = layer.id + "-" + std::to_string(ingested.source_index);
  if (!layer.id_template.empty()) {
    if (auto value = expand_template(layer.id_template, *ingested.feature, id_text(ingested.json_id))) {
      id = *value;
    } else {
      problems.add({Severity::warning, layer.id, id, -1, -1, "missing_id",
                    "the fields of id template '" + layer.id_template + "' are empty; using its position",
                    "kept", "", ingested.source_index});
    }
  }
  if (!used.insert(id).second) {
    const std::string unique = id + "-" + std::to_string(ingested.source_index);
    problems.add({Severity::warning, layer.id, id, -1, -1, "duplicate_id",
                  "id '" + id + "' appears twice; this feature gets '" + unique + "'", "kept", "",
                  ingested.source_index});
    id = unique;
    used.insert(id);
  }
  return id;
}

/// Applies a correction to the feature with output id `id`; returns the
/// properties to add.
std::vector<std::pair<std::string, std::string>> apply_correction(const LayerSpec& layer, const std::string& id,
    const Correction& correction, IngestedFeature& ingested, ProblemLog& problems) {
  OGRFeature& feature = *ingested.feature;
  std::vector<std::pair<std::string, std::string>> extra;
  if (correction.geometry) {
    auto fitted = fit_to_type(std::unique_ptr<OGRGeometry>(correction.geometry->clone()), layer.geometry_type);
    if (!fitted) {
      throw InputError(correction.file + ": the geometry for feature '" + id + "' does not fit layer type " +
                       OGRGeometryTypeToName(layer.geometry_type));
    }
    feature.SetGeometryDirectly(fitted.release());
  }
  for (const auto& [key, value] : correction.properties) {
    const int index = feature.GetFieldIndex(key.c_str());
    if (index >= 0) {
      feature.SetField(index, value.c_str());
    } else {
      extra.emplace_back(key, value);
    }
  }
  extra.emplace_back("correction", correction.reason);
  correction.applied = true;
  problems.add({Severity::warning, layer.id, id, -1, -1, "corrected",
                "fields replaced with the values in " + fs::path(correction.file).filename().string(),
                "corrected", "", ingested.source_index});
  return extra;
}

void extend_bbox(double (&bbox)[4], const OGRGeometry& geometry, bool first) {
  OGREnvelope envelope;
  geometry.getEnvelope(&envelope);
  if (first) {
    bbox[0] = envelope.MinX;
    bbox[1] = envelope.MinY;
    bbox[2] = envelope.MaxX;
    bbox[3] = envelope.MaxY;
    return;
  }
  bbox[0] = std::min(bbox[0], envelope.MinX);
  bbox[1] = std::min(bbox[1], envelope.MinY);
  bbox[2] = std::max(bbox[2], envelope.MaxX);
  bbox[3] = std::max(bbox[3], envelope.MaxY);
}

BuiltLayer build_layer(const Catalog& catalog, const LayerSpec& layer, const CorrectionTable& corrections,
                       const std::vector<BuiltLayer>& built_before, const fs::path& out, ProblemLog& problems) {
  IngestOptions options;
  options.source_path = layer.source;
  options.layer_name = layer.source_layer;
  options.where = layer.where;
  options.sql = layer.sql;
  options.source_srs = layer.source_srs;
  options.source_srs_name = "the catalog's s_srs";
  options.open_options = layer.open_options;
  options.open_options_name = "the catalog's open_options";
  options.geometry_type = layer.geometry_type;
  options.sane_extent = layer.sane_extent;
  options.id_template = layer.id_template;
  options.name_field = layer.source_name_property;
  options.label = layer.id;
  IngestedLayer ingested = ingest(options, problems);
  check_template_fields(layer, ingested, problems);

  BuiltLayer built;
  built.spec = &layer;
  built.file = "layers/" + layer.id + ".geojson";
  built.source_file = fs::relative(layer.source, catalog.folder).string();
  built.source_crs = describe_srs(ingested.source_srs);
  built.geometry_type = layer.geometry_type_name;
  built.source_features = ingested.source_feature_count;

  std::set<std::string> used_ids;
  std::vector<OutputFeature> outputs;
  bool has_bbox = false;
  for (auto& feature : ingested.features) {
    OutputFeature output;
    output.id = feature_id(layer, feature, used_ids, problems);
    const auto correction = corrections.find({layer.id, output.id});
    if (correction != corrections.end()) {
      output.extra_properties = apply_correction(layer, output.id, correction->second, feature, problems);
      ++built.corrected;
    }
    output.name = feature_name(layer, *feature.feature);
    output.source = feature.feature.get();
    output.source_number = feature.source_index;
    if (const OGRGeometry* geometry = feature.feature->GetGeometryRef()) {
      extend_bbox(built.bbox, *geometry, !has_bbox);  // features without geometry have no place in it
      has_bbox = true;
    }
    outputs.push_back(std::move(output));
  }

  built.features = static_cast<long long>(outputs.size());
  // Counted by feature: one feature may have several "dropped" problems (two broken rings).
  built.dropped = static_cast<std::size_t>(ingested.source_feature_count) - ingested.features.size();
  built.repaired = problems.count_action(layer.id, "repaired");
  std::string text = to_geojson(outputs, built.bbox, catalog.coordinate_decimals);
  if (!layer.twins_of.empty() && mark_twins(layer, text, built_before, out.string(), outputs, problems) > 0) {
    text = to_geojson(outputs, built.bbox, catalog.coordinate_decimals);
  }
  write_text_file((out / built.file).string(), text);
  return built;
}

}  // namespace

int run_build(const BuildArguments& arguments, std::ostream& log) {
  const Catalog catalog = load_catalog(arguments.catalog);
  const CorrectionTable corrections = load_corrections(catalog.corrections_folder);
  const fs::path out(arguments.out);
  std::error_code error;
  fs::create_directories(out / "layers", error);
  if (error) {
    throw InputError("cannot create '" + (out / "layers").string() + "': " + error.message());
  }

  ProblemLog problems;
  std::vector<BuiltLayer> built;
  bool layer_failed = false;
  for (const auto& layer : catalog.layers) {
    try {
      built.push_back(build_layer(catalog, layer, corrections, built, out, problems));
    } catch (const InputError& failure) {
      problems.add({Severity::error, layer.id, "", -1, -1, "layer_failed", failure.what(), "skipped"});
      layer_failed = true;
    }
  }
  for (const auto& [key, correction] : corrections) {
    if (!correction.applied) {
      problems.add({Severity::warning, key.first, key.second, -1, -1, "correction_unmatched",
                    "correction in " + correction.file + " matches no feature: fix its layer or feature id",
                    "skipped"});
    }
  }

  for (const auto& problem : problems.problems()) {
    log << format_problem(problem) << '\n';
  }
  write_text_file((out / "catalog.json").string(), catalog_json(catalog, built));
  try {
    write_vector_tiles(out, built);
  } catch (const InputError& failure) {
    log << "error: vector tiles: " << failure.what() << '\n';
    layer_failed = true;
  }
  std::set<std::string> layer_ids;
  for (const auto& layer : built) {
    layer_ids.insert(layer.spec->id);
  }
  // The style and its glyphs: a catalog without style/badung.json beside
  // it (a test or agency catalog) builds its layers and tiles only.
  const fs::path style = arguments.style.empty() ? fs::path(arguments.catalog).parent_path() / "style" / "badung.json"
                                                 : fs::path(arguments.style);
  if (arguments.style.empty() && !fs::exists(style)) {
    log << "style: no map style at '" << style.string()
        << "', so no style or glyphs were written; pass --style FILE to add one\n";
  } else {
    if (!write_style(style, out, layer_ids, log)) {
      layer_failed = true;
    }
    std::vector<fs::path> fonts(arguments.fonts.begin(), arguments.fonts.end());
    if (fonts.empty()) {
      fonts = default_glyph_fonts();
    }
    // The Latin ranges, and every range the layers' text uses.
    std::set<std::uint32_t> ranges(default_glyph_ranges().begin(), default_glyph_ranges().end());
    for (const auto& layer : built) {
      std::ifstream in(out / layer.file, std::ios::binary);
      const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
      const auto used = glyph_ranges_of_text(text);
      ranges.insert(used.begin(), used.end());
    }
    if (!write_glyphs(fonts, out / "fonts", {ranges.begin(), ranges.end()}, log)) {
      layer_failed = true;
    }
  }
  try {
    log << "pack.json: data version " << write_pack_manifest(out) << '\n';
  } catch (const InputError& failure) {
    log << "error: pack.json: " << failure.what() << '\n';
    layer_failed = true;
  }
  std::size_t dropped = 0;
  for (const auto& layer : built) {
    log << layer.spec->id << ": " << layer.features << " features (" << layer.dropped << " dropped, "
        << layer.repaired << " repaired, " << layer.corrected << " corrected)\n";
    dropped += layer.dropped;
  }
  // Written last, so that "complete" also covers the tiles, style, glyphs
  // and pack.json: false when any of them or a layer failed. Dropped
  // features alone leave it true (the driver serves such data).
  write_text_file((out / "build-report.json").string(), report_json(built, problems, !layer_failed));
  if (dropped > 0) {
    log << "error: " << dropped << " features dropped; the other features were written (see "
        << (out / "build-report.json").string() << ")\n";
  }
  return layer_failed || dropped > 0 ? 1 : 0;
}

int run_glyphs(const GlyphsArguments& arguments, std::ostream& log) {
  const std::vector<fs::path> fonts(arguments.fonts.begin(), arguments.fonts.end());
  const auto& ranges = arguments.ranges.empty() ? default_glyph_ranges() : arguments.ranges;
  return write_glyphs(fonts, arguments.out, ranges, log) ? 0 : 1;
}

}  // namespace badung::geodata

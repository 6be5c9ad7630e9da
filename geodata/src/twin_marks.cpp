#include "twin_marks.hpp"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <map>

#include "core/geojson/reader.hpp"
#include "core/query/feature_layer.hpp"
#include "core/query/twins.hpp"

namespace badung::geodata {

namespace {

std::string name_of(const geojson::Feature& feature) {
  for (const char* key : {"name", "nama"}) {
    const geojson::Value* value = feature.property(key);
    if (value != nullptr && value->kind == geojson::Value::Kind::string && !value->text.empty()) {
      return value->text;
    }
  }
  return "";
}

}  // namespace

std::size_t mark_twins(const LayerSpec& layer, const std::string& text, const std::vector<BuiltLayer>& built,
                       const std::string& out, std::vector<OutputFeature>& outputs, ProblemLog& problems) {
  const auto official = std::find_if(built.begin(), built.end(),
                                     [&](const BuiltLayer& each) { return each.spec->id == layer.twins_of; });
  if (official == built.end()) {
    problems.add({Severity::warning, layer.id, "", -1, -1, "twins_not_marked",
                  "layer '" + layer.twins_of + "' named by twins_of was not built, so no twins are marked",
                  "kept"});
    return 0;
  }

  // Both layers as the finder reads them: the official one from its written
  // file, this one from its text, so names and ids are the published ones.
  const std::string official_text = read_text_file((std::filesystem::path(out) / official->file).string());
  const query::FeatureLayer officials(geojson::read(official_text).features);
  const query::FeatureLayer features(geojson::read(text).features);
  const std::vector<query::Twin> twins = query::find_twins(officials, official->spec->category, features,
                                                           layer.category, layer.twin_max_distance_m);

  std::map<std::string, std::size_t> output_of_id;
  for (std::size_t i = 0; i < outputs.size(); ++i) {
    output_of_id[outputs[i].id] = i;
  }
  for (const query::Twin& twin : twins) {
    const geojson::Feature& feature = features.features()[twin.feature];
    const geojson::Feature& entry = officials.features()[twin.official];
    const std::string target = layer.twins_of + "/" + entry.id_text();
    OutputFeature& output = outputs[output_of_id.at(feature.id_text())];
    output.extra_properties.emplace_back(std::string(query::twin_of_key), target);

    Problem note{Severity::note, layer.id, feature.id_text(), -1, -1, "twin",
                 "the same place as " + target + " \"" + name_of(entry) + "\", " +
                     std::to_string(std::lround(twin.distance_m)) + " m away: marked twin_of, so the finder lists " +
                     target + " alone",
                 "kept"};
    note.feature_name = name_of(feature);
    note.feature_number = output.source_number;
    problems.add(std::move(note));
  }
  return twins.size();
}

}  // namespace badung::geodata

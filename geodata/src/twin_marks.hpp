#pragma once
// Marks the twins of official entries in a built layer (catalog key
// twins_of): OpenStreetMap features that are the same place as a feature of
// an official layer get a `twin_of` property naming it. Nothing is dropped.

#include <string>
#include <vector>

#include "catalog.hpp"
#include "catalog_writer.hpp"
#include "geojson_writer.hpp"
#include "problem.hpp"

namespace badung::geodata {

/// Adds `twin_of` to each feature of `outputs` (layer `layer`, serialised
/// as `text`) that core::query::find_twins pairs with a feature of the
/// built layer `layer.twins_of` under `out`, and adds a note per twin to
/// `problems`. Returns the number marked. A twins_of layer that was not
/// built gives a warning and no marks.
std::size_t mark_twins(const LayerSpec& layer, const std::string& text, const std::vector<BuiltLayer>& built,
                       const std::string& out, std::vector<OutputFeature>& outputs, ProblemLog& problems);

}  // namespace badung::geodata

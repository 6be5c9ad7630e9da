#pragma once

#include "core/geojson/reader.hpp"
#include "web/render/layer_mesh.hpp"
#include "web/render/style.hpp"

#include <memory>
#include <optional>
#include <string>

namespace badung::web::map {

// One catalog layer with its data, style and GPU buffers.
struct MapLayer {
    enum class State { loading, loaded, failed };

    // From the catalog entry.
    std::string id;
    std::string title_id;
    std::string title_en;
    std::string geometry_type;
    std::string category;
    std::string name_property;

    bool visible = true;
    State state = State::loading;
    std::string error; // why loading failed, for State::failed

    geojson::FeatureCollection data;
    render::LayerStyle style;
    // The swatch in the layer list: the layer's colour where the map style
    // draws it, also while it is hidden at the current zoom. Unset without a
    // map style or when the style never draws the layer.
    std::optional<render::Color> legend_color;
    std::unique_ptr<render::LayerMesh> mesh; // set once loaded
};

// The feature the user (or pick) selected.
struct Selection {
    std::string layer_id;
    std::size_t feature_index = 0;
};

} // namespace badung::web::map

// The App's map style: the MapLibre style the shell fetches at start, and
// each layer's LayerStyle evaluated from it for the current zoom.
#include "web/app.hpp"

#include "web/json_writer.hpp"
#include "web/render/map_style.hpp"

#include <cmath>

namespace badung::web {

std::string App::set_style(std::string_view json) {
    rapidjson::StringBuffer buffer;
    JsonWriter writer(buffer);
    writer.StartObject();
    try {
        map_style_ = style::Style::parse(json);
        label_layer_->invalidate();
    } catch (const style::StyleError& error) {
        writer.Key("error");
        writer.String(error.what());
        writer.EndObject();
        return buffer.GetString();
    }

    refresh_layer_styles(true);
    writer.Key("layers");
    writer.Uint64(map_style_->layers.size());
    writer.Key("diagnostics");
    writer.StartArray();
    for (const style::Diagnostic& diagnostic : map_style_->diagnostics) {
        writer.String(("layer '" + diagnostic.layer_id + "' " + diagnostic.property + ": " + diagnostic.message).c_str());
    }
    writer.EndArray();
    writer.EndObject();
    return buffer.GetString();
}

void App::apply_layer_style(map::MapLayer& layer, bool with_legend) {
    if (!map_style_) {
        return;
    }
    const double zoom = camera_.zoom();
    if (with_legend) {
        layer.legend_color = render::legend_color(*map_style_, layer.id, zoom, layer.data);
    }
    if (auto evaluated = render::evaluate_layer_style(*map_style_, layer.id, zoom, layer.data)) {
        layer.style = std::move(*evaluated);
        return;
    }
    // A catalog layer the style does not draw keeps its built-in look, on
    // top of every styled layer so it is not hidden.
    // NOTE: its zoom range then is the built-in one (always shown).
    layer.style = render::style_for(layer.id, layer.category, layer.geometry_type);
    layer.style.rank += static_cast<int>(map_style_->layers.size());
}

void App::refresh_layer_styles(bool force) {
    if (!map_style_) {
        return;
    }
    const double zoom = camera_.zoom();
    // Styles change little within 1/64 of a zoom level, and evaluating
    // data-driven fills walks every feature.
    if (!force && std::fabs(zoom - styled_zoom_) < 1.0 / 64.0) {
        return;
    }
    styled_zoom_ = zoom;
    for (map::MapLayer& layer : layers_) {
        // The legend stays from the last forced refresh, so the swatches do
        // not change while the user zooms.
        apply_layer_style(layer, force);
    }
    renderer_->set_background(render::background_color(*map_style_, zoom));
    if (force) {
        sort_layers();
        request_frame(2);
    }
}

} // namespace badung::web

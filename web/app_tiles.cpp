// The App's map drawing from vector tiles, its camera motion, and the
// tile queries of window.badungMap.
#include "web/app.hpp"

#include "web/tiles/rendered_features.hpp"

#include <emscripten.h>

namespace badung::web {

namespace {

// Decoding and tessellation per frame: less while the view moves, so
// gestures stay smooth, more while it rests.
constexpr double work_budget_moving_ms = 6.0;
constexpr double work_budget_still_ms = 12.0;

} // namespace

void App::set_tile_source(std::string url_template, int min_zoom, int max_zoom) {
    draw_items_.clear();
    pyramid_->set_source(std::move(url_template), min_zoom, max_zoom);
    request_frame();
}

void App::fly_to(geo::LonLat center, double zoom) {
    camera::Camera target = camera_;
    target.set_view(center, zoom); // clamped like the camera
    motion_.fly_to(camera_, {target.center_world(), target.zoom()}, emscripten_get_now());
    motion_started();
}

void App::motion_started() {
    request_frame();
}

std::string App::rendered_features_json(camera::ScreenPoint point) const {
    return tiles::rendered_features_json(draw_items_, draw_order_, camera_, point);
}

std::string App::rendered_labels_json() const {
    return label_layer_->rendered_labels_json(camera_);
}

void App::update_selection_mesh() {
    const map::MapLayer* layer = selected_layer();
    if (layer == nullptr) {
        selection_mesh_.reset();
        selection_mesh_key_.clear();
        return;
    }
    const std::string key = layer->id + "#" + std::to_string(selected_feature());
    if (selection_mesh_ && key == selection_mesh_key_) {
        return;
    }
    geojson::FeatureCollection one;
    one.features.push_back(layer->data.features.at(selected_feature()));
    selection_mesh_ = std::make_unique<render::LayerMesh>(render::build_layer_geometry(one, frame_origin_));
    selection_mesh_key_ = key;
}

void App::draw_map(double time_ms) {
    if (motion_.active()) {
        const bool going_on = motion_.step(camera_, time_ms);
        view_dirty_ = true;
        if (going_on) {
            request_frame();
        }
    }

    pyramid_->update(camera_);
    // A drag, wheel or setView moves the view as much as an animation does.
    const bool moving = motion_.active() || view_dirty_;
    const double budget = moving ? work_budget_moving_ms : work_budget_still_ms;
    if (pyramid_->process(budget)) {
        request_frame(); // more tiles to decode next frame
    }
    draw_items_ = pyramid_->draw_items();
    tile_renderer_->draw(camera_, pixel_ratio_, draw_order_, draw_items_, map_style(),
                         renderer_->background());

    update_selection_mesh();
    const map::MapLayer* selected = selected_layer();
    if (selection_mesh_ && selected != nullptr && selected->visible) {
        renderer_->draw_selection(camera_, pixel_ratio_, *selection_mesh_, selected->style);
    }

    // Labels on top of the map; placed again only when the tiles, the
    // zoom or the glyphs change.
    if (label_layer_->update(camera_, draw_items_, map_style(), moving, time_ms)) {
        request_frame();
    }
    label_layer_->draw(camera_, pixel_ratio_);
}

} // namespace badung::web

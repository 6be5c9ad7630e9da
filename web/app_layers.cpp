// The App's layers: loading, visibility, picking and their JSON for the shell.
#include "web/app.hpp"

#include "web/js_bridge.hpp"
#include "web/json_writer.hpp"
#include "web/map/picking.hpp"
#include "web/render/map_style.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <exception>

namespace badung::web {

namespace {

// "#rrggbb" of a colour, its alpha left out.
std::string hex_color(render::Color color) {
    const auto byte = [](float channel) {
        return static_cast<unsigned>(std::lround(std::clamp(channel, 0.0F, 1.0F) * 255.0F));
    };
    char text[8];
    std::snprintf(text, sizeof text, "#%02x%02x%02x", byte(color.r), byte(color.g), byte(color.b));
    return text;
}

} // namespace

void App::add_layer(LayerEntry entry) {
    map::MapLayer layer;
    layer.id = std::move(entry.id);
    layer.title_id = std::move(entry.title_id);
    layer.title_en = std::move(entry.title_en);
    layer.geometry_type = std::move(entry.geometry_type);
    layer.category = std::move(entry.category);
    layer.name_property = std::move(entry.name_property);
    layer.style = render::style_for(layer.id, layer.category, layer.geometry_type);

    map::MapLayer* added = find_layer(layer.id);
    if (added != nullptr) {
        *added = std::move(layer);
    } else {
        added = &layers_.emplace_back(std::move(layer));
    }
    apply_layer_style(*added);
    selection_.reset(); // indices into layers_ may have moved
    sort_layers();
    request_frame(2);
}

std::string App::load_layer(const std::string& id, std::string_view text) {
    rapidjson::StringBuffer buffer;
    JsonWriter writer(buffer);
    writer.StartObject();
    writer.Key("id");
    writer.String(id.c_str());

    map::MapLayer* layer = find_layer(id);
    if (layer == nullptr) {
        writer.Key("error");
        writer.String(("layer '" + id + "' is not in the catalog: add it before loading data").c_str());
        writer.EndObject();
        return buffer.GetString();
    }

    bool ok = false;
    try {
        // The map draws from the vector tiles; the GeoJSON serves picking,
        // search and the selection highlight.
        layer->data = geojson::read(text);
        apply_layer_style(*layer); // data-driven colours need the features
        ok = true;
    } catch (const geojson::ParseError& error) {
        // The message already names the byte offset of the fault.
        fail_layer(id, "layer '" + id + "' is not GeoJSON: " + error.what());
    } catch (const std::exception& error) {
        fail_layer(id, "layer '" + id + "' could not be read: " + error.what());
    }
    if (!ok) {
        writer.Key("error");
        writer.String(layer->error.c_str());
        writer.EndObject();
        return buffer.GetString();
    }
    layer->state = map::MapLayer::State::loaded;
    layer->error.clear();
    request_frame(2);

    writer.Key("features");
    writer.Uint64(layer->data.features.size());
    writer.Key("issues");
    writer.StartArray();
    for (const geojson::Issue& issue : layer->data.issues) {
        writer.String(issue.message.c_str());
    }
    writer.EndArray();
    writer.EndObject();
    return buffer.GetString();
}

void App::fail_layer(const std::string& id, const std::string& message) {
    if (map::MapLayer* layer = find_layer(id)) {
        layer->state = map::MapLayer::State::failed;
        layer->error = message;
        layer->mesh.reset();
        layer->data = {};
        if (selection_ && selection_->layer_id == id) {
            selection_.reset();
        }
        request_frame(2);
    }
}

bool App::all_layers_settled() const {
    return std::none_of(layers_.begin(), layers_.end(), [](const map::MapLayer& layer) {
        return layer.state == map::MapLayer::State::loading;
    });
}

void App::sort_layers() {
    draw_order_.clear();
    for (const map::MapLayer& layer : layers_) {
        draw_order_.push_back(&layer);
    }
    // Stable, so layers of one rank keep their catalog order.
    std::stable_sort(draw_order_.begin(), draw_order_.end(),
                     [](const map::MapLayer* a, const map::MapLayer* b) {
                         return a->style.rank < b->style.rank;
                     });
}

map::MapLayer* App::find_layer(const std::string& id) {
    const auto it = std::find_if(layers_.begin(), layers_.end(),
                                 [&id](const map::MapLayer& layer) { return layer.id == id; });
    return it == layers_.end() ? nullptr : &*it;
}

const std::string& App::title_of(const map::MapLayer& layer) const {
    const std::string& title = language_ == i18n::Language::en ? layer.title_en : layer.title_id;
    return title.empty() ? layer.id : title;
}

render::Color App::swatch_color(const map::MapLayer& layer) {
    if (layer.legend_color) {
        return *layer.legend_color;
    }
    // Without a map style: the built-in look, which draws at every zoom.
    return render::main_color(layer.style).value_or(render::Color{0.5F, 0.5F, 0.5F, 1.0F});
}

std::string App::layers_json() const {
    rapidjson::StringBuffer buffer;
    JsonWriter writer(buffer);
    writer.StartArray();
    for (const map::MapLayer& layer : layers_) {
        writer.StartObject();
        writer.Key("id");
        writer.String(layer.id.c_str());
        writer.Key("title");
        writer.String(title_of(layer).c_str());
        writer.Key("visible");
        writer.Bool(layer.visible);
        writer.Key("state");
        writer.String(layer.state == map::MapLayer::State::loaded   ? "loaded"
                      : layer.state == map::MapLayer::State::failed ? "failed"
                                                                    : "loading");
        if (layer.state == map::MapLayer::State::failed) {
            writer.Key("error");
            writer.String(layer.error.c_str());
        }
        writer.Key("features");
        writer.Uint64(layer.data.features.size());
        writer.Key("color");
        writer.String(hex_color(swatch_color(layer)).c_str());
        writer.EndObject();
    }
    writer.EndArray();
    return buffer.GetString();
}

bool App::set_layer_visible(const std::string& id, bool visible) {
    map::MapLayer* layer = find_layer(id);
    if (layer == nullptr) {
        return false;
    }
    if (layer->visible != visible) {
        layer->visible = visible;
        request_frame(2);
    }
    return true;
}

std::string App::feature_json(const map::MapLayer& layer, std::size_t index) const {
    const geojson::Feature& feature = layer.data.features.at(index);
    rapidjson::StringBuffer buffer;
    JsonWriter writer(buffer);
    writer.StartObject();
    writer.Key("layer");
    writer.String(layer.id.c_str());
    writer.Key("id");
    write_value(writer, feature.id);
    writer.Key("properties");
    writer.StartObject();
    for (const auto& [key, value] : feature.properties) {
        writer.Key(key.c_str(), static_cast<rapidjson::SizeType>(key.size()));
        write_value(writer, value);
    }
    writer.EndObject();
    writer.EndObject();
    return buffer.GetString();
}

std::string App::pick_json(camera::ScreenPoint point) const {
    const std::optional<map::PickHit> hit = map::pick(draw_order_, camera_, point);
    return hit ? feature_json(*hit->layer, hit->feature_index) : "null";
}

void App::click(camera::ScreenPoint point) {
    last_click_ = camera_.unproject(point);
    const std::optional<map::PickHit> hit = map::pick(draw_order_, camera_, point);
    if (hit) {
        selection_ = map::Selection{hit->layer->id, hit->feature_index};
        js::emit("select", feature_json(*hit->layer, hit->feature_index));
    } else {
        selection_.reset();
        js::emit("select", "null");
    }
    request_frame(2);
}

const map::MapLayer* App::selected_layer() const {
    if (!selection_) {
        return nullptr;
    }
    for (const map::MapLayer& layer : layers_) {
        if (layer.id == selection_->layer_id && layer.state == map::MapLayer::State::loaded &&
            selection_->feature_index < layer.data.features.size()) {
            return &layer;
        }
    }
    return nullptr;
}

std::string App::view_json() const {
    const geo::LonLat center = camera_.center();
    rapidjson::StringBuffer buffer;
    JsonWriter writer(buffer);
    writer.StartObject();
    writer.Key("lon");
    writer.Double(center.lon);
    writer.Key("lat");
    writer.Double(center.lat);
    writer.Key("zoom");
    writer.Double(camera_.zoom());
    writer.Key("width");
    writer.Double(camera_.width());
    writer.Key("height");
    writer.Double(camera_.height());
    writer.EndObject();
    return buffer.GetString();
}

} // namespace badung::web

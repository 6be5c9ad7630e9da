// Entry points of the browser app: Embind functions the shell
// (shell/badung-map.js) calls to start the app, hand over the catalog, the
// layers and the font, and to serve window.badungMap.
#include "web/app.hpp"
#include "web/input/input.hpp"
#include "web/json_writer.hpp"
#include "web/tiles/tile_pyramid.hpp"

#include <emscripten/bind.h>

#include <memory>
#include <stdexcept>
#include <string_view>
#include <utility>

namespace {

using badung::web::App;

std::unique_ptr<App> app_instance;
std::unique_ptr<badung::web::input::Input> input_instance;

App& app() {
    if (!app_instance) {
        throw std::logic_error("the map is not started: call start(canvasSelector) first");
    }
    return *app_instance;
}

// Returns "" on success, else the reason (no WebGL2, a shader error).
std::string start(const std::string& canvas_selector) {
    if (app_instance) {
        return "";
    }
    try {
        app_instance = std::make_unique<App>(canvas_selector);
        input_instance = std::make_unique<badung::web::input::Input>(*app_instance);
    } catch (const std::exception& error) {
        app_instance.reset();
        return error.what();
    }
    return "";
}

void add_layer(const std::string& id, const std::string& title_id, const std::string& title_en,
               const std::string& geometry_type, const std::string& category,
               const std::string& name_property) {
    app().add_layer({id, title_id, title_en, geometry_type, category, name_property});
}

std::string load_layer(const std::string& id, const std::string& text) {
    return app().load_layer(id, text);
}

std::string set_style(const std::string& json) {
    return app().set_style(json);
}

void fail_layer(const std::string& id, const std::string& message) {
    app().fail_layer(id, message);
}

void load_font(const std::string& bytes) {
    app().load_font(bytes);
}

void set_view(double lon, double lat, double zoom) {
    app().set_view({lon, lat}, zoom);
}

void zoom_by(double delta) {
    app().zoom_by(delta);
}

std::string get_view() {
    return app().view_json();
}

std::string layers() {
    return app().layers_json();
}

bool set_layer_visible(const std::string& id, bool visible) {
    return app().set_layer_visible(id, visible);
}

std::string pick(double x, double y) {
    return app().pick_json({x, y});
}

std::string project(double lon, double lat) {
    const badung::camera::ScreenPoint p = app().camera().project(badung::geo::LonLat{lon, lat});
    return "{\"x\":" + std::to_string(p.x) + ",\"y\":" + std::to_string(p.y) + "}";
}

// Returns false for a code other than id or en.
bool set_language(const std::string& code) {
    const auto language = badung::i18n::parse_language(code);
    if (!language) {
        return false;
    }
    app().set_language(*language);
    return true;
}

std::string language() {
    return std::string(badung::i18n::code(app().language()));
}

void set_panel_open(bool open) {
    app().request_panel_open(open);
}

// The panel's strings in a language ("id" or "en", else Bahasa Indonesia),
// for the shell's HTML controls that mirror the panel:
// {"title", "language", "layers", "layerFailed", "report", "openReportForm"}.
std::string panel_strings(const std::string& code) {
    using badung::i18n::Text;
    const auto language = badung::i18n::parse_language(code).value_or(badung::i18n::Language::id);
    rapidjson::StringBuffer buffer;
    badung::web::JsonWriter writer(buffer);
    writer.StartObject();
    static constexpr std::pair<const char*, Text> keys[] = {
        {"title", Text::panel_title},   {"language", Text::language},
        {"layers", Text::layers},       {"layerFailed", Text::layer_failed},
        {"report", Text::report},       {"openReportForm", Text::open_report_form},
    };
    for (const auto& [name, key] : keys) {
        const std::string_view value = badung::i18n::translate(key, language);
        writer.Key(name);
        writer.String(value.data(), static_cast<rapidjson::SizeType>(value.size()));
    }
    writer.EndObject();
    return buffer.GetString();
}

void redraw() {
    app().request_frame();
}

unsigned frame_count() {
    return app().frame_count();
}

bool all_layers_settled() {
    return app().all_layers_settled();
}

void set_tile_source(const std::string& url_template, int min_zoom, int max_zoom) {
    app().set_tile_source(url_template, min_zoom, max_zoom);
}

// The tile URLs of the opening view on a canvas of this size in CSS pixels,
// as a JSON array, nearest to the centre first. The page requests them while
// start() waits for the GPU; "[]" when the canvas needs over 4,096 tiles.
std::string opening_tile_urls(double css_width, double css_height, const std::string& url_template, int min_zoom,
                              int max_zoom) {
    std::vector<std::string> urls;
    try {
        urls = badung::web::tiles::TilePyramid::wanted_urls(App::opening_camera(css_width, css_height), url_template,
                                                            min_zoom, max_zoom);
    } catch (const std::length_error&) {
        return "[]";
    }

    rapidjson::StringBuffer buffer;
    badung::web::JsonWriter writer(buffer);
    writer.StartArray();
    for (const std::string& url : urls) {
        writer.String(url.c_str(), static_cast<rapidjson::SizeType>(url.size()));
    }
    writer.EndArray();
    return buffer.GetString();
}

std::string loaded_tiles() {
    return app().loaded_tiles_json();
}

std::string rendered_features(double x, double y) {
    return app().rendered_features_json({x, y});
}

void fly_to(double lon, double lat, double zoom) {
    app().fly_to({lon, lat}, zoom);
}

std::string rendered_labels() {
    return app().rendered_labels_json();
}

bool tiles_complete() {
    return app().tiles_complete();
}

} // namespace

EMSCRIPTEN_BINDINGS(badung_map) {
    emscripten::function("start", &start);
    emscripten::function("addLayer", &add_layer);
    emscripten::function("loadLayer", &load_layer);
    emscripten::function("failLayer", &fail_layer);
    emscripten::function("setStyle", &set_style);
    emscripten::function("loadFont", &load_font);
    emscripten::function("setView", &set_view);
    emscripten::function("zoomBy", &zoom_by);
    emscripten::function("getView", &get_view);
    emscripten::function("layers", &layers);
    emscripten::function("setLayerVisible", &set_layer_visible);
    emscripten::function("pick", &pick);
    emscripten::function("project", &project);
    emscripten::function("setLanguage", &set_language);
    emscripten::function("language", &language);
    emscripten::function("redraw", &redraw);
    emscripten::function("setPanelOpen", &set_panel_open);
    emscripten::function("panelStrings", &panel_strings);
    emscripten::function("frameCount", &frame_count);
    emscripten::function("allLayersSettled", &all_layers_settled);
    emscripten::function("setTileSource", &set_tile_source);
    emscripten::function("openingTileUrls", &opening_tile_urls);
    emscripten::function("loadedTiles", &loaded_tiles);
    emscripten::function("renderedFeatures", &rendered_features);
    emscripten::function("flyTo", &fly_to);
    emscripten::function("tilesComplete", &tiles_complete);
    emscripten::function("renderedLabels", &rendered_labels);
}

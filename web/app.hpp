#pragma once

#include "core/camera/camera.hpp"
#include "core/i18n/text.hpp"
#include "web/input/camera_motion.hpp"
#include "web/labels/label_layer.hpp"
#include "core/style/style.hpp"
#include "web/map/map_layer.hpp"
#include "web/render/renderer.hpp"
#include "web/tiles/tile_pyramid.hpp"
#include "web/tiles/tile_renderer.hpp"
#include "web/ui/imgui_renderer.hpp"

#include <emscripten/html5.h>

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace badung::web {

// A catalog entry as the shell hands it over.
struct LayerEntry {
    std::string id;
    std::string title_id;
    std::string title_en;
    std::string geometry_type;
    std::string category;
    std::string name_property;
};

// A button or key change for Dear ImGui. ImGui 1.86 samples button and key
// state once per frame, so a press and release between two frames (a fast
// click or tap) would be lost; queued changes are applied at most one per
// button or key per frame.
struct UiInputEvent {
    enum class Kind { mouse_button, key };

    Kind kind = Kind::mouse_button;
    int index = 0; // mouse button 0..2 or DOM keyCode 0..511
    bool down = false;
    float x = 0.0F; // pointer position for mouse buttons, CSS pixels
    float y = 0.0F;
};

// The browser app: owns the WebGL2 context, the camera, the layers and the
// UI, and draws a frame only when something changed.
class App {
public:
    // Creates a WebGL2 context on the canvas matching selector
    // and fits the view to Kabupaten Badung. Throws std::runtime_error when
    // WebGL2 is unavailable or a shader fails.
    explicit App(std::string canvas_selector);
    ~App();

    // The camera of the opening view, all of Kabupaten Badung, on a canvas
    // of this size in CSS pixels. Needs no WebGL context.
    static camera::Camera opening_camera(double css_width, double css_height);

    App(const App&) = delete;
    App& operator=(const App&) = delete;

    // Catalog and data ----------------------------------------------------
    void add_layer(LayerEntry entry);
    // Parses GeoJSON text into the layer; returns a JSON summary
    // {"id", "features", "issues": [...]} or {"id", "error"} when the text
    // is not GeoJSON (the layer is then marked failed).
    std::string load_layer(const std::string& id, std::string_view text);
    void fail_layer(const std::string& id, const std::string& message);
    // Takes a TrueType font for the UI; the panel appears once it is set.
    void load_font(const std::string& bytes);
    bool all_layers_settled() const;
    // Takes the map style (MapLibre style JSON) that colours, sizes and
    // zoom ranges of the layers come from. Returns JSON {"layers": N,
    // "diagnostics": [...]} or {"error": ...} when the text is not a v8
    // style (the built-in styles then stay).
    std::string set_style(std::string_view json);
    // The map style, or nullptr before set_style succeeded.
    const style::Style* map_style() const { return map_style_ ? &*map_style_ : nullptr; }

    // View ----------------------------------------------------------------
    void set_view(geo::LonLat center, double zoom);
    void zoom_by(double delta);
    camera::Camera& camera() { return camera_; }
    const camera::Camera& camera() const { return camera_; }
    std::string view_json() const;
    // Marks the view changed: redraws and emits 'viewchange' after the frame.
    void view_changed();
    // Flies to a view along a smooth zoom-out-and-in path.
    void fly_to(geo::LonLat center, double zoom);
    // Animated camera changes (gestures stop or start them).
    input::CameraMotion& motion() { return motion_; }
    // Starts a motion step on the next frame.
    void motion_started();

    // Vector tiles ----------------------------------------------------------
    // Sets the tile source (URL template with {z}/{x}/{y}, zoom range).
    void set_tile_source(std::string url_template, int min_zoom, int max_zoom);
    // The cached tiles: [{z, x, y, state, wanted, drawn, bytes}].
    std::string loaded_tiles_json() const { return pyramid_->tiles_json(); }
    // The features drawn at a canvas point, from the tiles (topmost first).
    std::string rendered_features_json(camera::ScreenPoint point) const;
    // The labels drawn in the view: [{text, layer, x, y, width, height}].
    std::string rendered_labels_json() const;
    // True once every tile the view needs is drawn (or failed).
    bool tiles_complete() const { return pyramid_->complete(); }

    // Layers and picking --------------------------------------------------
    std::vector<map::MapLayer>& layers() { return layers_; }
    std::string layers_json() const;
    // The colour of a layer's swatch in the layer list and in layers_json().
    static render::Color swatch_color(const map::MapLayer& layer);
    bool set_layer_visible(const std::string& id, bool visible);
    std::string pick_json(camera::ScreenPoint point) const;
    // Selects what lies under a click (or clears the selection) and emits
    // 'select' with the feature or null.
    void click(camera::ScreenPoint point);
    // Marks a click that waits to learn whether a second press makes it a
    // double click. Frames go on and report "moving" meanwhile, so idle()
    // waits for the selection.
    void set_click_pending(bool pending) { click_pending_ = pending; }
    const map::MapLayer* selected_layer() const;
    std::optional<geo::LonLat> last_click() const { return last_click_; }
    std::size_t selected_feature() const { return selection_ ? selection_->feature_index : 0; }

    // Language --------------------------------------------------------------
    i18n::Language language() const { return language_; }
    void set_language(i18n::Language language);
    std::string_view text(i18n::Text text) const { return i18n::translate(text, language_); }
    const std::string& title_of(const map::MapLayer& layer) const;

    // Queues a button or key change for the next frames.
    void queue_ui_input(const UiInputEvent& event);

    // Frames ----------------------------------------------------------------
    // Asks for `count` more frames (the UI needs a few to settle after input).
    void request_frame(int count = 1);
    unsigned frame_count() const { return frame_count_; }
    const std::string& canvas_selector() const { return canvas_selector_; }
    double pixel_ratio() const { return pixel_ratio_; }

    // The panel's screen area as last drawn (or any open popup), so input
    // can route a press there before ImGui has seen the pointer move.
    // A change of `open` (expanded or collapsed) is sent to the shell.
    void set_panel_area(float x, float y, float width, float height, bool popup_open, bool open);
    bool over_panel(camera::ScreenPoint point) const;
    // The panel's top edge as last drawn, in CSS pixels.
    float panel_top() const { return panel_area_[1]; }
    // Asks the panel to expand (true) or collapse (false) on the next frame.
    void request_panel_open(bool open);
    // The pending request of request_panel_open(), which this call clears.
    std::optional<bool> take_panel_open_request();

private:
    static EM_BOOL on_animation_frame(double time, void* user_data);
    void frame(double time_ms);
    void update_canvas_size();
    void apply_ui_input();
    void rebuild_font_texture();
    void draw_map(double time_ms);
    void update_selection_mesh();
    void sort_layers();
    // Evaluates each layer's style and the background colour for the
    // current zoom from the map style, when one is set. Unless `force` is
    // set, it does nothing when the zoom has not changed since the last call.
    void refresh_layer_styles(bool force);
    void apply_layer_style(map::MapLayer& layer, bool with_legend = true);
    map::MapLayer* find_layer(const std::string& id);
    std::string feature_json(const map::MapLayer& layer, std::size_t index) const;

    std::string canvas_selector_;
    EMSCRIPTEN_WEBGL_CONTEXT_HANDLE context_ = 0;
    camera::Camera camera_;
    render::LocalFrame frame_origin_;
    std::unique_ptr<render::Renderer> renderer_;
    std::unique_ptr<tiles::TilePyramid> pyramid_;
    std::unique_ptr<tiles::TileRenderer> tile_renderer_;
    std::unique_ptr<labels::LabelLayer> label_layer_;
    std::unique_ptr<ui::ImGuiRenderer> imgui_renderer_;
    std::vector<tiles::DrawItem> draw_items_; // of the frame on screen
    input::CameraMotion motion_;
    std::unique_ptr<render::LayerMesh> selection_mesh_; // the selected feature alone
    std::string selection_mesh_key_;

    std::vector<map::MapLayer> layers_;            // catalog order
    std::vector<const map::MapLayer*> draw_order_; // bottom first
    std::optional<map::Selection> selection_;
    std::optional<geo::LonLat> last_click_;
    bool click_pending_ = false;

    i18n::Language language_ = i18n::Language::id;
    std::vector<UiInputEvent> ui_input_;
    std::optional<style::Style> map_style_;
    double styled_zoom_ = -1.0;

    std::string font_bytes_;
    double font_pixel_ratio_ = 0.0;
    double pixel_ratio_ = 1.0;
    double last_frame_ms_ = 0.0;
    float panel_area_[4] = {0.0F, 0.0F, 0.0F, 0.0F};
    bool popup_open_ = false;
    std::optional<bool> panel_open_;         // as last sent to the shell
    std::optional<bool> panel_open_request_; // from the shell
    bool frame_pending_ = false;
    bool view_dirty_ = false;
    int frames_requested_ = 0;
    unsigned frame_count_ = 0;
};

} // namespace badung::web

#include "web/app.hpp"

#include "web/js_bridge.hpp"
#include "web/ui/panel.hpp"

#include <emscripten.h>
#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <stdexcept>

namespace badung::web {

namespace {

// Kabupaten Badung from Pecatu in the south to Petang in the north.
constexpr geo::BBox badung_bbox{115.05, -8.85, 115.30, -8.24};
constexpr double initial_padding_px = 24.0;
// The view centre stays within this many degrees of Badung, and the zoom
// within the range where the tiles (z8 to z16, overzoomed) show it.
constexpr double bounds_margin_deg = 0.25;
constexpr double view_min_zoom = 7.0;
constexpr double view_max_zoom = 20.0;
constexpr double ui_font_size_px = 16.0;

// shell/badung-map-api.js creates this context early with the same
// attributes (createContextEarly); a change here must be made there too.
EMSCRIPTEN_WEBGL_CONTEXT_HANDLE create_webgl2_context(const std::string& selector) {
    EmscriptenWebGLContextAttributes attributes;
    emscripten_webgl_init_context_attributes(&attributes);
    attributes.majorVersion = 2;
    attributes.minorVersion = 0;
    attributes.alpha = EM_FALSE;
    attributes.stencil = EM_FALSE;
    // Lines and symbols antialias in their shaders; multisampling would
    // multiply the fragment work on software renderers (SwiftShader).
    attributes.antialias = EM_FALSE;
    attributes.depth = EM_FALSE;

    const EMSCRIPTEN_WEBGL_CONTEXT_HANDLE context =
        emscripten_webgl_create_context(selector.c_str(), &attributes);
    if (context <= 0) {
        throw std::runtime_error("WebGL2 is not available on canvas '" + selector +
                                 "' (error " + std::to_string(context) +
                                 "): use a browser with WebGL2 enabled");
    }
    emscripten_webgl_make_context_current(context);
    return context;
}

} // namespace

App::App(std::string canvas_selector)
    : canvas_selector_(std::move(canvas_selector)),
      context_(create_webgl2_context(canvas_selector_)),
      frame_origin_{geo::to_world({115.175, -8.545})},
      renderer_(std::make_unique<render::Renderer>(frame_origin_)),
      pyramid_(std::make_unique<tiles::TilePyramid>()),
      tile_renderer_(std::make_unique<tiles::TileRenderer>()),
      label_layer_(std::make_unique<labels::LabelLayer>()) {
    pyramid_->on_change([this] { request_frame(); });
    label_layer_->on_change([this] { request_frame(); });
    IMGUI_CHECKVERSION();
    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;
    io.ConfigInputTextCursorBlink = false; // a blinking cursor would need a frame every 0.5 s
    io.BackendPlatformName = "badung_html5";
    ImGui::StyleColorsLight();
    ImGui::GetStyle().WindowRounding = 6.0F;
    imgui_renderer_ = std::make_unique<ui::ImGuiRenderer>();

    update_canvas_size();
    camera_ = opening_camera(camera_.width(), camera_.height());
    request_frame();
}

camera::Camera App::opening_camera(double css_width, double css_height) {
    camera::Camera camera;
    camera.set_viewport(css_width, css_height);
    camera.set_zoom_range(view_min_zoom, view_max_zoom);
    camera.set_bounds({badung_bbox.west - bounds_margin_deg, badung_bbox.south - bounds_margin_deg,
                       badung_bbox.east + bounds_margin_deg, badung_bbox.north + bounds_margin_deg});
    camera.fit(badung_bbox, initial_padding_px);
    return camera;
}

App::~App() {
    imgui_renderer_.reset();
    ImGui::DestroyContext();
    draw_items_.clear();
    selection_mesh_.reset();
    pyramid_.reset();
    tile_renderer_.reset();
    label_layer_.reset();
    renderer_.reset();
    emscripten_webgl_destroy_context(context_);
}

void App::update_canvas_size() {
    double css_width = 0.0;
    double css_height = 0.0;
    emscripten_get_element_css_size(canvas_selector_.c_str(), &css_width, &css_height);
    pixel_ratio_ = std::max(0.5, js::device_pixel_ratio());

    const int width = std::max(1, static_cast<int>(std::lround(css_width * pixel_ratio_)));
    const int height = std::max(1, static_cast<int>(std::lround(css_height * pixel_ratio_)));
    int current_width = 0;
    int current_height = 0;
    emscripten_get_canvas_element_size(canvas_selector_.c_str(), &current_width, &current_height);
    if (current_width != width || current_height != height) {
        emscripten_set_canvas_element_size(canvas_selector_.c_str(), width, height);
    }

    camera_.set_viewport(css_width, css_height);
    glViewport(0, 0, width, height);

    ImGuiIO& io = ImGui::GetIO();
    io.DisplaySize = ImVec2(static_cast<float>(css_width), static_cast<float>(css_height));
    io.DisplayFramebufferScale =
        ImVec2(static_cast<float>(pixel_ratio_), static_cast<float>(pixel_ratio_));
}

void App::load_font(const std::string& bytes) {
    font_bytes_ = bytes;
    font_pixel_ratio_ = 0.0; // rebuilt by the next frame
    request_frame();
}

// The atlas is rasterised at device resolution and scaled back, so text
// stays sharp at any devicePixelRatio; it is rebuilt when the ratio changes.
void App::rebuild_font_texture() {
    ImGuiIO& io = ImGui::GetIO();
    io.Fonts->Clear();

    // ImGui frees the copy it owns when the atlas is cleared.
    void* data = IM_ALLOC(font_bytes_.size());
    std::memcpy(data, font_bytes_.data(), font_bytes_.size());
    static const ImWchar ranges[] = {
        0x0020, 0x00FF, // Basic Latin, Latin-1 (©, é)
        0x0100, 0x017F, // Latin Extended-A
        0x2010, 0x2027, // dashes, quotes, ellipsis
        0,
    };
    ImFontConfig config;
    config.OversampleH = 1;
    config.OversampleV = 1;
    const float size = static_cast<float>(ui_font_size_px * pixel_ratio_);
    io.Fonts->AddFontFromMemoryTTF(data, static_cast<int>(font_bytes_.size()), size, &config, ranges);
    io.FontGlobalScale = static_cast<float>(1.0 / pixel_ratio_);

    try {
        imgui_renderer_->upload_fonts(*io.Fonts);
    } catch (const std::runtime_error& error) {
        // Without a font atlas the panel cannot be drawn, so it stays hidden.
        emscripten_log(EM_LOG_ERROR,
                       "badungMap: %s; the panel stays hidden until fonts/NotoSans-Regular.ttf "
                       "is a valid TrueType font",
                       error.what());
        io.Fonts->Clear();
        font_bytes_.clear();
        return;
    }
    font_pixel_ratio_ = pixel_ratio_;
}

void App::set_panel_area(float x, float y, float width, float height, bool popup_open, bool open) {
    panel_area_[0] = x;
    panel_area_[1] = y;
    panel_area_[2] = width;
    panel_area_[3] = height;
    popup_open_ = popup_open;

    if (panel_open_ != open) {
        panel_open_ = open;
        js::panel_changed(open);
    }
}

void App::request_panel_open(bool open) {
    panel_open_request_ = open;
    request_frame(2);
}

std::optional<bool> App::take_panel_open_request() {
    const std::optional<bool> request = panel_open_request_;
    panel_open_request_.reset();
    return request;
}

bool App::over_panel(camera::ScreenPoint point) const {
    if (popup_open_) {
        return true;
    }
    return point.x >= panel_area_[0] && point.x <= panel_area_[0] + panel_area_[2] &&
           point.y >= panel_area_[1] && point.y <= panel_area_[1] + panel_area_[3];
}

void App::queue_ui_input(const UiInputEvent& event) {
    ui_input_.push_back(event);
    request_frame(3);
}

void App::apply_ui_input() {
    ImGuiIO& io = ImGui::GetIO();
    std::vector<std::pair<UiInputEvent::Kind, int>> changed;
    std::size_t applied = 0;
    for (; applied < ui_input_.size(); ++applied) {
        const UiInputEvent& event = ui_input_[applied];
        const std::pair<UiInputEvent::Kind, int> key{event.kind, event.index};
        if (std::find(changed.begin(), changed.end(), key) != changed.end()) {
            break; // the second change of this button waits for the next frame
        }
        changed.push_back(key);

        if (event.kind == UiInputEvent::Kind::mouse_button) {
            io.MousePos = ImVec2(event.x, event.y);
            io.MouseDown[event.index] = event.down;
        } else {
            io.KeysDown[event.index] = event.down;
        }
    }
    ui_input_.erase(ui_input_.begin(), ui_input_.begin() + static_cast<std::ptrdiff_t>(applied));
    if (!ui_input_.empty()) {
        request_frame(3);
    }
}

void App::set_view(geo::LonLat center, double zoom) {
    motion_.stop();
    camera_.set_view(center, zoom);
    view_changed();
}

void App::zoom_by(double delta) {
    motion_.ease_zoom({camera_.width() / 2.0, camera_.height() / 2.0}, delta, emscripten_get_now());
    motion_started();
}

void App::view_changed() {
    view_dirty_ = true;
    request_frame();
}

void App::set_language(i18n::Language language) {
    if (language == language_) {
        return;
    }
    language_ = language;
    js::emit("languagechange", "\"" + std::string(i18n::code(language)) + "\"");
    request_frame(2);
}

void App::request_frame(int count) {
    frames_requested_ = std::max(frames_requested_, count);
    if (!frame_pending_) {
        frame_pending_ = true;
        emscripten_request_animation_frame(&App::on_animation_frame, this);
    }
}

EM_BOOL App::on_animation_frame(double time, void* user_data) {
    static_cast<App*>(user_data)->frame(time);
    return EM_FALSE; // one frame per request
}

void App::frame(double time_ms) {
    frame_pending_ = false;
    frames_requested_ = std::max(0, frames_requested_ - 1);
    emscripten_webgl_make_context_current(context_);
    update_canvas_size();

    ImGuiIO& io = ImGui::GetIO();
    io.DeltaTime = last_frame_ms_ > 0.0
                       ? static_cast<float>(std::clamp((time_ms - last_frame_ms_) / 1000.0, 1e-4, 1.0))
                       : 1.0F / 60.0F;
    last_frame_ms_ = time_ms;

    if (!font_bytes_.empty() && font_pixel_ratio_ != pixel_ratio_) {
        rebuild_font_texture(); // drops the font when it cannot be rasterised
    }
    const bool ui_ready = !font_bytes_.empty();
    if (ui_ready) {
        apply_ui_input();
        ImGui::NewFrame();
        ui::draw_panel(*this);
        ImGui::Render();
    }

    refresh_layer_styles(false);
    draw_map(time_ms);
    if (ui_ready) {
        imgui_renderer_->render(*ImGui::GetDrawData());
    }
    ++frame_count_;

    if (view_dirty_) {
        view_dirty_ = false;
        js::emit("viewchange", view_json());
    }
    // Complete: the catalog is known (it styles the tiles) and every tile
    // of the view is drawn.
    const bool complete = pyramid_->complete() && !layers_.empty();
    js::emit("frame", "{\"frame\":" + std::to_string(frame_count_) + ",\"pendingTiles\":" +
                          std::to_string(pyramid_->pending()) + ",\"failedTiles\":" +
                          std::to_string(pyramid_->failed()) + ",\"complete\":" +
                          (complete ? "true" : "false") + ",\"moving\":" +
                          (motion_.active() || click_pending_ ? "true" : "false") + "}");
    // Without a tile source (none yet, or its TileJSON failed) the shell
    // decides; with one, the first complete frame counts.
    js::frame_drawn(all_layers_settled() && (complete || !pyramid_->has_source()));

    // Frames go on while a click waits, as during an animation, so pages
    // that wait for the frames to stop see its selection.
    if (click_pending_) {
        request_frame();
    } else if (frames_requested_ > 0) {
        request_frame(frames_requested_);
    }
}

} // namespace badung::web

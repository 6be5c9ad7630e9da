#include "web/input/input.hpp"

#include "web/app.hpp"
#include "web/js_bridge.hpp"

#include <emscripten.h>
#include <emscripten/eventloop.h>
#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <string>

namespace badung::web::input {

namespace {

// A press that moves less than this (CSS pixels) is a click or a tap.
constexpr double click_slop_px = 4.0;

// Wheel deltas in pixels per zoom level: a typical 100-pixel notch zooms by
// a quarter level; lines and pages count as 40 and 800 pixels.
constexpr double wheel_px_per_zoom = 400.0;

// Drag velocity is measured over the last this many milliseconds, so a drag
// that rested longer than that before release does not coast.
constexpr double velocity_window_ms = 160.0;

// Two taps within this time and distance are a double tap.
constexpr double double_tap_ms = 300.0;
constexpr double double_tap_px = 30.0;

// A click or tap selects once no second press has come this long after it.
// NOTE: the system's double-click interval may be longer than this delay.
// A second click that comes later than the delay but within that interval
// zooms, and the first click has then already selected (the second one
// selects nothing: the dblclick event cancels it).
constexpr double click_delay_ms = double_tap_ms;

// Keyboard steps: pixels an arrow key pans, levels + and - zoom.
constexpr double key_pan_px = 100.0;
constexpr double key_zoom = 1.0;

// DOM keyCode values ImGui's key map needs (ImGui 1.86 reads io.KeysDown).
void map_keys(ImGuiIO& io) {
    io.KeyMap[ImGuiKey_Tab] = 9;
    io.KeyMap[ImGuiKey_LeftArrow] = 37;
    io.KeyMap[ImGuiKey_RightArrow] = 39;
    io.KeyMap[ImGuiKey_UpArrow] = 38;
    io.KeyMap[ImGuiKey_DownArrow] = 40;
    io.KeyMap[ImGuiKey_PageUp] = 33;
    io.KeyMap[ImGuiKey_PageDown] = 34;
    io.KeyMap[ImGuiKey_Home] = 36;
    io.KeyMap[ImGuiKey_End] = 35;
    io.KeyMap[ImGuiKey_Insert] = 45;
    io.KeyMap[ImGuiKey_Delete] = 46;
    io.KeyMap[ImGuiKey_Backspace] = 8;
    io.KeyMap[ImGuiKey_Space] = 32;
    io.KeyMap[ImGuiKey_Enter] = 13;
    io.KeyMap[ImGuiKey_Escape] = 27;
    io.KeyMap[ImGuiKey_A] = 65;
    io.KeyMap[ImGuiKey_C] = 67;
    io.KeyMap[ImGuiKey_V] = 86;
    io.KeyMap[ImGuiKey_X] = 88;
    io.KeyMap[ImGuiKey_Y] = 89;
    io.KeyMap[ImGuiKey_Z] = 90;
}

// True when the UTF-8 text is exactly one code point (a printable key).
bool is_single_character(const char* text) {
    const auto lead = static_cast<unsigned char>(text[0]);
    if (lead == 0) {
        return false;
    }
    std::size_t length = 4;
    if (lead < 0x80) {
        length = 1;
    } else if (lead < 0xE0) {
        length = 2;
    } else if (lead < 0xF0) {
        length = 3;
    }
    return std::strlen(text) == length && lead >= 0x20;
}

} // namespace

Input::Input(App& app) : app_(app) {
    map_keys(ImGui::GetIO());
    const char* canvas = app_.canvas_selector().c_str();

    emscripten_set_mousedown_callback(canvas, this, EM_TRUE, &Input::on_mouse);
    emscripten_set_mousemove_callback(EMSCRIPTEN_EVENT_TARGET_DOCUMENT, this, EM_TRUE, &Input::on_mouse);
    emscripten_set_mouseup_callback(EMSCRIPTEN_EVENT_TARGET_DOCUMENT, this, EM_TRUE, &Input::on_mouse);
    emscripten_set_wheel_callback(canvas, this, EM_TRUE, &Input::on_wheel);

    emscripten_set_touchstart_callback(canvas, this, EM_TRUE, &Input::on_touch);
    emscripten_set_touchmove_callback(canvas, this, EM_TRUE, &Input::on_touch);
    emscripten_set_touchend_callback(canvas, this, EM_TRUE, &Input::on_touch);
    emscripten_set_touchcancel_callback(canvas, this, EM_TRUE, &Input::on_touch);

    emscripten_set_keydown_callback(EMSCRIPTEN_EVENT_TARGET_DOCUMENT, this, EM_FALSE, &Input::on_key);
    emscripten_set_keyup_callback(EMSCRIPTEN_EVENT_TARGET_DOCUMENT, this, EM_FALSE, &Input::on_key);
    emscripten_set_resize_callback(EMSCRIPTEN_EVENT_TARGET_WINDOW, this, EM_FALSE, &Input::on_resize);
    emscripten_set_dblclick_callback(canvas, this, EM_TRUE, &Input::on_dblclick);
    // Only while the canvas has the keyboard focus (it has a tabindex).
    emscripten_set_keydown_callback(canvas, this, EM_TRUE, &Input::on_map_key);
}

EM_BOOL Input::on_dblclick(int, const EmscriptenMouseEvent* event, void* self) {
    Input& input = *static_cast<Input*>(self);
    const camera::ScreenPoint point = input.to_canvas(event->clientX, event->clientY);

    // A double click slower than click_delay_ms scheduled a click at its
    // second press, which came after the first click's timer: this zoom
    // takes its place.
    input.cancel_click_near(point);
    if (ImGui::GetIO().WantCaptureMouse || input.app_.over_panel(point)) {
        return EM_FALSE;
    }
    input.app_.motion().ease_zoom(point, event->shiftKey ? -1.0 : 1.0, emscripten_get_now());
    input.app_.motion_started();
    return EM_TRUE;
}

void Input::on_click_timeout(void* self) {
    Input& input = *static_cast<Input*>(self);
    input.click_timer_ = 0;
    input.app_.set_click_pending(false);
    // The view may have moved since (a wheel, a key, setView), so the click
    // selects what now lies at the place it was made on.
    input.app_.click(input.app_.camera().project(input.pending_click_world_));
}

void Input::schedule_click(camera::ScreenPoint point) {
    if (click_timer_ != 0) {
        emscripten_clear_timeout(click_timer_);
    }
    pending_click_ = point;
    pending_click_world_ = app_.camera().unproject_world(point);
    click_timer_ = emscripten_set_timeout(&Input::on_click_timeout, click_delay_ms, this);
    app_.set_click_pending(true);
    app_.request_frame(); // the frames go on until the click selects
}

// Cancels the waiting click when point is near it, as the second press of a
// double click or double tap is. Returns true when it did.
bool Input::cancel_click_near(camera::ScreenPoint point) {
    if (click_timer_ == 0 ||
        std::hypot(point.x - pending_click_.x, point.y - pending_click_.y) > double_tap_px) {
        return false;
    }
    emscripten_clear_timeout(click_timer_);
    click_timer_ = 0;
    app_.set_click_pending(false);
    app_.request_frame();
    return true;
}

EM_BOOL Input::on_map_key(int, const EmscriptenKeyboardEvent* event, void* self) {
    return static_cast<Input*>(self)->handle_map_key(*event);
}

EM_BOOL Input::handle_map_key(const EmscriptenKeyboardEvent& event) {
    const ImGuiIO& io = ImGui::GetIO();
    if (io.WantCaptureKeyboard || io.WantTextInput || event.ctrlKey || event.metaKey || event.altKey) {
        return EM_FALSE;
    }
    const std::string key = event.key;
    const double now = emscripten_get_now();
    const camera::ScreenPoint center{app_.camera().width() / 2.0, app_.camera().height() / 2.0};
    const double step = event.shiftKey ? key_pan_px * 3.0 : key_pan_px;
    CameraMotion& motion = app_.motion();

    if (key == "ArrowLeft") {
        motion.ease_pan(step, 0.0, now);
    } else if (key == "ArrowRight") {
        motion.ease_pan(-step, 0.0, now);
    } else if (key == "ArrowUp") {
        motion.ease_pan(0.0, step, now);
    } else if (key == "ArrowDown") {
        motion.ease_pan(0.0, -step, now);
    } else if (key == "+" || key == "=") {
        motion.ease_zoom(center, key_zoom, now);
    } else if (key == "-" || key == "_") {
        motion.ease_zoom(center, -key_zoom, now);
    } else {
        return EM_FALSE;
    }
    app_.motion_started();
    return EM_TRUE; // no page scrolling or browser zoom
}

void Input::track(camera::ScreenPoint point) {
    const double now = emscripten_get_now();
    samples_.push_back({now, point});
    while (samples_.size() > 2 && now - samples_.front().time_ms > velocity_window_ms) {
        samples_.pop_front();
    }
}

// A drag that moved lets the map coast on at its release velocity.
void Input::release_drag() {
    const double now = emscripten_get_now();
    if (!moved_ || samples_.size() < 2 || now - samples_.back().time_ms > velocity_window_ms) {
        samples_.clear();
        return;
    }
    const Sample& first = samples_.front();
    const Sample& last = samples_.back();
    const double dt = std::max(last.time_ms - first.time_ms, 1.0);
    app_.motion().coast((last.point.x - first.point.x) / dt, (last.point.y - first.point.y) / dt, now);
    samples_.clear();
    app_.motion_started();
}

bool Input::double_tap(camera::ScreenPoint point) {
    const double now = emscripten_get_now();
    const bool second = now - last_tap_ms_ <= double_tap_ms &&
                        std::hypot(point.x - last_tap_.x, point.y - last_tap_.y) <= double_tap_px;
    last_tap_ms_ = second ? -1e9 : now;
    last_tap_ = point;
    return second;
}

EM_BOOL Input::on_mouse(int type, const EmscriptenMouseEvent* event, void* self) {
    return static_cast<Input*>(self)->handle_mouse(type, *event);
}

EM_BOOL Input::on_wheel(int, const EmscriptenWheelEvent* event, void* self) {
    return static_cast<Input*>(self)->handle_wheel(*event);
}

EM_BOOL Input::on_touch(int type, const EmscriptenTouchEvent* event, void* self) {
    return static_cast<Input*>(self)->handle_touch(type, *event);
}

EM_BOOL Input::on_key(int type, const EmscriptenKeyboardEvent* event, void* self) {
    return static_cast<Input*>(self)->handle_key(type, *event);
}

EM_BOOL Input::on_resize(int, const EmscriptenUiEvent*, void* self) {
    App& app = static_cast<Input*>(self)->app_;
    app.view_changed(); // the frame reads the new canvas size
    return EM_FALSE;
}

camera::ScreenPoint Input::to_canvas(long client_x, long client_y) const {
    double left = 0.0;
    double top = 0.0;
    js::element_origin(app_.canvas_selector(), left, top);
    return {static_cast<double>(client_x) - left, static_cast<double>(client_y) - top};
}

void Input::drag_to(camera::ScreenPoint point) {
    if (std::hypot(point.x - press_.x, point.y - press_.y) > click_slop_px) {
        moved_ = true;
    }
    if (moved_) {
        app_.camera().pan_by(point.x - last_.x, point.y - last_.y);
        app_.view_changed();
    }
    track(point);
    last_ = point;
}

void Input::end_gesture(camera::ScreenPoint point) {
    if (dragging_ && !moved_ && !second_press_) {
        schedule_click(point);
    } else if (dragging_ && moved_) {
        release_drag();
    }
    dragging_ = false;
    moved_ = false;
    second_press_ = false;
}

EM_BOOL Input::handle_mouse(int type, const EmscriptenMouseEvent& event) {
    ImGuiIO& io = ImGui::GetIO();
    const camera::ScreenPoint point = to_canvas(event.clientX, event.clientY);
    io.MousePos = ImVec2(static_cast<float>(point.x), static_cast<float>(point.y));
    const int button = event.button < 3 ? event.button : -1;

    const auto queue_button = [&](bool down) {
        if (button >= 0) {
            app_.queue_ui_input({UiInputEvent::Kind::mouse_button, button, down,
                                 static_cast<float>(point.x), static_cast<float>(point.y)});
        }
    };

    if (type == EMSCRIPTEN_EVENT_MOUSEDOWN) {
        queue_button(true);
        if (button == 0 && !io.WantCaptureMouse && !app_.over_panel(point)) {
            app_.motion().stop();
            // The dblclick event that follows zooms, so this press selects nothing.
            second_press_ = cancel_click_near(point);
            dragging_ = true;
            moved_ = false;
            press_ = point;
            last_ = point;
            samples_.clear();
            track(point);
        }
        app_.request_frame(3);
        return EM_FALSE; // let the page move focus away from text fields
    }

    if (type == EMSCRIPTEN_EVENT_MOUSEUP) {
        queue_button(false);
        if (button == 0) {
            end_gesture(point);
        }
        app_.request_frame(3);
        return EM_FALSE;
    }

    // mousemove: a frame only while dragging, or when the panel may react
    // (hover highlights); plain moves over the map draw nothing.
    if (dragging_) {
        drag_to(point);
    } else if (io.WantCaptureMouse || app_.over_panel(point) || io.MouseDown[0]) {
        app_.request_frame(2);
    }
    return EM_FALSE;
}

EM_BOOL Input::handle_wheel(const EmscriptenWheelEvent& event) {
    ImGuiIO& io = ImGui::GetIO();
    const camera::ScreenPoint point = to_canvas(event.mouse.clientX, event.mouse.clientY);
    io.MousePos = ImVec2(static_cast<float>(point.x), static_cast<float>(point.y));

    const double unit = event.deltaMode == DOM_DELTA_LINE   ? 40.0
                        : event.deltaMode == DOM_DELTA_PAGE ? 800.0
                                                            : 1.0;
    const double delta_px = event.deltaY * unit;

    if (io.WantCaptureMouse || app_.over_panel(point)) {
        io.MouseWheel -= static_cast<float>(delta_px / 100.0);
        app_.request_frame(3);
        return EM_TRUE;
    }
    app_.motion().stop();
    const double zoom_delta = std::clamp(-delta_px / wheel_px_per_zoom, -1.0, 1.0);
    app_.camera().zoom_around(point, zoom_delta);
    app_.view_changed();
    return EM_TRUE; // the map consumes the wheel instead of scrolling the page
}

void Input::update_pinch() {
    if (touches_.size() < 2) {
        return;
    }
    auto it = touches_.begin();
    const camera::ScreenPoint a = it->second;
    const camera::ScreenPoint b = (++it)->second;
    const camera::ScreenPoint center{(a.x + b.x) / 2.0, (a.y + b.y) / 2.0};
    const double distance = std::max(1.0, std::hypot(b.x - a.x, b.y - a.y));

    if (pinch_distance_ > 0.0) {
        app_.camera().pan_by(center.x - pinch_center_.x, center.y - pinch_center_.y);
        app_.camera().zoom_around(center, std::log2(distance / pinch_distance_));
        app_.view_changed();
    }
    pinch_distance_ = distance;
    pinch_center_ = center;
}

EM_BOOL Input::handle_touch(int type, const EmscriptenTouchEvent& event) {
    ImGuiIO& io = ImGui::GetIO();
    for (int i = 0; i < event.numTouches; ++i) {
        const EmscriptenTouchPoint& touch = event.touches[i];
        if (!touch.isChanged) {
            continue;
        }
        const camera::ScreenPoint point = to_canvas(touch.clientX, touch.clientY);
        if (type == EMSCRIPTEN_EVENT_TOUCHSTART) {
            touches_[touch.identifier] = point;
        } else if (type == EMSCRIPTEN_EVENT_TOUCHMOVE) {
            touches_[touch.identifier] = point;
        } else {
            touches_.erase(touch.identifier);
        }
    }

    // The first finger decides: on the panel it acts as ImGui's mouse.
    if (type == EMSCRIPTEN_EVENT_TOUCHSTART && touches_.size() == 1) {
        const camera::ScreenPoint point = touches_.begin()->second;
        io.MousePos = ImVec2(static_cast<float>(point.x), static_cast<float>(point.y));
        touch_on_panel_ = app_.over_panel(point);
    }
    if (touch_on_panel_) {
        if (!touches_.empty()) {
            const camera::ScreenPoint point = touches_.begin()->second;
            io.MousePos = ImVec2(static_cast<float>(point.x), static_cast<float>(point.y));
        }
        const camera::ScreenPoint point = touches_.empty() ? last_ : touches_.begin()->second;
        const bool down = !touches_.empty();
        if (down != touch_button_down_) {
            app_.queue_ui_input({UiInputEvent::Kind::mouse_button, 0, down,
                                 static_cast<float>(point.x), static_cast<float>(point.y)});
            touch_button_down_ = down;
        }
        if (!touches_.empty()) {
            last_ = point;
        }
        if (touches_.empty()) {
            touch_on_panel_ = false;
        }
        app_.request_frame(3);
        return EM_TRUE;
    }

    if (touches_.size() >= 2) {
        dragging_ = false; // a pinch is never a tap
        update_pinch();
    } else if (touches_.size() == 1) {
        const camera::ScreenPoint point = touches_.begin()->second;
        pinch_distance_ = 0.0;
        if (type == EMSCRIPTEN_EVENT_TOUCHSTART) {
            app_.motion().stop();
            cancel_click_near(point);
            dragging_ = true;
            moved_ = false;
            press_ = point;
            last_ = point;
            samples_.clear();
            track(point);
        } else if (dragging_) {
            drag_to(point);
        } else {
            // One finger left of a pinch: continue as a pan from here.
            dragging_ = true;
            moved_ = true;
            last_ = point;
        }
    } else {
        pinch_distance_ = 0.0;
        if (type == EMSCRIPTEN_EVENT_TOUCHEND && dragging_ && !moved_ && double_tap(last_)) {
            dragging_ = false;
            app_.motion().ease_zoom(last_, 1.0, emscripten_get_now());
            app_.motion_started();
        } else if (type == EMSCRIPTEN_EVENT_TOUCHEND) {
            end_gesture(last_);
        } else {
            dragging_ = false;
        }
    }
    return EM_TRUE; // no browser scrolling, page zoom or emulated mouse events
}

EM_BOOL Input::handle_key(int type, const EmscriptenKeyboardEvent& event) {
    ImGuiIO& io = ImGui::GetIO();
    const bool down = type == EMSCRIPTEN_EVENT_KEYDOWN;
    const unsigned long code = event.keyCode;
    if (code < 512) {
        app_.queue_ui_input({UiInputEvent::Kind::key, static_cast<int>(code), down, 0.0F, 0.0F});
    }
    io.KeyCtrl = event.ctrlKey;
    io.KeyShift = event.shiftKey;
    io.KeyAlt = event.altKey;
    io.KeySuper = event.metaKey;

    if (!io.WantCaptureKeyboard && !io.WantTextInput) {
        return EM_FALSE; // the page keeps its keys
    }
    if (down && !event.ctrlKey && !event.metaKey && is_single_character(event.key)) {
        io.AddInputCharactersUTF8(event.key);
    }
    app_.request_frame(3);
    // Keep Tab and Backspace in the panel; let the browser have copy and paste.
    return (event.ctrlKey || event.metaKey) ? EM_FALSE : EM_TRUE;
}

} // namespace badung::web::input

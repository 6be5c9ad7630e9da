#pragma once

#include "core/camera/camera.hpp"
#include "core/geo/mercator.hpp"

#include <emscripten/html5.h>

#include <deque>
#include <map>

namespace badung::web {
class App;
}

namespace badung::web::input {

// Turns the browser's mouse, wheel, touch, key and resize events (html5.h
// callbacks) into map gestures and Dear ImGui input. Pan by drag, zoom by
// wheel around the cursor, pinch with two touch points, click or tap to
// select. Events over the ImGui panel go to the panel only. A released drag
// coasts on (inertia). A double click or double tap zooms in around the
// pointer (Shift+double click zooms out) and selects nothing, so a click
// or tap selects only after the double-click time has passed. With the canvas focused, arrow
// keys pan and + / - zoom.
class Input {
public:
    // Registers the callbacks on the app's canvas (and on the document for
    // moves and releases, so a drag may leave the canvas). The Input must
    // outlive the page's use of the app.
    explicit Input(App& app);

    Input(const Input&) = delete;
    Input& operator=(const Input&) = delete;

private:
    static EM_BOOL on_mouse(int type, const EmscriptenMouseEvent* event, void* self);
    static EM_BOOL on_wheel(int type, const EmscriptenWheelEvent* event, void* self);
    static EM_BOOL on_touch(int type, const EmscriptenTouchEvent* event, void* self);
    static EM_BOOL on_key(int type, const EmscriptenKeyboardEvent* event, void* self);
    static EM_BOOL on_resize(int type, const EmscriptenUiEvent* event, void* self);
    static EM_BOOL on_dblclick(int type, const EmscriptenMouseEvent* event, void* self);
    static EM_BOOL on_map_key(int type, const EmscriptenKeyboardEvent* event, void* self);
    static void on_click_timeout(void* self);

    EM_BOOL handle_mouse(int type, const EmscriptenMouseEvent& event);
    EM_BOOL handle_wheel(const EmscriptenWheelEvent& event);
    EM_BOOL handle_touch(int type, const EmscriptenTouchEvent& event);
    EM_BOOL handle_key(int type, const EmscriptenKeyboardEvent& event);

    camera::ScreenPoint to_canvas(long client_x, long client_y) const;
    void drag_to(camera::ScreenPoint point);
    void end_gesture(camera::ScreenPoint point);
    void update_pinch();
    void track(camera::ScreenPoint point);
    void release_drag();
    bool double_tap(camera::ScreenPoint point);
    void schedule_click(camera::ScreenPoint point);
    bool cancel_click_near(camera::ScreenPoint point);
    EM_BOOL handle_map_key(const EmscriptenKeyboardEvent& event);

    App& app_;

    // A mouse drag or a one-finger pan in progress.
    bool dragging_ = false;
    bool moved_ = false;
    camera::ScreenPoint press_{};
    camera::ScreenPoint last_{};

    // Active touch points by identifier, in canvas CSS pixels.
    std::map<long, camera::ScreenPoint> touches_;
    bool touch_on_panel_ = false;
    bool touch_button_down_ = false;
    double pinch_distance_ = 0.0;
    camera::ScreenPoint pinch_center_{};

    // Recent drag positions with their times (ms), for the release velocity.
    struct Sample {
        double time_ms;
        camera::ScreenPoint point;
    };
    std::deque<Sample> samples_;

    // A click waiting for the double-click time to pass (timer id 0: none),
    // and whether the current press is the second of a double click.
    long click_timer_ = 0;
    camera::ScreenPoint pending_click_{};
    geo::WorldPoint pending_click_world_{};
    bool second_press_ = false;

    // The last tap, for double-tap zoom.
    double last_tap_ms_ = -1e9;
    camera::ScreenPoint last_tap_{};
};

} // namespace badung::web::input

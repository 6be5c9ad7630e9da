#include "web/js_bridge.hpp"

#include <emscripten.h>

namespace {

// clang-format off
EM_JS(void, badung_js_emit, (const char* name, const char* json), {
    if (Module["badungEmit"]) Module["badungEmit"](UTF8ToString(name), UTF8ToString(json));
});

EM_JS(void, badung_js_frame_drawn, (int all_settled), {
    if (Module["badungFrameDrawn"]) Module["badungFrameDrawn"](all_settled !== 0);
});

EM_JS(void, badung_js_open_report_form, (), {
    if (Module["badungOpenReportForm"]) Module["badungOpenReportForm"]();
});

EM_JS(void, badung_js_panel_changed, (int open), {
    if (Module["badungPanelChanged"]) Module["badungPanelChanged"](open !== 0);
});

EM_JS(double, badung_js_panel_floor, (double left, double right), {
    return Module["badungPanelFloor"] ? Module["badungPanelFloor"](left, right) : -1;
});

EM_JS(double, badung_js_pixel_ratio, (), {
    return window.devicePixelRatio || 1;
});

EM_JS(void, badung_js_element_origin, (const char* selector, double* left, double* top), {
    const element = document.querySelector(UTF8ToString(selector));
    const rect = element ? element.getBoundingClientRect() : { left: 0, top: 0 };
    HEAPF64[left >> 3] = rect.left;
    HEAPF64[top >> 3] = rect.top;
});
// clang-format on

} // namespace

namespace badung::web::js {

void emit(const std::string& name, const std::string& json) {
    badung_js_emit(name.c_str(), json.c_str());
}

void frame_drawn(bool all_settled) {
    badung_js_frame_drawn(all_settled ? 1 : 0);
}

void open_report_form() {
    badung_js_open_report_form();
}

void panel_changed(bool open) {
    badung_js_panel_changed(open ? 1 : 0);
}

double panel_floor(double left, double right) {
    return badung_js_panel_floor(left, right);
}

double device_pixel_ratio() {
    return badung_js_pixel_ratio();
}

void element_origin(const std::string& selector, double& left, double& top) {
    badung_js_element_origin(selector.c_str(), &left, &top);
}

} // namespace badung::web::js

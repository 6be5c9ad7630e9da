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

EM_JS(void, badung_js_submit_report, (const char* service_code, double lat, double lon,
                                      const char* description), {
    if (Module["badungSubmitReport"]) {
        Module["badungSubmitReport"](UTF8ToString(service_code), lat, lon, UTF8ToString(description));
    }
});

EM_JS(void, badung_js_place_description, (int shown, double x, double y, double width,
                                          double height, const char* label), {
    if (Module["badungPlaceDescription"]) {
        Module["badungPlaceDescription"](shown !== 0, x, y, width, height, UTF8ToString(label));
    }
});

EM_JS(void, badung_js_clear_description, (), {
    if (Module["badungClearDescription"]) Module["badungClearDescription"]();
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

void submit_report(const std::string& service_code, double lat, double lon,
                   const std::string& description) {
    badung_js_submit_report(service_code.c_str(), lat, lon, description.c_str());
}

void place_description(bool shown, float x, float y, float width, float height,
                       const std::string& label) {
    badung_js_place_description(shown ? 1 : 0, x, y, width, height, label.c_str());
}

void clear_description() {
    badung_js_clear_description();
}

double device_pixel_ratio() {
    return badung_js_pixel_ratio();
}

void element_origin(const std::string& selector, double& left, double& top) {
    badung_js_element_origin(selector.c_str(), &left, &top);
}

} // namespace badung::web::js

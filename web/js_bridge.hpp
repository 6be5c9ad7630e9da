#pragma once

#include <string>

// Calls from C++ into the shell's JavaScript (shell/badung-map.js), which
// installs the receiving functions on the module object before start().
namespace badung::web::js {

// Emits an event of window.badungMap.on(): name and a JSON payload.
void emit(const std::string& name, const std::string& json);

// Tells the shell that a frame was drawn; all_settled is true once every
// catalog layer has loaded or failed.
void frame_drawn(bool all_settled);

// Starts window.badungMap.submitReport with the form's fields; the shell
// reports the outcome through the module's reportFinished().
void submit_report(const std::string& service_code, double lat, double lon,
                   const std::string& description);

// Shows the shell's <textarea> for the report description over the canvas
// area x, y, width, height (CSS pixels), with label as its accessible name,
// or hides it when shown is false. The shell hands typed text back through
// the module's setReportDescription().
void place_description(bool shown, float x, float y, float width, float height,
                       const std::string& label);

// Empties the description <textarea> (after a report was sent).
void clear_description();

// Device pixels per CSS pixel (window.devicePixelRatio).
double device_pixel_ratio();

// Top-left corner of the element matching selector, in client CSS pixels.
void element_origin(const std::string& selector, double& left, double& top);

} // namespace badung::web::js

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

// Opens the shell's report form (shell/reports/report-form.js).
void open_report_form();

// Tells the shell whether the side panel is expanded (true) or collapsed
// to its title row, so HTML boxes in its way can step aside.
void panel_changed(bool open);

// The canvas y (CSS pixels) that the side panel, spanning left..right,
// must end above, because an HTML box of the shell lies below it there.
// Returns a negative value when nothing lies below the panel.
double panel_floor(double left, double right);

// Device pixels per CSS pixel (window.devicePixelRatio).
double device_pixel_ratio();

// Top-left corner of the element matching selector, in client CSS pixels.
void element_origin(const std::string& selector, double& left, double& top);

} // namespace badung::web::js

#pragma once

namespace badung::web {
class App;
}

namespace badung::web::ui {

// Draws the Dear ImGui side panel: language switch, layer toggles, the
// selected feature's attributes and the report form. Call between
// ImGui::NewFrame() and ImGui::Render().
void draw_panel(App& app);

} // namespace badung::web::ui

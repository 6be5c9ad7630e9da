#include "web/ui/panel.hpp"

#include "web/app.hpp"
#include "web/js_bridge.hpp"
#include "web/ui/field_labels.hpp"

#include <imgui.h>
#include <misc/cpp/imgui_stdlib.h>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <optional>
#include <string>
#include <vector>

namespace badung::web::ui {

namespace {

using i18n::Text;

constexpr float panel_width_px = 310.0F;

// Below this canvas width (CSS pixels, a phone held upright) the panel
// starts collapsed, so it does not cover most of the map. It is the width
// below which the finder spans the page under the panel's title row
// (shell/finder.css), where the finder steps aside while the panel is open.
constexpr float narrow_viewport_px = 640.0F;

// Space kept between the panel and the canvas edges or the shell's HTML
// boxes, in CSS pixels.
constexpr float panel_margin_px = 10.0F;
constexpr float min_panel_height_px = 80.0F;

// ImGui needs NUL-terminated labels, but the i18n table contains string_views.
std::string label(const App& app, Text text, const char* id = nullptr) {
    std::string result(app.text(text));
    if (id != nullptr) {
        result += "###";
        result += id;
    }
    return result;
}

ImVec4 to_imgui(render::Color c) {
    return {c.r, c.g, c.b, 1.0F};
}

void draw_language(App& app) {
    ImGui::TextUnformatted(label(app, Text::language).c_str());
    ImGui::SameLine();
    if (ImGui::RadioButton("Bahasa Indonesia", app.language() == i18n::Language::id)) {
        app.set_language(i18n::Language::id);
    }
    ImGui::SameLine();
    if (ImGui::RadioButton("English", app.language() == i18n::Language::en)) {
        app.set_language(i18n::Language::en);
    }
}

void draw_layers(App& app) {
    if (!ImGui::CollapsingHeader(label(app, Text::layers, "layers").c_str(),
                                 ImGuiTreeNodeFlags_DefaultOpen)) {
        return;
    }
    for (map::MapLayer& layer : app.layers()) {
        ImGui::PushID(layer.id.c_str());
        ImGui::ColorButton("##swatch", to_imgui(App::swatch_color(layer)),
                           ImGuiColorEditFlags_NoTooltip | ImGuiColorEditFlags_NoDragDrop,
                           ImVec2(12.0F, 12.0F));
        ImGui::SameLine();

        bool visible = layer.visible;
        if (ImGui::Checkbox(app.title_of(layer).c_str(), &visible)) {
            app.set_layer_visible(layer.id, visible);
        }
        if (layer.state == map::MapLayer::State::loading) {
            ImGui::SameLine();
            ImGui::TextDisabled("...");
        } else if (layer.state == map::MapLayer::State::failed) {
            ImGui::SameLine();
            ImGui::TextColored(ImVec4(0.75F, 0.1F, 0.1F, 1.0F), "%s",
                               label(app, Text::layer_failed).c_str());
            if (ImGui::IsItemHovered()) {
                ImGui::SetTooltip("%s", layer.error.c_str());
            }
        }
        ImGui::PopID();
    }
}

struct AttributeRow {
    std::string label;
    std::string value;
};

bool same_text_ignoring_case(const std::string& a, const std::string& b) {
    return a.size() == b.size() &&
           std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
               return std::tolower(static_cast<unsigned char>(x)) ==
                      std::tolower(static_cast<unsigned char>(y));
           });
}

// The attributes worth reading: no bookkeeping fields of the data build,
// nothing empty and nothing that repeats the title (name, nama, ...).
std::vector<AttributeRow> attribute_rows(const App& app, const map::MapLayer& layer,
                                         const geojson::Feature& feature,
                                         const std::string& heading) {
    std::vector<AttributeRow> rows;
    for (const auto& [key, value] : feature.properties) {
        std::string text = value.to_display();
        if (key == "name" || key == layer.name_property || is_internal_field(key) ||
            text.empty() || same_text_ignoring_case(text, heading)) {
            continue;
        }
        rows.push_back({field_label(key, app.language()), std::move(text)});
    }
    return rows;
}

// A two-column table whose label column fits the longest label, up to half
// the panel, so labels are never cut off.
void draw_attribute_table(const std::vector<AttributeRow>& rows) {
    float label_width = 0.0F;
    for (const AttributeRow& row : rows) {
        label_width = std::max(label_width, ImGui::CalcTextSize(row.label.c_str()).x);
    }
    label_width = std::min(label_width + 8.0F, ImGui::GetContentRegionAvail().x * 0.5F);

    const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerV |
                                  ImGuiTableFlags_ScrollY;
    const float height = std::min(220.0F, ImGui::GetTextLineHeightWithSpacing() *
                                              static_cast<float>(rows.size() + 1));
    if (!ImGui::BeginTable("attributes", 2, flags, ImVec2(0.0F, height))) {
        return;
    }
    ImGui::TableSetupColumn("label", ImGuiTableColumnFlags_WidthFixed, label_width);
    ImGui::TableSetupColumn("value", ImGuiTableColumnFlags_WidthStretch);
    for (const AttributeRow& row : rows) {
        ImGui::TableNextRow();
        ImGui::TableSetColumnIndex(0);
        ImGui::TextWrapped("%s", row.label.c_str());
        ImGui::TableSetColumnIndex(1);
        ImGui::TextWrapped("%s", row.value.c_str());
    }
    ImGui::EndTable();
}

void draw_selection(App& app) {
    if (!ImGui::CollapsingHeader(label(app, Text::selected_feature, "selection").c_str(),
                                 ImGuiTreeNodeFlags_DefaultOpen)) {
        return;
    }
    const map::MapLayer* layer = app.selected_layer();
    if (layer == nullptr) {
        ImGui::TextWrapped("%s", label(app, Text::no_selection).c_str());
        return;
    }

    const geojson::Feature& feature = layer->data.features[app.selected_feature()];
    const geojson::Value* name = feature.property(layer->name_property.empty() ? "name"
                                                                               : layer->name_property);
    std::string heading = name != nullptr ? name->to_display() : "";
    if (heading.empty()) {
        heading = feature.id_text();
    }
    ImGui::TextWrapped("%s", heading.c_str());
    ImGui::TextDisabled("%s: %s", label(app, Text::layer_of_feature).c_str(),
                        app.title_of(*layer).c_str());

    const std::vector<AttributeRow> rows = attribute_rows(app, *layer, feature, heading);
    if (rows.empty()) {
        ImGui::TextUnformatted(label(app, Text::no_attributes).c_str());
        return;
    }
    draw_attribute_table(rows);
}

// The report form is HTML beside the map (shell/reports), so phone
// keyboards, input methods and autofill work in its fields.
void draw_report(App& app) {
    if (!ImGui::CollapsingHeader(label(app, Text::report, "report").c_str())) {
        return;
    }
    if (ImGui::Button(label(app, Text::open_report_form, "open_report").c_str())) {
        js::open_report_form();
    }
}

// The panel's maximum height: down to 50 px above the canvas bottom, and
// above the shell's HTML box below it (the offline panel), so that its last
// rows ("Lapor") do not lie under that box. A panel dragged down to that
// box keeps its minimum height and may overlap it.
float max_panel_height(const App& app, float width) {
    const float top = std::max(app.panel_top(), panel_margin_px);
    float bottom = static_cast<float>(app.camera().height()) - 50.0F;
    const double floor = js::panel_floor(panel_margin_px, panel_margin_px + width);
    if (floor >= 0.0) {
        bottom = std::min(bottom, static_cast<float>(floor) - panel_margin_px);
    }
    return std::max(min_panel_height_px, bottom - top);
}

bool inside(const ImVec2& point, const ImVec2& min, const ImVec2& max) {
    return point.x >= min.x && point.x <= max.x && point.y >= min.y && point.y <= max.y;
}

// True when the mouse button went up on the title row, right of the
// collapse arrow, after a press there that did not drag. Dear ImGui 1.86
// toggles a window on its arrow or on a double click only, but a phone user
// taps the title once. A second click of a double click is left out,
// because ImGui has toggled the window on its press already.
bool title_row_clicked(const ImVec2& position, const ImVec2& size) {
    const ImGuiIO& io = ImGui::GetIO();
    const ImGuiStyle& style = ImGui::GetStyle();
    if (!io.MouseReleased[0] || io.MouseClickedLastCount[0] == 2 ||
        io.MouseDragMaxDistanceSqr[0] > io.MouseDragThreshold * io.MouseDragThreshold) {
        return false;
    }
    const float arrow_right = position.x + style.FramePadding.x * 2.0F + ImGui::GetFontSize();
    const ImVec2 min(arrow_right, position.y);
    const ImVec2 max(position.x + size.x, position.y + ImGui::GetFrameHeight());
    return inside(io.MouseClickedPos[0], min, max) && inside(io.MousePos, min, max);
}

} // namespace

void draw_panel(App& app) {
    ImGui::SetNextWindowPos(ImVec2(panel_margin_px, panel_margin_px), ImGuiCond_FirstUseEver);
    // A fixed width, so switching the language does not make the panel jump.
    const float width = std::min(panel_width_px, static_cast<float>(app.camera().width()) - 2.0F * panel_margin_px);
    ImGui::SetNextWindowSizeConstraints(ImVec2(width, min_panel_height_px),
                                        ImVec2(width, max_panel_height(app, width)));
    // The ### part keeps the window's identity when the language changes.
    const std::string title = label(app, Text::panel_title, "panel");
    ImGui::SetNextWindowCollapsed(static_cast<float>(app.camera().width()) < narrow_viewport_px,
                                  ImGuiCond_FirstUseEver);
    if (const std::optional<bool> open = app.take_panel_open_request()) {
        ImGui::SetNextWindowCollapsed(!*open, ImGuiCond_Always);
    }
    const bool popup_open = ImGui::IsPopupOpen("", ImGuiPopupFlags_AnyPopupId | ImGuiPopupFlags_AnyPopupLevel);
    if (ImGui::Begin(title.c_str(), nullptr, ImGuiWindowFlags_AlwaysAutoResize)) {
        draw_language(app);
        ImGui::Separator();
        draw_layers(app);
        draw_selection(app);
        draw_report(app);
    }
    const ImVec2 position = ImGui::GetWindowPos();
    const ImVec2 size = ImGui::GetWindowSize();
    bool collapsed = ImGui::IsWindowCollapsed();
    if (!popup_open && title_row_clicked(position, size)) {
        collapsed = !collapsed;
        ImGui::SetWindowCollapsed(collapsed);
        app.request_frame(2);
    }
    app.set_panel_area(position.x, position.y, size.x, size.y, popup_open, !collapsed);
    ImGui::End();
}

} // namespace badung::web::ui

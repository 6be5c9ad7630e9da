// The App's report form ("Lapor"): services, validation and sending through
// the shell's window.badungMap.submitReport.
#include "web/app.hpp"

#include "web/js_bridge.hpp"

#include <rapidjson/document.h>

#include <algorithm>

namespace badung::web {

bool App::set_services(std::string_view json) {
    rapidjson::Document document;
    document.Parse(json.data(), json.size());
    if (document.HasParseError() || !document.IsArray()) {
        return false;
    }

    report_.services.clear();
    for (const rapidjson::Value& entry : document.GetArray()) {
        if (!entry.IsObject() || !entry.HasMember("service_code") ||
            !entry["service_code"].IsString()) {
            continue; // an entry without a code cannot be requested
        }
        Service service;
        service.code = entry["service_code"].GetString();
        const auto name = entry.FindMember("service_name");
        service.name = name != entry.MemberEnd() && name->value.IsString() ? name->value.GetString()
                                                                            : service.code;
        const auto name_en = entry.FindMember("service_name_en");
        if (name_en != entry.MemberEnd() && name_en->value.IsString()) {
            service.name_en = name_en->value.GetString();
        }
        report_.services.push_back(std::move(service));
    }
    report_.service_index = 0;
    request_frame(2);
    return true;
}

void App::send_report() {
    if (report_.status == ReportForm::Status::sending) {
        return;
    }

    std::string code = report_.service_code;
    if (!report_.services.empty() && report_.service_index >= 0 &&
        static_cast<std::size_t>(report_.service_index) < report_.services.size()) {
        code = report_.services[static_cast<std::size_t>(report_.service_index)].code;
    }
    if (code.empty()) {
        report_.status = ReportForm::Status::failed;
        report_.message = std::string(text(i18n::Text::service_required));
        return;
    }
    if (report_.description.find_first_not_of(" \t\r\n") == std::string::npos) {
        report_.status = ReportForm::Status::failed;
        report_.message = std::string(text(i18n::Text::description_required));
        return;
    }

    geo::LonLat where = camera_.center();
    if (report_.location == ReportForm::Location::last_click && last_click_) {
        where = *last_click_;
    }
    report_.status = ReportForm::Status::sending;
    report_.message.clear();
    js::submit_report(code, where.lat, where.lon, report_.description);
}

void App::report_finished(bool ok, const std::string& message) {
    report_.status = ok ? ReportForm::Status::sent : ReportForm::Status::failed;
    report_.message = message;
    if (ok) {
        report_.description.clear();
        js::clear_description();
    }
    request_frame(2);
}

void App::set_report_description(std::string text) {
    report_.description = std::move(text);
    if (report_.status != ReportForm::Status::sending) {
        report_.status = ReportForm::Status::editing;
    }
    request_frame(2);
}

void App::open_report() {
    open_report_ = true;
    request_frame(3);
}

bool App::take_open_report() {
    const bool open = open_report_;
    open_report_ = false;
    return open;
}

void App::place_description(float x, float y, float width, float height) {
    description_placed_ = true;
    const float area[4] = {x, y, width, height};
    if (std::equal(area, area + 4, description_area_)) {
        return;
    }
    std::copy(area, area + 4, description_area_);
    js::place_description(true, x, y, width, height, std::string(text(i18n::Text::description)));
}

void App::hide_description_unless_placed() {
    if (!description_placed_ && description_area_[0] >= 0.0F) {
        description_area_[0] = -1.0F;
        js::place_description(false, 0.0F, 0.0F, 0.0F, 0.0F, "");
    }
    description_placed_ = false;
}

} // namespace badung::web

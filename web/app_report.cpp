// The App's report form ("Lapor"): services, validation and sending through
// the shell's window.badungMap.submitReport.
#include "web/app.hpp"

#include "web/js_bridge.hpp"

#include <rapidjson/document.h>

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
    }
    request_frame(2);
}

} // namespace badung::web

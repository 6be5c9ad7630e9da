#include "server/staff_api.hpp"

#include "server/http_errors.hpp"
#include "server/log.hpp"
#include "server/report_input.hpp"
#include "server/report_validation.hpp"
#include "server/sqlite_database.hpp"
#include "server/wita_time.hpp"

#include <httplib.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <algorithm>
#include <cctype>

namespace badung::cityd {

namespace {

// Writes 401 or 403 and returns false unless the request carries the staff token.
bool authorize_staff(const httplib::Request& req, httplib::Response& res, const Config& config) {
    const std::string header = req.get_header_value("Authorization");
    const std::string scheme = "Bearer ";
    if (header.empty()) {
        res.set_header("WWW-Authenticate", "Bearer realm=\"badung-cityd staff\"");
        send_open311_error(res, 401, "the staff token is missing; send Authorization: Bearer <staff token>");
        return false;
    }
    if (config.staff_token.empty()) {
        send_open311_error(res, 403, "staff changes are disabled on this server; set staff_token in the config file");
        return false;
    }
    // The scheme name is case-insensitive (RFC 9110, section 11.1).
    const bool bearer = header.size() > scheme.size() &&
                        std::equal(scheme.begin(), scheme.end(), header.begin(), [](char a, char b) {
                            return std::tolower(static_cast<unsigned char>(a)) ==
                                   std::tolower(static_cast<unsigned char>(b));
                        });
    if (!bearer || !secrets_equal(header.substr(scheme.size()), config.staff_token)) {
        send_open311_error(res, 403, "the staff token is not valid; send the staff_token of the config file as "
                                     "Authorization: Bearer <staff token>");
        return false;
    }
    return true;
}

std::string media_type(const httplib::Request& req) {
    std::string type = req.get_header_value("Content-Type");
    type = type.substr(0, type.find(';'));
    while (!type.empty() && type.back() == ' ') {
        type.pop_back();
    }
    return type;
}

ReportInput parse_staff_body(const httplib::Request& req) {
    if (media_type(req) == "application/json") {
        return parse_json_report(req.body);
    }
    return parse_form_report(req.body);
}

std::optional<std::string> text_value(const ReportInput& input, const std::string& name, std::size_t max_characters) {
    const auto found = input.fields.find(name);
    if (found == input.fields.end()) {
        return std::nullopt;
    }
    const auto characters = count_utf8_characters(found->second);
    if (!characters) {
        throw ValidationError(name, name + " is not valid UTF-8 text; send the body in UTF-8");
    }
    if (*characters > max_characters) {
        throw ValidationError(name, name + " has " + std::to_string(*characters) + " characters; the maximum is " +
                                        std::to_string(max_characters) + ", so shorten it");
    }
    return found->second;
}

// Reads the change from a form or JSON body. Throws RequestBodyError or
// ValidationError naming the field.
StatusChange read_change(const httplib::Request& req) {
    const ReportInput input = parse_staff_body(req);
    for (const auto& [name, value] : input.fields) {
        if (name != "status" && name != "status_notes" && name != "agency_responsible" &&
            name != "expected_datetime" && name != "updated_datetime") {
            throw ValidationError(name, "field '" + name + "' cannot be changed; send status, status_notes, "
                                                           "agency_responsible or expected_datetime, and "
                                                           "optionally the updated_datetime you saw");
        }
    }

    StatusChange change;
    change.status = text_value(input, "status", 10);
    if (change.status && *change.status != "open" && *change.status != "closed") {
        throw ValidationError("status", "status '" + *change.status + "' is not allowed; use open or closed");
    }
    change.status_notes = text_value(input, "status_notes", max_description_characters);
    change.agency_responsible = text_value(input, "agency_responsible", 200);

    if (const auto expected = text_value(input, "expected_datetime", 40)) {
        change.expected_at_ms = parse_iso8601(*expected);
        if (!change.expected_at_ms) {
            throw ValidationError("expected_datetime", "expected_datetime '" + *expected +
                                                           "' is not an ISO 8601 date-time with offset; send e.g. "
                                                           "2026-12-10T17:00:00+08:00");
        }
    }
    if (const auto seen = text_value(input, "updated_datetime", 40)) {
        change.seen_updated_at_ms = parse_iso8601(*seen);
        if (!change.seen_updated_at_ms) {
            throw ValidationError("updated_datetime", "updated_datetime '" + *seen +
                                                          "' is not an ISO 8601 date-time with offset; send the "
                                                          "value GET returned");
        }
    }
    if (!change.status && !change.status_notes && !change.agency_responsible && !change.expected_at_ms) {
        throw ValidationError("status", "the body changes nothing; send status, status_notes, agency_responsible "
                                        "or expected_datetime");
    }
    return change;
}

void send_unknown_request(httplib::Response& res, const std::string& id) {
    send_open311_error(res, 404, "service request '" + id + "' does not exist; check the service_request_id");
}

void handle_change_status(const httplib::Request& req, httplib::Response& res, Open311Context& context) {
    if (!authorize_staff(req, res, context.config)) {
        return;
    }
    const std::string type = media_type(req);
    if (type != "application/json" && type != "application/x-www-form-urlencoded") {
        send_open311_error(res, 415, "Content-Type '" + req.get_header_value("Content-Type") +
                                         "' is not accepted; send application/x-www-form-urlencoded or "
                                         "application/json");
        return;
    }
    const std::string id = req.matches[1];
    try {
        const StatusChange change = read_change(req);
        const auto changed = context.reports.change_status(id, change);
        if (!changed) {
            send_unknown_request(res, id);
            return;
        }
        const auto& [request, previous_status] = *changed;
        log_event("staff_change", {{"service_request_id", id},
                                   {"previous_status", previous_status},
                                   {"status", request.status},
                                   {"agency_responsible", request.agency_responsible},
                                   {"client", req.remote_addr}});
        res.status = 200;
        res.set_content(service_requests_json({request}, context.services), "application/json");
    } catch (const RequestBodyError& error) {
        send_open311_error(res, 400, error.what());
    } catch (const ValidationError& error) {
        send_open311_error(res, 400, error.what());
    } catch (const StaleChangeError& error) {
        send_open311_error(res, 409, error.what());
    } catch (const DatabaseError& error) {
        log_event("database_error", {{"path", req.path}, {"reason", error.what()}});
        send_open311_error(res, 500, "the change could not be stored; try again later");
    }
}

std::string history_json(const std::string& id, const std::vector<HistoryEntry>& entries) {
    rapidjson::StringBuffer buffer;
    rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
    writer.StartArray();
    for (const auto& entry : entries) {
        writer.StartObject();
        writer.Key("service_request_id");
        writer.String(id);
        writer.Key("changed_datetime");
        writer.String(format_wita(entry.changed_at_ms));
        writer.Key("previous_status");
        writer.String(entry.previous_status);
        writer.Key("status");
        writer.String(entry.status);
        writer.Key("status_notes");
        writer.String(entry.status_notes);
        writer.Key("agency_responsible");
        writer.String(entry.agency_responsible);
        writer.Key("expected_datetime");
        writer.String(entry.expected_at_ms ? format_wita(*entry.expected_at_ms) : "");
        writer.EndObject();
    }
    writer.EndArray();
    return buffer.GetString();
}

void handle_history(const httplib::Request& req, httplib::Response& res, Open311Context& context) {
    if (!authorize_staff(req, res, context.config)) {
        return;
    }
    const std::string id = req.matches[1];
    const auto entries = context.reports.history(id);
    if (!entries) {
        send_unknown_request(res, id);
        return;
    }
    res.status = 200;
    res.set_content(history_json(id, *entries), "application/json");
}

} // namespace

bool secrets_equal(std::string_view given, std::string_view expected) noexcept {
    const std::size_t length = std::max(given.size(), expected.size());
    unsigned char difference = given.size() == expected.size() ? 0 : 1;
    for (std::size_t i = 0; i < length; ++i) {
        const auto a = static_cast<unsigned char>(i < given.size() ? given[i] : 0);
        const auto b = static_cast<unsigned char>(i < expected.size() ? expected[i] : 0);
        difference = static_cast<unsigned char>(difference | (a ^ b));
    }
    return difference == 0;
}

void register_staff_routes(httplib::Server& server, Open311Context& context) {
    server.Post(R"(/open311/v2/requests/([^/]+)/status(?:\.json)?)",
                [&context](const httplib::Request& req, httplib::Response& res) {
                    handle_change_status(req, res, context);
                });
    server.Get(R"(/open311/v2/requests/([^/]+)/history\.json)",
               [&context](const httplib::Request& req, httplib::Response& res) { handle_history(req, res, context); });
}

} // namespace badung::cityd

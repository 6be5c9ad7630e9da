#include "server/open311_api.hpp"

#include "server/http_errors.hpp"
#include "server/request_helpers.hpp"
#include "server/wita_time.hpp"

#include <httplib.h>

#include <regex>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <charconv>
#include <sstream>

namespace badung::cityd {

namespace {

using JsonWriter = rapidjson::Writer<rapidjson::StringBuffer>;

void send_json(httplib::Response& res, const rapidjson::StringBuffer& buffer) {
    res.status = 200;
    res.set_content(buffer.GetString(), buffer.GetSize(), "application/json");
}

void write_text(JsonWriter& writer, const char* key, const std::string& value) {
    writer.Key(key);
    writer.String(value);
}

void write_service(JsonWriter& writer, const Service& service) {
    std::string keywords;
    for (const auto& keyword : service.keywords) {
        keywords += keywords.empty() ? keyword : "," + keyword;
    }
    writer.StartObject();
    write_text(writer, "service_code", service.code);
    write_text(writer, "service_name", service.name);
    write_text(writer, "service_name_en", service.name_en);
    write_text(writer, "description", service.description);
    write_text(writer, "description_en", service.description_en);
    writer.Key("metadata");
    writer.Bool(service.metadata());
    write_text(writer, "type", service.type);
    write_text(writer, "keywords", keywords);
    write_text(writer, "group", service.group);
    write_text(writer, "group_en", service.group_en);
    writer.EndObject();
}

void write_attribute(JsonWriter& writer, const ServiceAttribute& attribute) {
    writer.StartObject();
    writer.Key("variable");
    writer.Bool(attribute.variable);
    write_text(writer, "code", attribute.code);
    write_text(writer, "datatype", attribute.datatype);
    writer.Key("required");
    writer.Bool(attribute.required);
    write_text(writer, "datatype_description", "");
    writer.Key("order");
    writer.Int(attribute.order);
    write_text(writer, "description", attribute.description);
    write_text(writer, "description_en", attribute.description_en);
    if (!attribute.values.empty()) {
        writer.Key("values");
        writer.StartArray();
        for (const AttributeValue& value : attribute.values) {
            writer.StartObject();
            write_text(writer, "key", value.key);
            write_text(writer, "name", value.name);
            if (!value.name_en.empty()) {
                write_text(writer, "name_en", value.name_en);
            }
            writer.EndObject();
        }
        writer.EndArray();
    }
    writer.EndObject();
}

void write_request(JsonWriter& writer, const PublicServiceRequest& request, const ServiceCatalog& services) {
    const Service* service = services.find(request.service_code);
    writer.StartObject();
    write_text(writer, "service_request_id", request.service_request_id);
    write_text(writer, "status", request.status);
    write_text(writer, "status_notes", request.status_notes);
    write_text(writer, "service_name", service != nullptr ? service->name : "");
    write_text(writer, "service_code", request.service_code);
    write_text(writer, "description", request.description);
    write_text(writer, "agency_responsible", request.agency_responsible);
    write_text(writer, "requested_datetime", format_wita(request.requested_at_ms));
    write_text(writer, "updated_datetime", format_wita(request.updated_at_ms));
    write_text(writer, "expected_datetime", request.expected_at_ms ? format_wita(*request.expected_at_ms) : "");
    write_text(writer, "address", request.address_string);
    writer.Key("lat");
    request.lat ? writer.Double(*request.lat) : writer.Null();
    writer.Key("long");
    request.lon ? writer.Double(*request.lon) : writer.Null();
    write_text(writer, "media_url", request.media_url);
    writer.EndObject();
}

void handle_services(httplib::Response& res, const ServiceCatalog& services) {
    rapidjson::StringBuffer buffer;
    JsonWriter writer(buffer);
    writer.StartArray();
    for (const auto& service : services.services()) {
        write_service(writer, service);
    }
    writer.EndArray();
    send_json(res, buffer);
}

void handle_service_definition(const httplib::Request& req, httplib::Response& res, const ServiceCatalog& services) {
    const std::string code = req.matches[1];
    const Service* service = services.find(code);
    if (service == nullptr) {
        send_open311_error(res, 404, "service_code '" + code +
                                         "' is not a known service; GET /open311/v2/services.json lists the codes");
        return;
    }
    rapidjson::StringBuffer buffer;
    JsonWriter writer(buffer);
    writer.StartObject();
    write_text(writer, "service_code", service->code);
    writer.Key("attributes");
    writer.StartArray();
    for (const auto& attribute : service->attributes) {
        write_attribute(writer, attribute);
    }
    writer.EndArray();
    writer.EndObject();
    send_json(res, buffer);
}

// Reads start_date or end_date. Writes a 400 and sets `invalid` for a
// value that is not a date-time with an offset.
std::optional<std::int64_t> date_parameter(const httplib::Request& req, httplib::Response& res, const char* name,
                                           bool& invalid) {
    if (!req.has_param(name) || invalid) {
        return std::nullopt;
    }
    const std::string text = req.get_param_value(name);
    const auto time = parse_iso8601(text);
    if (!time) {
        send_open311_error(res, 400, std::string(name) + " '" + text +
                                         "' is not an ISO 8601 date-time with offset; send e.g. "
                                         "2026-12-04T00:00:00+08:00 (encode '+' as %2B) or 2026-12-03T16:00:00Z");
        invalid = true;
    }
    return time;
}

// Reads a whole-number paging parameter in 1..max. Writes a 400 and sets
// `invalid` for anything else.
std::size_t paging_parameter(const httplib::Request& req, httplib::Response& res, const char* name,
                             std::size_t fallback, std::size_t max, bool& invalid) {
    if (!req.has_param(name) || invalid) {
        return fallback;
    }
    const std::string text = req.get_param_value(name);
    std::size_t value = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc{} || end != text.data() + text.size() || value < 1 || value > max) {
        send_open311_error(res, 400, std::string(name) + " '" + text + "' is not a whole number in 1.." +
                                         std::to_string(max));
        invalid = true;
        return fallback;
    }
    return value;
}

void handle_list_requests(const httplib::Request& req, httplib::Response& res, Open311Context& context) {
    // Other parameters (api_key, jurisdiction_id, ...) are ignored, repeated or not.
    const auto repeated = find_repeated_parameter(
        req, {"page_size", "page", "service_request_id", "service_code", "status", "start_date", "end_date"});
    if (repeated) {
        send_open311_error(res, 400, *repeated);
        return;
    }

    RequestQuery query;
    bool invalid = false;
    query.limit = paging_parameter(req, res, "page_size", 1000, 1000, invalid);
    const std::size_t page = paging_parameter(req, res, "page", 1, 1000000, invalid);
    query.offset = (page - 1) * query.limit;
    query.start_ms = date_parameter(req, res, "start_date", invalid);
    query.end_ms = date_parameter(req, res, "end_date", invalid);
    if (invalid) {
        return;
    }
    query.service_code = req.get_param_value("service_code");
    query.status = req.get_param_value("status");
    if (req.has_param("status") && query.status != "open" && query.status != "closed") {
        send_open311_error(res, 400, "status '" + query.status + "' is not allowed; use open or closed");
        return;
    }

    std::stringstream ids(req.get_param_value("service_request_id"));
    std::string id;
    while (std::getline(ids, id, ',')) {
        if (!id.empty()) {
            query.service_request_ids.push_back(id);
        }
    }

    rapidjson::StringBuffer buffer;
    JsonWriter writer(buffer);
    writer.StartArray();
    for (const auto& request : context.reports.list(query)) {
        write_request(writer, request, context.services);
    }
    writer.EndArray();
    send_json(res, buffer);
}

void handle_get_request(const httplib::Request& req, httplib::Response& res, Open311Context& context) {
    const std::string id = req.matches[1];
    const auto request = context.reports.find(id);
    if (!request) {
        send_open311_error(res, 404, "service request '" + id +
                                         "' does not exist; check the service_request_id returned when it was sent");
        return;
    }
    rapidjson::StringBuffer buffer;
    JsonWriter writer(buffer);
    writer.StartArray();
    write_request(writer, *request, context.services);
    writer.EndArray();
    send_json(res, buffer);
}

// Rejects Open311 addresses that the routes above do not match, with a
// description of the address to use instead.
void handle_unknown_open311_path(const httplib::Request& req, httplib::Response& res) {
    static const std::regex other_format(R"(^/open311/v2/(.+)\.(xml|csv|html|txt)$)");
    static const std::regex request_without_suffix(R"(^/open311/v2/requests/([^/.]+)$)");
    std::smatch match;
    if (std::regex_match(req.path, match, other_format)) {
        send_open311_error(res, 404, "format '" + match[2].str() + "' is not served; only JSON is, so use /open311/v2/" +
                                         match[1].str() + ".json");
        return;
    }
    if (std::regex_match(req.path, match, request_without_suffix)) {
        send_open311_error(res, 404, "the .json suffix is required; use /open311/v2/requests/" + match[1].str() + ".json");
        return;
    }
    send_open311_error(res, 404, "no Open311 resource at '" + req.path +
                                     "'; use /open311/v2/services.json or /open311/v2/requests.json");
}

} // namespace

std::string service_requests_json(const std::vector<PublicServiceRequest>& requests, const ServiceCatalog& services) {
    rapidjson::StringBuffer buffer;
    JsonWriter writer(buffer);
    writer.StartArray();
    for (const auto& request : requests) {
        write_request(writer, request, services);
    }
    writer.EndArray();
    return buffer.GetString();
}

void register_open311_routes(httplib::Server& server, Open311Context& context) {
    server.Get("/open311/v2/services.json",
               [&context](const httplib::Request&, httplib::Response& res) { handle_services(res, context.services); });
    server.Get("/open311/v2/services/([^/]+)\\.json", [&context](const httplib::Request& req, httplib::Response& res) {
        handle_service_definition(req, res, context.services);
    });
    server.Get("/open311/v2/requests.json", [&context](const httplib::Request& req, httplib::Response& res) {
        handle_list_requests(req, res, context);
    });
    server.Get("/open311/v2/requests/([^/]+)\\.json", [&context](const httplib::Request& req, httplib::Response& res) {
        handle_get_request(req, res, context);
    });
    server.Post("/open311/v2/requests.json",
                [&context](const httplib::Request& req, httplib::Response& res, const httplib::ContentReader& reader) {
                    handle_post_request(req, res, reader, context);
                });
    server.Get("/open311/.*", handle_unknown_open311_path);
}

} // namespace badung::cityd

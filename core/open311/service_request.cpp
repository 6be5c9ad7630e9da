#include "core/open311/service_request.hpp"

#include "core/open311/json_value.hpp"

#include <rapidjson/document.h>

namespace badung::open311 {

namespace {

std::string join_errors(const std::vector<ApiError>& errors) {
    std::string text = "the server returned an error:";
    for (const ApiError& error : errors) {
        text += ' ';
        text += std::to_string(error.code);
        text += ' ';
        text += error.description;
        text += ';';
    }
    return text;
}

// Reads one optional member, moving a problem into problems instead of
// failing the entry.
template <typename Read>
void read_member(const char* name, Read read, std::size_t index, std::vector<EntryProblem>& problems) {
    try {
        read();
    } catch (const std::exception& error) {
        problems.push_back(EntryProblem{index, std::string(name) + ": " + error.what()});
    }
}

std::optional<time::DateTime> member_date_time(const rapidjson::Value& entry, const char* name) {
    const auto text = member_text(entry, name);
    if (!text || text->empty()) {
        return std::nullopt;
    }
    return time::parse_date_time(*text);
}

ServiceRequest read_request(const rapidjson::Value& entry, std::size_t index,
                            std::vector<EntryProblem>& problems) {
    ServiceRequest request;
    request.service_request_id = member_text(entry, "service_request_id").value_or("");

    const struct {
        const char* name;
        std::string ServiceRequest::*field;
    } texts[] = {
        {"status", &ServiceRequest::status},
        {"status_notes", &ServiceRequest::status_notes},
        {"service_name", &ServiceRequest::service_name},
        {"service_code", &ServiceRequest::service_code},
        {"description", &ServiceRequest::description},
        {"agency_responsible", &ServiceRequest::agency_responsible},
        {"service_notice", &ServiceRequest::service_notice},
        {"address", &ServiceRequest::address},
        {"address_id", &ServiceRequest::address_id},
        {"zipcode", &ServiceRequest::zipcode},
        {"media_url", &ServiceRequest::media_url},
    };
    for (const auto& text : texts) {
        read_member(text.name, [&] { request.*text.field = member_text(entry, text.name).value_or(""); },
                    index, problems);
    }

    read_member("requested_datetime",
                [&] { request.requested_datetime = member_date_time(entry, "requested_datetime"); },
                index, problems);
    read_member("updated_datetime",
                [&] { request.updated_datetime = member_date_time(entry, "updated_datetime"); }, index,
                problems);
    read_member("expected_datetime",
                [&] { request.expected_datetime = member_date_time(entry, "expected_datetime"); },
                index, problems);
    read_member("lat", [&] { request.lat = member_number(entry, "lat"); }, index, problems);
    read_member("long", [&] { request.lon = member_number(entry, "long"); }, index, problems);
    return request;
}

} // namespace

void throw_if_error_array(const rapidjson::Value& array) {
    if (!array.IsArray() || array.Empty()) {
        return;
    }
    std::vector<ApiError> errors;
    for (const rapidjson::Value& entry : array.GetArray()) {
        if (!entry.IsObject() || !entry.HasMember("code") || !entry["code"].IsInt() ||
            entry.HasMember("service_request_id") || entry.HasMember("token")) {
            return;
        }
        errors.push_back(ApiError{entry["code"].GetInt(),
                                  member_text(entry, "description").value_or("")});
    }
    throw Open311ErrorResponse(std::move(errors));
}

Open311ErrorResponse::Open311ErrorResponse(std::vector<ApiError> errors)
    : std::runtime_error(join_errors(errors)), m_errors(std::move(errors)) {}

ServiceRequestList parse_service_requests(std::string_view json) {
    rapidjson::Document doc;
    parse_json(json, doc, "the service request list");
    if (!doc.IsArray()) {
        throw InvalidOpen311Json("the service request list is not a JSON array: " +
                                 json_text(doc).substr(0, 80));
    }
    throw_if_error_array(doc);

    ServiceRequestList list;
    std::size_t index = 0;
    for (const rapidjson::Value& entry : doc.GetArray()) {
        if (!entry.IsObject()) {
            list.problems.push_back(EntryProblem{index, "entry is not an object; dropped"});
        } else {
            try {
                ServiceRequest request = read_request(entry, index, list.problems);
                if (request.service_request_id.empty()) {
                    list.problems.push_back(EntryProblem{index, "service_request_id is missing; dropped"});
                } else {
                    list.requests.push_back(std::move(request));
                }
            } catch (const InvalidOpen311Json& error) {
                list.problems.push_back(EntryProblem{
                    index, std::string("service_request_id: ") + error.what() + "; dropped"});
            }
        }
        ++index;
    }
    return list;
}

PostResult parse_post_response(std::string_view json) {
    rapidjson::Document doc;
    parse_json(json, doc, "the POST requests.json response");
    throw_if_error_array(doc);

    // GeoReport v2 wraps the result in an array; accept a bare object too.
    const rapidjson::Value* entry = &doc;
    if (doc.IsArray() && doc.Size() == 1) {
        entry = &doc[0];
    }
    if (!entry->IsObject()) {
        throw InvalidOpen311Json("the POST requests.json response is not [{…}]: " +
                                 json_text(doc).substr(0, 80));
    }

    PostResult result;
    result.service_request_id = member_text(*entry, "service_request_id").value_or("");
    result.token = member_text(*entry, "token").value_or("");
    result.service_notice = member_text(*entry, "service_notice").value_or("");
    result.account_id = member_text(*entry, "account_id").value_or("");
    if (result.service_request_id.empty() && result.token.empty()) {
        throw InvalidOpen311Json("the POST requests.json response has neither service_request_id "
                                 "nor token: " +
                                 json_text(doc).substr(0, 80));
    }
    return result;
}

std::vector<ServiceRequest> requested_within(const std::vector<ServiceRequest>& requests,
                                             const time::InstantRange& range) {
    std::vector<ServiceRequest> within;
    for (const ServiceRequest& request : requests) {
        if (request.requested_datetime && range.contains(request.requested_datetime->utc_ms)) {
            within.push_back(request);
        }
    }
    return within;
}

} // namespace badung::open311

#include "server/http_errors.hpp"

#include <httplib.h>
#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

namespace badung::cityd {

void send_ogc_error(httplib::Response& res, int status, std::string_view code, std::string_view description) {
    rapidjson::StringBuffer buffer;
    rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
    writer.StartObject();
    writer.Key("code");
    writer.String(code.data(), static_cast<rapidjson::SizeType>(code.size()));
    writer.Key("description");
    writer.String(description.data(), static_cast<rapidjson::SizeType>(description.size()));
    writer.EndObject();

    res.status = status;
    res.set_content(buffer.GetString(), buffer.GetSize(), "application/json");
}

void send_open311_error(httplib::Response& res, int status, std::string_view description) {
    rapidjson::StringBuffer buffer;
    rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
    writer.StartArray();
    writer.StartObject();
    writer.Key("code");
    writer.Int(status);
    writer.Key("description");
    writer.String(description.data(), static_cast<rapidjson::SizeType>(description.size()));
    writer.EndObject();
    writer.EndArray();

    res.status = status;
    res.set_content(buffer.GetString(), buffer.GetSize(), "application/json");
}

std::string ogc_code_for_status(int status) {
    switch (status) {
    case 400:
        return "InvalidParameterValue";
    case 404:
        return "NotFound";
    case 405:
        return "MethodNotAllowed";
    case 406:
        return "NotAcceptable";
    case 408:
        return "RequestTimeout";
    case 413:
        return "PayloadTooLarge";
    case 414:
        return "URITooLong";
    case 415:
        return "UnsupportedMediaType";
    case 416:
        return "RangeNotSatisfiable";
    default:
        return status >= 500 ? "ServerError" : "BadRequest";
    }
}

std::string error_reason(const std::string& body) {
    rapidjson::Document document;
    document.Parse(body.c_str(), body.size());
    if (document.HasParseError()) {
        return "";
    }

    const rapidjson::Value* error = &document;
    if (document.IsArray() && !document.Empty()) {
        error = &document[0];
    }
    if (!error->IsObject()) {
        return "";
    }
    const auto description = error->FindMember("description");
    if (description == error->MemberEnd() || !description->value.IsString()) {
        return "";
    }
    return description->value.GetString();
}

} // namespace badung::cityd

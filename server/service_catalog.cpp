#include "server/service_catalog.hpp"

#include "server/log.hpp"

#include <rapidjson/document.h>
#include <rapidjson/error/en.h>

#include <fstream>
#include <set>
#include <sstream>

namespace badung::cityd {

namespace {

using rapidjson::Value;

const std::set<std::string, std::less<>> attribute_datatypes = {"string", "number", "datetime", "text",
                                                                "singlevaluelist", "multivaluelist"};

std::string string_field(const Value& object, const char* name, const std::string& where, bool required) {
    const auto found = object.FindMember(name);
    if (found == object.MemberEnd() || found->value.IsNull()) {
        if (required) {
            throw ServiceCatalogError(where + ": missing string field \"" + name + "\"");
        }
        return "";
    }
    if (!found->value.IsString()) {
        throw ServiceCatalogError(where + ": field \"" + name + "\" must be a string");
    }
    return found->value.GetString();
}

bool bool_field(const Value& object, const char* name, bool fallback, const std::string& where) {
    const auto found = object.FindMember(name);
    if (found == object.MemberEnd()) {
        return fallback;
    }
    if (!found->value.IsBool()) {
        throw ServiceCatalogError(where + ": field \"" + name + "\" must be true or false");
    }
    return found->value.GetBool();
}

ServiceAttribute parse_attribute(const Value& object, const std::string& where) {
    if (!object.IsObject()) {
        throw ServiceCatalogError(where + ": an attribute must be a JSON object");
    }
    ServiceAttribute attribute;
    attribute.code = string_field(object, "code", where, true);
    const std::string at = where + ", attribute " + attribute.code;
    attribute.datatype = string_field(object, "datatype", at, true);
    if (attribute_datatypes.count(attribute.datatype) == 0) {
        throw ServiceCatalogError(at + ": datatype \"" + attribute.datatype +
                                  "\" is not one of string, number, datetime, text, singlevaluelist, "
                                  "multivaluelist");
    }
    attribute.required = bool_field(object, "required", false, at);
    attribute.variable = bool_field(object, "variable", true, at);
    attribute.description = string_field(object, "description", at, true);
    attribute.description_en = string_field(object, "description_en", at, false);
    const auto order = object.FindMember("order");
    if (order != object.MemberEnd() && order->value.IsInt()) {
        attribute.order = order->value.GetInt();
    }

    const bool is_list = attribute.datatype == "singlevaluelist" || attribute.datatype == "multivaluelist";
    const auto values = object.FindMember("values");
    if (is_list && (values == object.MemberEnd() || !values->value.IsArray() || values->value.Empty())) {
        throw ServiceCatalogError(at + ": a list attribute needs a non-empty \"values\" array");
    }
    if (is_list) {
        for (const auto& value : values->value.GetArray()) {
            if (!value.IsObject()) {
                throw ServiceCatalogError(at + ": each value must be an object with \"key\" and \"name\"");
            }
            attribute.values.push_back({string_field(value, "key", at, true), string_field(value, "name", at, true),
                                        string_field(value, "name_en", at, false)});
        }
    }
    return attribute;
}

Service parse_service(const Value& object, std::size_t position, const std::string& origin) {
    const std::string where = origin + ", service " + std::to_string(position + 1);
    if (!object.IsObject()) {
        throw ServiceCatalogError(where + ": a service must be a JSON object");
    }

    Service service;
    service.code = string_field(object, "service_code", where, true);
    const std::string at = origin + ", service " + service.code;
    service.name = string_field(object, "service_name", at, true);
    service.name_en = string_field(object, "service_name_en", at, false);
    service.description = string_field(object, "description", at, false);
    service.description_en = string_field(object, "description_en", at, false);
    service.group = string_field(object, "group", at, false);
    service.group_en = string_field(object, "group_en", at, false);
    const std::string type = string_field(object, "type", at, false);
    if (!type.empty()) {
        service.type = type;
    }

    const auto keywords = object.FindMember("keywords");
    if (keywords != object.MemberEnd() && keywords->value.IsArray()) {
        for (const auto& keyword : keywords->value.GetArray()) {
            if (keyword.IsString()) {
                service.keywords.emplace_back(keyword.GetString());
            }
        }
    }

    const auto attributes = object.FindMember("attributes");
    if (attributes != object.MemberEnd()) {
        if (!attributes->value.IsArray()) {
            throw ServiceCatalogError(at + ": \"attributes\" must be an array");
        }
        for (const auto& attribute : attributes->value.GetArray()) {
            service.attributes.push_back(parse_attribute(attribute, at));
        }
    }
    return service;
}

} // namespace

const ServiceAttribute* Service::find_attribute(std::string_view attribute_code) const {
    for (const auto& attribute : attributes) {
        if (attribute.code == attribute_code) {
            return &attribute;
        }
    }
    return nullptr;
}

ServiceCatalog ServiceCatalog::parse(const std::string& text, const std::string& origin) {
    rapidjson::Document document;
    document.Parse(text.c_str(), text.size());
    if (document.HasParseError()) {
        throw ServiceCatalogError(origin + ": invalid JSON at byte " + std::to_string(document.GetErrorOffset()) +
                                  ": " + rapidjson::GetParseError_En(document.GetParseError()));
    }
    if (!document.IsObject() || !document.HasMember("services") || !document["services"].IsArray()) {
        throw ServiceCatalogError(origin + ": expected an object with a \"services\" array");
    }

    ServiceCatalog catalog;
    std::set<std::string> codes;
    std::size_t position = 0;
    for (const auto& object : document["services"].GetArray()) {
        Service service = parse_service(object, position++, origin);
        if (!codes.insert(service.code).second) {
            throw ServiceCatalogError(origin + ": service_code \"" + service.code + "\" appears twice");
        }
        catalog.services_.push_back(std::move(service));
    }
    return catalog;
}

ServiceCatalog ServiceCatalog::load(const std::filesystem::path& file) {
    std::ifstream stream(file, std::ios::binary);
    if (!stream) {
        log_event("services_missing", {{"path", file.string()},
                                       {"reason", "no services file; every service request will be rejected"}});
        return {};
    }
    std::stringstream text;
    text << stream.rdbuf();
    ServiceCatalog catalog = parse(text.str(), file.string());
    log_event("services_loaded", {{"path", file.string()}, {"services", std::to_string(catalog.services_.size())}});
    return catalog;
}

const Service* ServiceCatalog::find(std::string_view code) const {
    for (const auto& service : services_) {
        if (service.code == code) {
            return &service;
        }
    }
    return nullptr;
}

} // namespace badung::cityd

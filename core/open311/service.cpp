#include "core/open311/service.hpp"

#include "core/open311/json_value.hpp"

#include <algorithm>

namespace badung::open311 {

namespace {

constexpr AttributeDatatype all_datatypes[] = {
    AttributeDatatype::string, AttributeDatatype::number,          AttributeDatatype::datetime,
    AttributeDatatype::text,   AttributeDatatype::singlevaluelist, AttributeDatatype::multivaluelist,
};

bool is_list(AttributeDatatype datatype) noexcept {
    return datatype == AttributeDatatype::singlevaluelist || datatype == AttributeDatatype::multivaluelist;
}

std::string trimmed(std::string_view text) {
    const auto first = text.find_first_not_of(" \t");
    if (first == std::string_view::npos) {
        return {};
    }
    const auto last = text.find_last_not_of(" \t");
    return std::string(text.substr(first, last - first + 1));
}

std::vector<std::string> read_keywords(const rapidjson::Value& entry) {
    std::vector<std::string> keywords;
    const auto it = entry.FindMember("keywords");
    if (it == entry.MemberEnd() || it->value.IsNull()) {
        return keywords;
    }

    if (it->value.IsArray()) {
        for (const rapidjson::Value& word : it->value.GetArray()) {
            if (!word.IsString()) {
                throw InvalidOpen311Json("keyword " + json_text(word) + " is not a string");
            }
            keywords.emplace_back(word.GetString(), word.GetStringLength());
        }
        return keywords;
    }

    const std::string list = member_text(entry, "keywords").value_or("");
    std::size_t start = 0;
    while (start <= list.size()) {
        const std::size_t comma = std::min(list.find(',', start), list.size());
        std::string word = trimmed(std::string_view(list).substr(start, comma - start));
        if (!word.empty()) {
            keywords.push_back(std::move(word));
        }
        start = comma + 1;
    }
    return keywords;
}

ServiceType read_type(const rapidjson::Value& entry) {
    const std::string type = member_text(entry, "type").value_or("realtime");
    if (type == "realtime") {
        return ServiceType::realtime;
    }
    if (type == "batch") {
        return ServiceType::batch;
    }
    if (type == "blackbox") {
        return ServiceType::blackbox;
    }
    throw InvalidOpen311Json("type \"" + type + "\" is not realtime, batch or blackbox");
}

std::vector<AttributeValue> read_values(const rapidjson::Value& entry) {
    std::vector<AttributeValue> values;
    const auto it = entry.FindMember("values");
    if (it == entry.MemberEnd() || it->value.IsNull()) {
        return values;
    }
    if (!it->value.IsArray()) {
        throw InvalidOpen311Json("values is " + json_text(it->value).substr(0, 80) + ", expected an array");
    }
    for (const rapidjson::Value& value : it->value.GetArray()) {
        if (!value.IsObject()) {
            throw InvalidOpen311Json("value " + json_text(value).substr(0, 80) + " is not an object");
        }
        AttributeValue choice;
        choice.key = member_text(value, "key").value_or("");
        choice.name = member_text(value, "name").value_or(choice.key);
        if (choice.key.empty()) {
            throw InvalidOpen311Json("value " + json_text(value).substr(0, 80) + " has no key");
        }
        values.push_back(std::move(choice));
    }
    return values;
}

ServiceAttribute read_attribute(const rapidjson::Value& entry) {
    if (!entry.IsObject()) {
        throw InvalidOpen311Json("attribute " + json_text(entry).substr(0, 80) + " is not an object");
    }

    ServiceAttribute attribute;
    attribute.code = member_text(entry, "code").value_or("");
    if (attribute.code.empty()) {
        throw InvalidOpen311Json("attribute has no code");
    }

    const std::string datatype = member_text(entry, "datatype").value_or("");
    const auto* found = std::find_if(std::begin(all_datatypes), std::end(all_datatypes),
                                     [&](AttributeDatatype candidate) { return datatype == datatype_name(candidate); });
    if (found == std::end(all_datatypes)) {
        throw InvalidOpen311Json("attribute \"" + attribute.code + "\" has datatype \"" + datatype +
                                 "\"; expected string, number, datetime, text, singlevaluelist or multivaluelist");
    }
    attribute.datatype = *found;

    attribute.variable = member_bool(entry, "variable").value_or(true);
    attribute.required = member_bool(entry, "required").value_or(false);
    attribute.datatype_description = member_text(entry, "datatype_description").value_or("");
    attribute.order = static_cast<int>(member_number(entry, "order").value_or(0));
    attribute.description = member_text(entry, "description").value_or("");
    attribute.description_en = member_text(entry, "description_en").value_or("");
    attribute.values = read_values(entry);

    if (is_list(attribute.datatype) && attribute.variable && attribute.values.empty()) {
        throw InvalidOpen311Json("attribute \"" + attribute.code + "\" is a " + datatype +
                                 " without values");
    }
    return attribute;
}

template <typename Read>
void read_member(const char* name, Read read, std::size_t index, std::vector<EntryProblem>& problems) {
    try {
        read();
    } catch (const InvalidOpen311Json& error) {
        problems.push_back(EntryProblem{index, std::string(name) + ": " + error.what()});
    }
}

Service read_service(const rapidjson::Value& entry, std::size_t index, std::vector<EntryProblem>& problems) {
    Service service;
    service.service_code = member_text(entry, "service_code").value_or("");

    read_member("service_name", [&] { service.service_name = member_text(entry, "service_name").value_or(""); },
                index, problems);
    read_member("description", [&] { service.description = member_text(entry, "description").value_or(""); },
                index, problems);
    read_member("group", [&] { service.group = member_text(entry, "group").value_or(""); }, index, problems);
    read_member("service_name_en",
                [&] { service.service_name_en = member_text(entry, "service_name_en").value_or(""); }, index,
                problems);
    read_member("description_en",
                [&] { service.description_en = member_text(entry, "description_en").value_or(""); }, index,
                problems);
    read_member("group_en", [&] { service.group_en = member_text(entry, "group_en").value_or(""); }, index,
                problems);
    read_member("type", [&] { service.type = read_type(entry); }, index, problems);
    read_member("keywords", [&] { service.keywords = read_keywords(entry); }, index, problems);

    // A catalog file with embedded attributes may leave metadata out.
    const bool has_attributes = entry.HasMember("attributes") && entry["attributes"].IsArray() &&
                                !entry["attributes"].Empty();
    read_member("metadata", [&] { service.metadata = member_bool(entry, "metadata").value_or(has_attributes); },
                index, problems);
    return service;
}

} // namespace

const char* datatype_name(AttributeDatatype datatype) noexcept {
    switch (datatype) {
    case AttributeDatatype::string:
        return "string";
    case AttributeDatatype::number:
        return "number";
    case AttributeDatatype::datetime:
        return "datetime";
    case AttributeDatatype::text:
        return "text";
    case AttributeDatatype::singlevaluelist:
        return "singlevaluelist";
    case AttributeDatatype::multivaluelist:
        return "multivaluelist";
    }
    return "string";
}

bool ServiceAttribute::has_key(std::string_view key) const noexcept {
    return std::any_of(values.begin(), values.end(), [&](const AttributeValue& value) { return value.key == key; });
}

const ServiceAttribute* ServiceDefinition::find(std::string_view code) const noexcept {
    for (const ServiceAttribute& attribute : attributes) {
        if (attribute.code == code) {
            return &attribute;
        }
    }
    return nullptr;
}

ParsedDefinition read_service_definition(const rapidjson::Value& object) {
    if (!object.IsObject()) {
        throw InvalidOpen311Json("the service definition is not a JSON object: " + json_text(object).substr(0, 80));
    }

    ParsedDefinition parsed;
    parsed.definition.service_code = member_text(object, "service_code").value_or("");
    if (parsed.definition.service_code.empty()) {
        throw InvalidOpen311Json("the service definition has no service_code");
    }

    const auto it = object.FindMember("attributes");
    if (it == object.MemberEnd() || it->value.IsNull()) {
        return parsed;
    }
    if (!it->value.IsArray()) {
        throw InvalidOpen311Json("attributes of service \"" + parsed.definition.service_code + "\" is not an array");
    }

    std::size_t index = 0;
    for (const rapidjson::Value& entry : it->value.GetArray()) {
        try {
            ServiceAttribute attribute = read_attribute(entry);
            if (parsed.definition.find(attribute.code) != nullptr) {
                throw InvalidOpen311Json("attribute code \"" + attribute.code + "\" appears twice");
            }
            parsed.definition.attributes.push_back(std::move(attribute));
        } catch (const InvalidOpen311Json& error) {
            parsed.problems.push_back(EntryProblem{index, std::string(error.what()) + "; dropped"});
        }
        ++index;
    }

    std::stable_sort(parsed.definition.attributes.begin(), parsed.definition.attributes.end(),
                     [](const ServiceAttribute& a, const ServiceAttribute& b) { return a.order < b.order; });
    return parsed;
}

ParsedDefinition parse_service_definition(std::string_view json) {
    rapidjson::Document doc;
    parse_json(json, doc, "the service definition");
    if (doc.IsArray()) {
        throw_if_error_array(doc);
    }
    return read_service_definition(doc);
}

ServiceList parse_service_list(std::string_view json) {
    rapidjson::Document doc;
    parse_json(json, doc, "the service list");
    const rapidjson::Value* array = &doc;
    if (doc.IsObject() && doc.HasMember("services")) {
        array = &doc["services"];
    }
    if (!array->IsArray()) {
        throw InvalidOpen311Json("the service list is neither an array nor an object with a \"services\" array");
    }
    throw_if_error_array(*array);

    ServiceList list;
    std::size_t index = 0;
    for (const rapidjson::Value& entry : array->GetArray()) {
        try {
            if (!entry.IsObject()) {
                throw InvalidOpen311Json("entry is not an object");
            }
            Service service = read_service(entry, index, list.problems);
            if (service.service_code.empty()) {
                throw InvalidOpen311Json("service_code is missing");
            }
            const bool seen = std::any_of(list.services.begin(), list.services.end(),
                                          [&](const Service& other) { return other.service_code == service.service_code; });
            if (seen) {
                throw InvalidOpen311Json("service_code \"" + service.service_code + "\" appears twice");
            }
            if (entry.HasMember("attributes")) {
                ParsedDefinition parsed = read_service_definition(entry);
                for (EntryProblem& problem : parsed.problems) {
                    list.problems.push_back(EntryProblem{index, "service \"" + service.service_code +
                                                                    "\" attribute " + std::to_string(problem.index) +
                                                                    ": " + problem.message});
                }
                list.definitions.push_back(std::move(parsed.definition));
            } else if (!service.metadata) {
                list.definitions.push_back(ServiceDefinition{service.service_code, {}});
            }
            list.services.push_back(std::move(service));
        } catch (const InvalidOpen311Json& error) {
            list.problems.push_back(EntryProblem{index, std::string(error.what()) + "; dropped"});
        }
        ++index;
    }
    return list;
}

} // namespace badung::open311

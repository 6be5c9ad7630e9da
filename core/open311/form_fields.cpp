#include "core/open311/form_fields.hpp"

#include "core/open311/json_value.hpp"

namespace badung::open311 {

namespace {

std::string scalar_text(const std::string& name, const rapidjson::Value& value) {
    if (value.IsString()) {
        return std::string(value.GetString(), value.GetStringLength());
    }
    if (value.IsBool()) {
        return value.GetBool() ? "true" : "false";
    }
    if (value.IsInt64()) {
        return std::to_string(value.GetInt64());
    }
    if (value.IsNumber()) {
        return number_text(value.GetDouble());
    }
    throw InvalidOpen311Json("form field \"" + name + "\" is " + json_text(value).substr(0, 80) +
                             ", expected a string, number or boolean");
}

// Adds {"attribute": {"code": "a", "list": ["b", "c"]}} as attribute[code]=a,
// attribute[list][]=b and attribute[list][]=c.
void add_attributes(FormFields& fields, const rapidjson::Value& attributes) {
    for (const auto& member : attributes.GetObject()) {
        const std::string code(member.name.GetString(), member.name.GetStringLength());
        const std::string name = "attribute[" + code + "]";
        if (member.value.IsNull()) {
            continue;
        }
        if (!member.value.IsArray()) {
            fields.add(name, scalar_text(name, member.value));
            continue;
        }
        for (const rapidjson::Value& element : member.value.GetArray()) {
            fields.add(name + "[]", scalar_text(name, element));
        }
    }
}

} // namespace

void FormFields::add(std::string name, std::string value) {
    m_fields.push_back(FormField{std::move(name), std::move(value)});
}

std::optional<std::string_view> FormFields::first(std::string_view name) const {
    for (const FormField& field : m_fields) {
        if (field.name == name) {
            return std::string_view(field.value);
        }
    }
    return std::nullopt;
}

std::vector<std::string_view> FormFields::all(std::string_view name) const {
    std::vector<std::string_view> values;
    for (const FormField& field : m_fields) {
        if (field.name == name) {
            values.emplace_back(field.value);
        }
    }
    return values;
}

FormFields form_fields_from_json(const rapidjson::Value& object) {
    if (!object.IsObject()) {
        throw InvalidOpen311Json("form fields are " + json_text(object).substr(0, 80) +
                                 ", expected a JSON object");
    }

    FormFields fields;
    for (const auto& member : object.GetObject()) {
        const std::string name(member.name.GetString(), member.name.GetStringLength());
        if (member.value.IsNull()) {
            continue;
        }
        if (name == "attribute" && member.value.IsObject()) {
            add_attributes(fields, member.value);
            continue;
        }
        if (!member.value.IsArray()) {
            fields.add(name, scalar_text(name, member.value));
            continue;
        }
        for (const rapidjson::Value& element : member.value.GetArray()) {
            fields.add(name, scalar_text(name, element));
        }
    }
    return fields;
}

} // namespace badung::open311

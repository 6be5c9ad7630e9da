#pragma once

#include "core/open311/json_value.hpp"

#include <rapidjson/document.h>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace badung::open311 {

// One name=value pair of a POST requests.json body, such as "lat" = "-8.7177"
// or "attribute[DEPTH]" = "20".
struct FormField {
    std::string name;
    std::string value;

    friend bool operator==(const FormField&, const FormField&) = default;
};

// The fields of a report form in submission order. A name may repeat, because
// a multivaluelist attribute is sent as attribute[CODE][]=a&attribute[CODE][]=b.
class FormFields {
public:
    FormFields() = default;
    FormFields(std::initializer_list<FormField> fields) : m_fields(fields) {}

    void add(std::string name, std::string value);

    // Returns the value of the first field with this name.
    std::optional<std::string_view> first(std::string_view name) const;

    // Returns the values of every field with this name, in order.
    std::vector<std::string_view> all(std::string_view name) const;

    const std::vector<FormField>& entries() const noexcept { return m_fields; }
    bool empty() const noexcept { return m_fields.empty(); }

    friend bool operator==(const FormFields&, const FormFields&) = default;

private:
    std::vector<FormField> m_fields;
};

// Converts a flat JSON object of form values into fields: strings as they are,
// numbers in their shortest round-trip form, booleans as "true"/"false", and an
// array as one field per element. Null members are left out. An "attribute"
// object, which JSON request bodies use for attribute values, becomes
// attribute[code] fields, and attribute[code][] fields for an array.
// @throws InvalidOpen311Json for a nested object or an array inside an array.
FormFields form_fields_from_json(const rapidjson::Value& object);

} // namespace badung::open311

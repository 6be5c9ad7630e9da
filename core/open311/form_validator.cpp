#include "core/open311/form_validator.hpp"

#include "core/open311/contact_checks.hpp"
#include "core/open311/decimal.hpp"
#include "core/open311/json_value.hpp"
#include "core/open311/utf8.hpp"
#include "core/time/date_time.hpp"
#include "core/geometry/distance.hpp"

#include <algorithm>
#include <optional>
#include <set>
#include <string>

namespace badung::open311 {

namespace {

constexpr std::string_view attribute_prefix = "attribute[";

// Fields whose text may span lines.
bool is_multiline(std::string_view name) noexcept {
    return name == "description";
}

std::string range_text(double low, double high) {
    return number_text(low) + " to " + number_text(high);
}

// Returns the attribute code of "attribute[code]" or "attribute[code][]".
std::optional<std::string_view> attribute_code(std::string_view name) noexcept {
    if (name.substr(0, attribute_prefix.size()) != attribute_prefix) {
        return std::nullopt;
    }
    std::string_view rest = name.substr(attribute_prefix.size());
    if (rest.size() >= 3 && rest.substr(rest.size() - 3) == "][]") {
        rest.remove_suffix(2);
    }
    if (rest.size() < 2 || rest.back() != ']') {
        return std::nullopt;
    }
    rest.remove_suffix(1);
    return rest;
}

class Checker {
public:
    explicit Checker(const FormFields& fields, const FormRules& rules) : m_fields(fields), m_rules(rules) {}

    std::vector<FieldError> take_errors() { return std::move(m_errors); }

    void add(std::string field, std::string_view value, FieldErrorCode code, std::string limit = {},
             std::string label_id = {}) {
        m_errors.push_back(FieldError{std::move(field), printable_excerpt(value), code, std::move(limit),
                                      std::move(label_id)});
    }

    // Rejects invalid UTF-8 and control characters in every field, and
    // remembers those fields so later checks skip them.
    void check_encoding() {
        for (const FormField& field : m_fields.entries()) {
            if (!count_code_points(field.value)) {
                add(field.name, field.value, FieldErrorCode::invalid_utf8);
                m_broken.insert(field.name);
            } else if (has_control_character(field.value)) {
                add(field.name, field.value, FieldErrorCode::control_character);
                m_broken.insert(field.name);
            }
        }
    }

    // Returns the one value of a standard field, or nothing when it is
    // absent, empty or already rejected; reports a repeated field.
    std::optional<std::string_view> single(std::string_view name) {
        const std::vector<std::string_view> values = m_fields.all(name);
        if (values.empty() || m_broken.count(std::string(name)) != 0) {
            return std::nullopt;
        }
        if (values.size() > 1) {
            add(std::string(name), values[0], FieldErrorCode::too_many_values);
            return std::nullopt;
        }
        if (values[0].empty()) {
            return std::nullopt;
        }
        return values[0];
    }

    bool present(std::string_view name) const { return !m_fields.first(name).value_or("").empty(); }

    // Checks length and line breaks of a text value; returns whether it passed.
    bool check_text(const std::string& name, std::string_view value, bool multiline, std::size_t max,
                    const std::string& label_id = {}) {
        if (!multiline && has_line_break(value)) {
            add(name, value, FieldErrorCode::line_break, {}, label_id);
            return false;
        }
        if (count_code_points(value).value_or(0) > max) {
            add(name, value, FieldErrorCode::too_long, std::to_string(max), label_id);
            return false;
        }
        return true;
    }

    void check_service(const ServiceDefinition& definition) {
        if (m_broken.count("service_code") != 0) {
            return;
        }
        const auto code = single("service_code");
        if (!code) {
            if (!present("service_code") && m_fields.all("service_code").size() <= 1) {
                add("service_code", "", FieldErrorCode::missing);
            }
            return;
        }
        if (*code != definition.service_code) {
            add("service_code", *code, FieldErrorCode::unknown_service, definition.service_code);
        }
    }

    // Reads a coordinate: a decimal number with a point, in range.
    std::optional<double> coordinate(const char* name, double low, double high) {
        const auto text = single(name);
        if (!text) {
            return std::nullopt;
        }
        const auto value = parse_decimal(*text);
        if (!value) {
            std::string with_point(*text);
            std::replace(with_point.begin(), with_point.end(), ',', '.');
            const bool comma = with_point != *text && parse_decimal(with_point);
            add(name, *text, comma ? FieldErrorCode::decimal_comma : FieldErrorCode::invalid_number);
            return std::nullopt;
        }
        if (*value < low || *value > high) {
            add(name, *text, FieldErrorCode::out_of_range, range_text(low, high));
            return std::nullopt;
        }
        return value;
    }

    void check_location() {
        const bool has_lat = present("lat");
        const bool has_long = present("long");
        const bool has_address = present("address_string") || present("address_id");

        if (has_lat != has_long) {
            add(has_lat ? "long" : "lat", "", FieldErrorCode::missing);
        } else if (!has_lat && !has_address) {
            add("lat", "", FieldErrorCode::missing_location);
        }

        const auto lat = coordinate("lat", -90.0, 90.0);
        const auto lon = coordinate("long", -180.0, 180.0);
        const geo::BBox& area = m_rules.area;
        if (lat && (*lat < area.south || *lat > area.north)) {
            add("lat", number_text(*lat), FieldErrorCode::outside_area, range_text(area.south, area.north));
        }
        if (lon && (*lon < area.west || *lon > area.east)) {
            add("long", number_text(*lon), FieldErrorCode::outside_area, range_text(area.west, area.east));
        }
        if (lat && lon && inside(area, *lat, *lon)) {
            check_boundary(*lat, *lon);
        }

        if (const auto address = single("address_string")) {
            if (check_text("address_string", *address, false, m_rules.max_line) && !has_letter_or_digit(*address)) {
                add("address_string", *address, FieldErrorCode::no_letter_or_digit);
            }
        }
    }

    static bool inside(const geo::BBox& area, double lat, double lon) noexcept {
        return lat >= area.south && lat <= area.north && lon >= area.west && lon <= area.east;
    }

    // Checks the position against the boundary polygons, with the margin.
    void check_boundary(double lat, double lon) {
        if (m_rules.boundary == nullptr) {
            return;
        }
        const geojson::Position position{lon, lat};
        if (geometry::distance_m(position, *m_rules.boundary) <= m_rules.boundary_margin_m) {
            return;
        }
        add("lat", number_text(lat) + ", " + number_text(lon), FieldErrorCode::outside_boundary,
            number_text(m_rules.boundary_margin_m));
    }

    void check_description() {
        const auto description = single("description");
        if (!description) {
            if (m_rules.description_required && !present("description") && m_broken.count("description") == 0) {
                add("description", "", FieldErrorCode::missing);
            }
            return;
        }
        check_text("description", *description, true, m_rules.max_description);
    }

    void check_contact() {
        for (const char* name : {"first_name", "last_name", "device_id", "address_id"}) {
            if (const auto value = single(name)) {
                check_text(name, *value, is_multiline(name), m_rules.max_line);
            }
        }
        if (const auto email = single("email")) {
            if (check_text("email", *email, false, m_rules.max_line) && !is_email_address(*email)) {
                add("email", *email, FieldErrorCode::invalid_email);
            }
        }
        if (const auto phone = single("phone")) {
            if (check_text("phone", *phone, false, m_rules.max_line) && !is_indonesian_phone(*phone)) {
                add("phone", *phone, FieldErrorCode::invalid_phone);
            }
        }
        if (const auto url = single("media_url")) {
            if (url->size() > m_rules.max_url) {
                add("media_url", *url, FieldErrorCode::too_long, std::to_string(m_rules.max_url));
            } else if (!is_http_url(*url)) {
                add("media_url", *url, FieldErrorCode::invalid_url);
            }
        }
    }

    void check_attributes(const ServiceDefinition& definition);

private:
    void check_answer(const ServiceAttribute& attribute, const std::string& name, std::string_view value);

    const FormFields& m_fields;
    const FormRules& m_rules;
    std::vector<FieldError> m_errors;
    std::set<std::string> m_broken;
};

std::string keys_text(const ServiceAttribute& attribute) {
    std::string text;
    for (const AttributeValue& value : attribute.values) {
        if (!text.empty()) {
            text += ", ";
        }
        text += value.key;
    }
    return text;
}

void Checker::check_answer(const ServiceAttribute& attribute, const std::string& name, std::string_view value) {
    const std::string& label = attribute.description;
    switch (attribute.datatype) {
    case AttributeDatatype::string:
        check_text(name, value, false, m_rules.max_line, label);
        break;
    case AttributeDatatype::text:
        check_text(name, value, true, m_rules.max_description, label);
        break;
    case AttributeDatatype::number:
        if (!parse_decimal(value)) {
            std::string with_point(value);
            std::replace(with_point.begin(), with_point.end(), ',', '.');
            const bool comma = with_point != value && parse_decimal(with_point);
            add(name, value, comma ? FieldErrorCode::decimal_comma : FieldErrorCode::invalid_number, {}, label);
        }
        break;
    case AttributeDatatype::datetime:
        try {
            time::ParseOptions options;
            options.default_offset_minutes = m_rules.local_offset_minutes;
            time::parse_date_time(value, options);
        } catch (const time::InvalidDateTime&) {
            add(name, value, FieldErrorCode::invalid_date_time, {}, label);
        }
        break;
    case AttributeDatatype::singlevaluelist:
    case AttributeDatatype::multivaluelist:
        if (!attribute.has_key(value)) {
            add(name, value, FieldErrorCode::not_in_list, keys_text(attribute), label);
        }
        break;
    }
}

void Checker::check_attributes(const ServiceDefinition& definition) {
    // Answers that name no question of this service.
    std::set<std::string> reported;
    for (const FormField& field : m_fields.entries()) {
        if (field.name.substr(0, attribute_prefix.size()) != attribute_prefix) {
            continue;
        }
        const auto code = attribute_code(field.name);
        const ServiceAttribute* attribute = code ? definition.find(*code) : nullptr;
        if ((attribute == nullptr || !attribute->variable) && reported.insert(field.name).second) {
            add(field.name, field.value, FieldErrorCode::unknown_attribute);
        }
    }

    for (const ServiceAttribute& attribute : definition.attributes) {
        if (!attribute.variable) {
            continue;
        }
        const std::string single_name = "attribute[" + attribute.code + "]";
        const std::string list_name = single_name + "[]";
        if (m_broken.count(single_name) != 0 || m_broken.count(list_name) != 0) {
            continue;
        }

        std::vector<std::string_view> values = m_fields.all(single_name);
        for (const std::string_view value : m_fields.all(list_name)) {
            values.push_back(value);
        }
        values.erase(std::remove(values.begin(), values.end(), std::string_view()), values.end());
        const std::string& name = m_fields.first(list_name) ? list_name : single_name;

        if (values.empty()) {
            if (attribute.required) {
                add(name, "", FieldErrorCode::missing, {}, attribute.description);
            }
            continue;
        }
        if (attribute.datatype != AttributeDatatype::multivaluelist && values.size() > 1) {
            add(name, values[0], FieldErrorCode::too_many_values, {}, attribute.description);
            continue;
        }

        std::set<std::string_view> seen;
        for (const std::string_view value : values) {
            if (!seen.insert(value).second) {
                add(name, value, FieldErrorCode::repeated_value, {}, attribute.description);
                continue;
            }
            check_answer(attribute, name, value);
        }
    }
}

} // namespace

std::vector<FieldError> validate_report_form(const FormFields& fields, const ServiceDefinition& definition,
                                             const FormRules& rules) {
    Checker checker(fields, rules);
    checker.check_encoding();
    checker.check_service(definition);
    checker.check_location();
    checker.check_description();
    checker.check_attributes(definition);
    checker.check_contact();
    return checker.take_errors();
}

std::vector<FieldError> validate_report_form(const FormFields& fields,
                                             const std::vector<ServiceDefinition>& definitions,
                                             const FormRules& rules) {
    const std::string_view code = fields.first("service_code").value_or("");
    for (const ServiceDefinition& definition : definitions) {
        if (definition.service_code == code) {
            return validate_report_form(fields, definition, rules);
        }
    }

    std::string known;
    for (const ServiceDefinition& definition : definitions) {
        known += known.empty() ? "" : ", ";
        known += definition.service_code;
    }
    const FieldErrorCode error = code.empty() ? FieldErrorCode::missing : FieldErrorCode::unknown_service;
    return {FieldError{"service_code", printable_excerpt(code), error, known, {}}};
}

} // namespace badung::open311

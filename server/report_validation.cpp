#include "server/report_validation.hpp"

#include "core/open311/utf8.hpp"

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <algorithm>
#include <charconv>
#include <cmath>

namespace badung::cityd {

namespace {

std::string field_value(const ReportInput& input, const std::string& name) {
    const auto found = input.fields.find(name);
    return found == input.fields.end() ? "" : found->second;
}

// Checks UTF-8, control characters and length of a text field. Newlines
// and tabs are allowed only where `multi_line` is set.
std::string text_field(const ReportInput& input, const std::string& name, std::size_t max_characters,
                       bool multi_line = false) {
    const std::string value = field_value(input, name);
    const auto characters = count_utf8_characters(value);
    if (!characters) {
        throw ValidationError(name, name + " is not valid UTF-8 text; send the body in UTF-8");
    }
    if (*characters > max_characters) {
        throw ValidationError(name, name + " has " + std::to_string(*characters) + " characters; the maximum is " +
                                        std::to_string(max_characters) + ", so shorten it");
    }
    for (const char c : value) {
        const auto byte = static_cast<unsigned char>(c);
        const bool allowed_space = multi_line && (c == '\n' || c == '\r' || c == '\t');
        if ((byte < 0x20 || byte == 0x7F) && !allowed_space) {
            throw ValidationError(name, name + " contains a control character (byte " + std::to_string(byte) +
                                            "); remove it");
        }
    }
    return value;
}

std::optional<double> coordinate(const ReportInput& input, const std::string& name, double limit) {
    const std::string text = field_value(input, name);
    if (text.empty()) {
        return std::nullopt;
    }
    double value = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc{} || end != text.data() + text.size() || !std::isfinite(value) || std::abs(value) > limit) {
        throw ValidationError(name, name + " '" + text + "' is not a number in -" + std::to_string(int(limit)) +
                                        ".." + std::to_string(int(limit)) +
                                        "; send WGS84 decimal degrees, e.g. lat=-8.7177&long=115.1691");
    }
    return value;
}

std::string format_degrees(double value) {
    char text[32];
    const auto [end, ec] = std::to_chars(text, text + sizeof text, value);
    return ec == std::errc{} ? std::string(text, end) : "?";
}

void validate_location(ServiceRequestDraft& draft, const ReportInput& input, const ReportArea& area) {
    draft.lat = coordinate(input, "lat", 90);
    draft.lon = coordinate(input, "long", 180);
    draft.address_string = text_field(input, "address_string", 500);

    if (draft.lat.has_value() != draft.lon.has_value()) {
        const std::string missing = draft.lat ? "long" : "lat";
        throw ValidationError(missing, missing + " is missing; send both lat and long, or address_string only");
    }
    if (!draft.address_string.empty() && !open311::has_letter_or_digit(draft.address_string)) {
        throw ValidationError("address_string", "address_string '" + open311::printable_excerpt(draft.address_string) +
                                                    "' contains no letter or digit; write the street, banjar or a "
                                                    "landmark");
    }
    if (!draft.lat && draft.address_string.empty()) {
        throw ValidationError("lat", "the location is missing; send lat and long (WGS84 degrees) or address_string");
    }
    // NOTE: a request with only address_string is not checked against the
    // area, because the server has no geocoder for Badung addresses.
    if (draft.lat && !area.contains(*draft.lon, *draft.lat)) {
        throw ValidationError("lat", "lat " + format_degrees(*draft.lat) + ", long " + format_degrees(*draft.lon) +
                                         " is outside " + area.describe() + "; report only places in Badung");
    }
}

void validate_attribute_value(const ServiceAttribute& attribute, const std::string& value) {
    const std::string name = "attribute[" + attribute.code + "]";
    if (attribute.values.empty()) {
        if (attribute.datatype == "number") {
            double number = 0;
            const auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), number);
            if (ec != std::errc{} || end != value.data() + value.size()) {
                throw ValidationError(name, name + " '" + value + "' is not a number");
            }
        }
        return;
    }
    const bool listed = std::any_of(attribute.values.begin(), attribute.values.end(),
                                    [&value](const AttributeValue& entry) { return entry.key == value; });
    if (!listed) {
        std::string keys;
        for (const AttributeValue& entry : attribute.values) {
            keys += keys.empty() ? entry.key : ", " + entry.key;
        }
        throw ValidationError(name, name + " '" + value + "' is not one of the listed values: " + keys);
    }
}

void validate_attributes(ServiceRequestDraft& draft, const ReportInput& input, const Service& service) {
    for (const auto& [code, values] : input.attributes) {
        const ServiceAttribute* attribute = service.find_attribute(code);
        const std::string name = "attribute[" + code + "]";
        if (attribute == nullptr) {
            throw ValidationError(name, "service " + service.code + " has no attribute '" + code +
                                            "'; GET /open311/v2/services/" + service.code +
                                            ".json lists its attributes");
        }
        if (values.size() > 1 && attribute->datatype != "multivaluelist") {
            throw ValidationError(name, name + " takes one value, not " + std::to_string(values.size()));
        }
        for (const auto& value : values) {
            ReportInput single;
            single.fields[name] = value;
            validate_attribute_value(*attribute, text_field(single, name, 1000, true));
        }
        draft.attributes[code] = values;
    }

    for (const auto& attribute : service.attributes) {
        const auto answered = draft.attributes.find(attribute.code);
        const bool empty = answered == draft.attributes.end() ||
                           std::all_of(answered->second.begin(), answered->second.end(),
                                       [](const std::string& value) { return value.empty(); });
        if (attribute.required && empty) {
            throw ValidationError("attribute[" + attribute.code + "]",
                                  "attribute[" + attribute.code + "] is required for service " + service.code + ": " +
                                      attribute.description);
        }
    }
}

// Personal data may be stored only with the sender's consent to its
// stated purpose (Indonesia's personal data protection law, UU 27/2022).
void validate_consent(ServiceRequestDraft& draft, const ReportInput& input) {
    const std::string value = field_value(input, "consent");
    const bool yes = value == "true" || value == "1" || value == "yes" || value == "on";
    const bool no = value.empty() || value == "false" || value == "0" || value == "no";
    if (!yes && !no) {
        throw ValidationError("consent", "consent '" + value + "' is not true or false; send consent=true");
    }

    const bool personal = !draft.first_name.empty() || !draft.last_name.empty() || !draft.email.empty() ||
                          !draft.phone.empty() || !draft.device_id.empty();
    if (personal && !yes) {
        throw ValidationError("consent", "consent is missing: first_name, last_name, email, phone or device_id "
                                         "may be sent only with consent=true after the user agreed to the "
                                         "stated purpose; send consent=true or leave the personal fields out");
    }
    draft.consent = yes && personal;
}

void validate_contact(ServiceRequestDraft& draft, const ReportInput& input) {
    draft.first_name = text_field(input, "first_name", 100);
    draft.last_name = text_field(input, "last_name", 100);
    draft.device_id = text_field(input, "device_id", 200);

    draft.email = text_field(input, "email", 254);
    const auto at = draft.email.find('@');
    const bool email_valid = at != std::string::npos && at > 0 && draft.email.find('.', at) != std::string::npos &&
                             draft.email.find(' ') == std::string::npos && draft.email.back() != '.';
    if (!draft.email.empty() && !email_valid) {
        throw ValidationError("email", "email '" + draft.email + "' is not an address like nama@contoh.id");
    }

    draft.phone = text_field(input, "phone", 30);
    const auto digits = std::count_if(draft.phone.begin(), draft.phone.end(), [](char c) { return c >= '0' && c <= '9'; });
    const bool phone_valid = draft.phone.find_first_not_of("0123456789+-() ") == std::string::npos && digits >= 6 &&
                             digits <= 15;
    if (!draft.phone.empty() && !phone_valid) {
        throw ValidationError("phone", "phone '" + draft.phone +
                                           "' is not a phone number; use 6 to 15 digits, e.g. +62 361 123456");
    }
    validate_consent(draft, input);
}

} // namespace

std::optional<std::size_t> count_utf8_characters(const std::string& text) {
    return open311::count_code_points(text);
}

std::string withhold_personal_values(std::string text, const ReportInput& input) {
    for (const char* name : personal_field_names) {
        const std::string value = field_value(input, name);
        if (value.empty()) {
            continue;
        }
        const std::string placeholder = "[" + std::string(name) + " withheld]";
        for (auto at = text.find(value); at != std::string::npos; at = text.find(value, at + placeholder.size())) {
            text.replace(at, value.size(), placeholder);
        }
    }
    return text;
}

ServiceRequestDraft validate_report(const ReportInput& input, const ServiceCatalog& services, const ReportArea& area) {
    ServiceRequestDraft draft;
    draft.service_code = text_field(input, "service_code", 100);
    if (draft.service_code.empty()) {
        throw ValidationError("service_code", "service_code is missing; GET /open311/v2/services.json lists the codes");
    }
    const Service* service = services.find(draft.service_code);
    if (service == nullptr) {
        throw ValidationError("service_code", "service_code '" + draft.service_code +
                                                  "' is not a known service; GET /open311/v2/services.json lists "
                                                  "the codes");
    }

    validate_location(draft, input, area);
    draft.description = text_field(input, "description", max_description_characters, true);
    validate_attributes(draft, input, *service);

    draft.media_url = text_field(input, "media_url", 2048);
    const bool web_url = draft.media_url.rfind("https://", 0) == 0 || draft.media_url.rfind("http://", 0) == 0;
    if (!draft.media_url.empty() && (!web_url || draft.media_url.find(' ') != std::string::npos)) {
        throw ValidationError("media_url", "media_url '" + draft.media_url +
                                               "' is not an http or https URL; upload the photo first and send its URL");
    }

    validate_contact(draft, input);
    return draft;
}

std::string fingerprint(const ServiceRequestDraft& draft) {
    rapidjson::StringBuffer buffer;
    rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
    writer.StartObject();
    const std::pair<const char*, const std::string*> texts[] = {
        {"address_string", &draft.address_string}, {"description", &draft.description},
        {"device_id", &draft.device_id},           {"email", &draft.email},
        {"first_name", &draft.first_name},         {"last_name", &draft.last_name},
        {"media_url", &draft.media_url},           {"phone", &draft.phone},
        {"service_code", &draft.service_code},
    };
    for (const auto& [name, value] : texts) {
        writer.Key(name);
        writer.String(*value);
    }
    writer.Key("consent");
    writer.Bool(draft.consent);
    writer.Key("lat");
    draft.lat ? writer.Double(*draft.lat) : writer.Null();
    writer.Key("long");
    draft.lon ? writer.Double(*draft.lon) : writer.Null();

    writer.Key("attribute");
    writer.StartObject();
    for (const auto& [code, values] : draft.attributes) {
        writer.Key(code.c_str(), static_cast<rapidjson::SizeType>(code.size()));
        writer.StartArray();
        for (const auto& value : values) {
            writer.String(value);
        }
        writer.EndArray();
    }
    writer.EndObject();
    writer.EndObject();
    return buffer.GetString();
}

} // namespace badung::cityd

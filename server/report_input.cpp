#include "server/report_input.hpp"

#include <rapidjson/document.h>
#include <rapidjson/error/en.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

namespace badung::cityd {

namespace {

int hex_value(char c) {
    if (c >= '0' && c <= '9') {
        return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
        return c - 'a' + 10;
    }
    if (c >= 'A' && c <= 'F') {
        return c - 'A' + 10;
    }
    return -1;
}

// Returns the code of an "attribute[code]" or "attribute[code][]" field
// name, or "" for any other field name.
std::string attribute_code(std::string_view name) {
    const std::string_view prefix = "attribute[";
    if (name.substr(0, prefix.size()) != prefix) {
        return "";
    }
    name.remove_prefix(prefix.size());
    if (name.size() >= 2 && name.substr(name.size() - 2) == "[]") {
        name.remove_suffix(2);
    }
    if (name.empty() || name.back() != ']') {
        return "";
    }
    name.remove_suffix(1);
    return std::string(name);
}

void add_field(ReportInput& input, const std::string& name, std::string value) {
    const std::string code = attribute_code(name);
    if (!code.empty()) {
        input.attributes[code].push_back(std::move(value));
        return;
    }
    // Without this check a client's broken attribute field would be
    // dropped silently as an unknown field, losing the citizen's answer.
    if (name.rfind("attribute[", 0) == 0) {
        throw RequestBodyError("field '" + name +
                               "' names no attribute code; write attribute[CODE]=value with a code of the service");
    }
    if (!input.fields.emplace(name, std::move(value)).second) {
        throw RequestBodyError("field '" + name + "' appears more than once; send it once");
    }
}

std::string scalar_text(const rapidjson::Value& value, const std::string& name) {
    if (value.IsString()) {
        return std::string(value.GetString(), value.GetStringLength());
    }
    if (value.IsNumber()) {
        rapidjson::StringBuffer buffer;
        rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
        value.Accept(writer);
        return buffer.GetString();
    }
    if (value.IsBool()) {
        return value.GetBool() ? "true" : "false";
    }
    throw RequestBodyError("field '" + name + "' must be a string or a number");
}

void add_json_attributes(ReportInput& input, const rapidjson::Value& attributes) {
    if (!attributes.IsObject()) {
        throw RequestBodyError("field 'attribute' must be an object of attribute code to value");
    }
    for (const auto& member : attributes.GetObject()) {
        const std::string code(member.name.GetString(), member.name.GetStringLength());
        const std::string name = "attribute[" + code + "]";
        if (member.value.IsNull()) {
            continue;
        }
        if (!member.value.IsArray()) {
            input.attributes[code].push_back(scalar_text(member.value, name));
            continue;
        }
        for (const auto& item : member.value.GetArray()) {
            input.attributes[code].push_back(scalar_text(item, name));
        }
    }
}

} // namespace

std::string decode_form_component(std::string_view text) {
    std::string decoded;
    decoded.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (c == '+') {
            decoded += ' ';
        } else if (c != '%') {
            decoded += c;
        } else {
            const bool complete = i + 2 < text.size();
            const int high = complete ? hex_value(text[i + 1]) : -1;
            const int low = complete ? hex_value(text[i + 2]) : -1;
            if (high < 0 || low < 0) {
                throw RequestBodyError("invalid percent escape '" + std::string(text.substr(i, 3)) +
                                       "' in the form body; encode '%' as %25");
            }
            decoded += static_cast<char>(high * 16 + low);
            i += 2;
        }
    }
    return decoded;
}

ReportInput parse_form_report(std::string_view body) {
    ReportInput input;
    std::size_t start = 0;
    while (start < body.size()) {
        const std::size_t end = std::min(body.find('&', start), body.size());
        const std::string_view pair = body.substr(start, end - start);
        start = end + 1;
        if (pair.empty()) {
            continue;
        }

        const std::size_t equals = pair.find('=');
        const std::string name = decode_form_component(pair.substr(0, equals));
        const std::string value =
            equals == std::string_view::npos ? "" : decode_form_component(pair.substr(equals + 1));
        add_field(input, name, value);
    }
    return input;
}

ReportInput parse_json_report(std::string_view body) {
    rapidjson::Document document;
    // The iterative parser keeps deeply nested input off the call stack.
    document.Parse<rapidjson::kParseIterativeFlag>(body.data(), body.size());
    if (document.HasParseError()) {
        throw RequestBodyError("the body is not valid JSON (byte " + std::to_string(document.GetErrorOffset()) +
                               ": " + rapidjson::GetParseError_En(document.GetParseError()) + ")");
    }
    if (!document.IsObject()) {
        throw RequestBodyError("the JSON body must be an object of field names to values");
    }

    ReportInput input;
    for (const auto& member : document.GetObject()) {
        const std::string name(member.name.GetString(), member.name.GetStringLength());
        if (member.value.IsNull()) {
            continue;
        }
        if (name == "attribute") {
            add_json_attributes(input, member.value);
            continue;
        }
        if (member.value.IsArray() && !attribute_code(name).empty()) {
            for (const auto& item : member.value.GetArray()) {
                add_field(input, name, scalar_text(item, name));
            }
            continue;
        }
        add_field(input, name, scalar_text(member.value, name));
    }
    return input;
}

} // namespace badung::cityd

#include "core/open311/json_value.hpp"

#include "core/json/parse.hpp"
#include "core/open311/decimal.hpp"

#include <rapidjson/error/en.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

namespace badung::open311 {

namespace {

std::string member_error(const char* name, const rapidjson::Value& value, const char* expected) {
    return std::string("member \"") + name + "\" is " + json_text(value) + ", expected " + expected;
}

} // namespace

void parse_json(std::string_view text, rapidjson::Document& doc, const char* what) {
    json::parse(doc, text);
    if (doc.HasParseError()) {
        throw InvalidOpen311Json(std::string("invalid JSON in ") + what + " at byte " +
                                 std::to_string(doc.GetErrorOffset()) + ": " +
                                 rapidjson::GetParseError_En(doc.GetParseError()));
    }
}

std::string json_text(const rapidjson::Value& value) {
    rapidjson::StringBuffer buffer;
    rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
    value.Accept(writer);
    return std::string(buffer.GetString(), buffer.GetSize());
}

std::string number_text(double value) {
    rapidjson::StringBuffer buffer;
    rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
    writer.Double(value);
    std::string text(buffer.GetString(), buffer.GetSize());

    // RapidJSON writes whole numbers as "3.0"; a form field reads "3".
    if (text.size() > 2 && text.compare(text.size() - 2, 2, ".0") == 0) {
        text.resize(text.size() - 2);
    }
    return text;
}

std::optional<std::string> member_text(const rapidjson::Value& object, const char* name) {
    const auto it = object.FindMember(name);
    if (it == object.MemberEnd() || it->value.IsNull()) {
        return std::nullopt;
    }
    const rapidjson::Value& value = it->value;
    if (value.IsString()) {
        return std::string(value.GetString(), value.GetStringLength());
    }
    if (value.IsInt64()) {
        return std::to_string(value.GetInt64());
    }
    if (value.IsNumber()) {
        return number_text(value.GetDouble());
    }
    throw InvalidOpen311Json(member_error(name, value, "a string"));
}

std::optional<bool> member_bool(const rapidjson::Value& object, const char* name) {
    const auto it = object.FindMember(name);
    if (it == object.MemberEnd() || it->value.IsNull()) {
        return std::nullopt;
    }
    const rapidjson::Value& value = it->value;
    if (value.IsBool()) {
        return value.GetBool();
    }
    if (value.IsString()) {
        const std::string_view text(value.GetString(), value.GetStringLength());
        if (text == "true") {
            return true;
        }
        if (text == "false") {
            return false;
        }
    }
    throw InvalidOpen311Json(member_error(name, value, "true or false"));
}

std::optional<double> member_number(const rapidjson::Value& object, const char* name) {
    const auto it = object.FindMember(name);
    if (it == object.MemberEnd() || it->value.IsNull()) {
        return std::nullopt;
    }
    const rapidjson::Value& value = it->value;
    if (value.IsNumber()) {
        return value.GetDouble();
    }
    if (value.IsString()) {
        const std::string_view text(value.GetString(), value.GetStringLength());
        if (const auto number = parse_decimal(text)) {
            return number;
        }
    }
    throw InvalidOpen311Json(member_error(name, value, "a number"));
}

} // namespace badung::open311

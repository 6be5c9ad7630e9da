#pragma once

#include <rapidjson/document.h>

#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

// Lenient readers of GeoReport v2 JSON members. Servers in the wild send
// numbers as strings and booleans as "true"/"false", so each reader accepts
// both forms and reports anything else as invalid.
namespace badung::open311 {

// Raised for a JSON document that is not well-formed or not of the GeoReport v2
// shape; what() names the position or member and the value.
class InvalidOpen311Json : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// Parses text into doc.
// @throws InvalidOpen311Json naming the byte offset and RapidJSON's reason.
void parse_json(std::string_view text, rapidjson::Document& doc, const char* what);

// Returns the member as text: a string as it is, a number in its shortest
// round-trip form. Missing or null members give std::nullopt.
// @throws InvalidOpen311Json for an object, array or boolean.
std::optional<std::string> member_text(const rapidjson::Value& object, const char* name);

// Returns a boolean member; accepts true/false and the strings "true"/"false".
// @throws InvalidOpen311Json for any other value.
std::optional<bool> member_bool(const rapidjson::Value& object, const char* name);

// Returns a number member; accepts numbers and strings holding a number.
// @throws InvalidOpen311Json for any other value.
std::optional<double> member_number(const rapidjson::Value& object, const char* name);

// Returns a JSON value as compact text, for messages that quote it.
std::string json_text(const rapidjson::Value& value);

// Returns the shortest text that reads back as exactly value.
std::string number_text(double value);

} // namespace badung::open311

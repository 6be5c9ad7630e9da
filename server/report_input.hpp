#pragma once

#include <map>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace badung::cityd {

// The fields of an Open311 POST /requests body before validation: scalar
// fields by name, and attribute answers by attribute code (a multi-value
// list may repeat attribute[code][] in forms, or use a JSON array).
struct ReportInput {
    std::map<std::string, std::string> fields;
    std::map<std::string, std::vector<std::string>> attributes;
};

// Raised for a body that cannot be read. The message names the field or
// the position and the problem.
class RequestBodyError : public std::invalid_argument {
public:
    using std::invalid_argument::invalid_argument;
};

// Parses an application/x-www-form-urlencoded body ('+' is a space).
// Throws RequestBodyError for an invalid percent escape or a repeated field.
ReportInput parse_form_report(std::string_view body);

// Parses a JSON object body. Numbers become their decimal text, null means
// absent, and "attribute" is an object of code to string, number or array.
// Throws RequestBodyError for invalid JSON or a field of the wrong type.
ReportInput parse_json_report(std::string_view body);

// Decodes percent escapes and '+' of one urlencoded component. Throws
// RequestBodyError for a '%' not followed by two hex digits.
std::string decode_form_component(std::string_view text);

} // namespace badung::cityd

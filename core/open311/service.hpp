#pragma once

#include "core/open311/service_request.hpp"

#include <rapidjson/document.h>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace badung::open311 {

// The way a service handles requests (GeoReport v2 "type").
enum class ServiceType { realtime, batch, blackbox };

// One entry of GET services.json.
struct Service {
    std::string service_code;
    std::string service_name;
    std::string description;
    bool metadata = false; // true: GET services/{code}.json has attributes
    ServiceType type = ServiceType::realtime;
    std::vector<std::string> keywords;
    std::string group;

    // English texts for the UI's English switch, from the non-standard
    // members service_name_en, description_en and group_en; empty when absent.
    std::string service_name_en;
    std::string description_en;
    std::string group_en;
};

enum class AttributeDatatype { string, number, datetime, text, singlevaluelist, multivaluelist };

// Returns the GeoReport v2 name of datatype ("singlevaluelist", …).
const char* datatype_name(AttributeDatatype datatype) noexcept;

// One choice of a singlevaluelist or multivaluelist attribute.
struct AttributeValue {
    std::string key;  // what the form sends
    std::string name; // what the user reads
};

// One question of a service definition.
struct ServiceAttribute {
    bool variable = true; // false: information only, the form sends no value
    std::string code;
    AttributeDatatype datatype = AttributeDatatype::string;
    bool required = false;
    std::string datatype_description;
    int order = 0;
    std::string description;    // the question as shown
    std::string description_en; // non-standard English text; empty when absent
    std::vector<AttributeValue> values;

    // Returns whether key is one of values.
    bool has_key(std::string_view key) const noexcept;
};

// GET services/{service_code}.json: the questions of one service, sorted by
// order (ties keep their order in the document).
struct ServiceDefinition {
    std::string service_code;
    std::vector<ServiceAttribute> attributes;

    // Returns the attribute with this code, or nullptr.
    const ServiceAttribute* find(std::string_view code) const noexcept;
};

struct ParsedDefinition {
    ServiceDefinition definition;
    std::vector<EntryProblem> problems; // index: position in "attributes"
};

// Parses a service definition. An attribute is dropped and reported when it
// has no code, an unknown datatype, or a list datatype but no values. A second
// attribute with the same code is dropped too.
// @throws InvalidOpen311Json when the text is not JSON, not an object or has
//         no service_code; Open311ErrorResponse for an error array.
ParsedDefinition parse_service_definition(std::string_view json);

// Reads a service definition from an object already parsed.
// @throws InvalidOpen311Json as parse_service_definition does.
ParsedDefinition read_service_definition(const rapidjson::Value& object);

struct ServiceList {
    std::vector<Service> services;
    // Definitions known without a further request: those embedded in the
    // entries ("attributes" beside the service, as a city's own catalog file
    // has them), and an empty one for each service with metadata false,
    // because such a service asks no questions.
    std::vector<ServiceDefinition> definitions;
    std::vector<EntryProblem> problems;
};

// Parses GET services.json: a JSON array of services, or an object whose
// "services" member is that array. keywords may be a comma-separated string
// (the standard) or an array. An entry without a service_code, or with a code
// already seen, is dropped and reported; a bad member is reported and left
// empty.
// @throws InvalidOpen311Json when the text is not JSON or has no such array;
//         Open311ErrorResponse for an error array.
ServiceList parse_service_list(std::string_view json);

} // namespace badung::open311

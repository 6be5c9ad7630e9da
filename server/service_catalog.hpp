#pragma once

#include <filesystem>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace badung::cityd {

// One value of a list attribute: the key a report sends and its names.
struct AttributeValue {
    std::string key;
    std::string name;
    std::string name_en; // empty when the catalog gives no English name
};

// One attribute of an Open311 service definition: an extra question of the
// report form, answered as attribute[code].
struct ServiceAttribute {
    std::string code;
    std::string datatype; // string, number, datetime, text, singlevaluelist or multivaluelist
    bool required = false;
    bool variable = true;
    int order = 0;
    std::string description;
    std::string description_en;
    std::vector<AttributeValue> values; // list datatypes only
};

// An Open311 service that residents can report, e.g. "jalan rusak".
struct Service {
    std::string code;
    std::string name;    // Indonesian
    std::string name_en; // English
    std::string description;
    std::string description_en;
    std::string group;
    std::string group_en;
    std::vector<std::string> keywords;
    std::string type = "realtime";
    std::vector<ServiceAttribute> attributes;

    // Open311 "metadata": true when the service has attributes to answer.
    bool metadata() const noexcept { return !attributes.empty(); }
    const ServiceAttribute* find_attribute(std::string_view attribute_code) const;
};

// Raised for a services file that is not valid. The message names the file,
// the service and the field.
class ServiceCatalogError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// The services the city accepts requests for, read from a JSON file that
// the city edits: {"services": [{"service_code", "service_name",
// "service_name_en", "group", "keywords", "attributes": [...]}, ...]}.
class ServiceCatalog {
public:
    ServiceCatalog() = default;

    // Reads a services file. A missing file gives an empty catalog and a log
    // line, and an invalid one throws ServiceCatalogError.
    static ServiceCatalog load(const std::filesystem::path& file);

    // Parses services JSON text. `origin` names the source in errors.
    static ServiceCatalog parse(const std::string& text, const std::string& origin);

    const std::vector<Service>& services() const noexcept { return services_; }
    const Service* find(std::string_view code) const;

private:
    std::vector<Service> services_;
};

} // namespace badung::cityd

// Report form checks for the shell's form (shell/reports/report-form.js):
// validateReport runs the core's validator, the one the server runs, and
// DesaLocator names the desa or kelurahan of the report's position and
// measures how far a position outside Badung lies from it.
#include "core/geojson/reader.hpp"
#include "core/json/parse.hpp"
#include "core/open311/form_validator.hpp"
#include "core/open311/service.hpp"
#include "core/query/feature_layer.hpp"
#include "core/query/locate.hpp"
#include "web/json_writer.hpp"

#include <emscripten/bind.h>

#include <rapidjson/document.h>

#include <exception>
#include <memory>
#include <string>

namespace {

namespace open311 = badung::open311;

void write_text(badung::web::JsonWriter& writer, const char* key, const std::string& value) {
    writer.Key(key);
    writer.String(value.c_str(), static_cast<rapidjson::SizeType>(value.size()));
}

std::string error_json(const std::string& message) {
    rapidjson::StringBuffer buffer;
    badung::web::JsonWriter writer(buffer);
    writer.StartObject();
    write_text(writer, "error", message);
    writer.EndObject();
    return buffer.GetString();
}

// Validates fields ([["name", "value"], ...]) against a service definition
// (the JSON of GET services/{code}.json) and returns
// {"errors": [{"field", "code", "message"}]} with messages in language
// ("id" or "en"), or {"error": "…"} when either JSON cannot be read. The
// form requires a description (description_required), but Open311 does not.
// NOTE: the position is checked against the regency's bbox only; the server
// also checks the boundary polygons, and rejects a position in Denpasar.
std::string validate_report(const std::string& definition_json, const std::string& fields_json,
                            const std::string& language, bool description_required) {
    open311::ServiceDefinition definition;
    try {
        definition = open311::parse_service_definition(definition_json).definition;
    } catch (const std::exception& error) {
        return error_json(std::string("the service definition cannot be read: ") + error.what());
    }

    rapidjson::Document pairs;
    badung::json::parse(pairs, fields_json);
    if (pairs.HasParseError() || !pairs.IsArray()) {
        return error_json("report fields must be a JSON array of [name, value] pairs");
    }
    open311::FormFields fields;
    for (const rapidjson::Value& pair : pairs.GetArray()) {
        if (!pair.IsArray() || pair.Size() != 2 || !pair[0].IsString() || !pair[1].IsString()) {
            return error_json("each report field must be a [name, value] pair of strings");
        }
        fields.add(pair[0].GetString(), pair[1].GetString());
    }

    const auto message_language = language == "en" ? open311::Language::english : open311::Language::indonesian;
    rapidjson::StringBuffer buffer;
    badung::web::JsonWriter writer(buffer);
    writer.StartObject();
    writer.Key("errors");
    writer.StartArray();
    open311::FormRules rules;
    rules.description_required = description_required;
    for (const open311::FieldError& error : open311::validate_report_form(fields, definition, rules)) {
        writer.StartObject();
        write_text(writer, "field", error.field);
        write_text(writer, "code", open311::error_code_name(error.code));
        write_text(writer, "message", open311::field_error_message(error, message_language));
        writer.EndObject();
    }
    writer.EndArray();
    writer.EndObject();
    return buffer.GetString();
}

// The desa/kelurahan polygons of the data build, for naming a position.
class DesaLocator {
public:
    // Reads the desa layer's GeoJSON; name_property is the member holding
    // the name. Check error() afterwards.
    DesaLocator(const std::string& geojson, const std::string& name_property) : m_name_property(name_property) {
        try {
            m_layer = std::make_unique<badung::query::FeatureLayer>(badung::geojson::read(geojson).features);
        } catch (const std::exception& error) {
            m_error = error.what();
        }
    }

    // Returns "" when the layer was read, else why not.
    std::string error() const { return m_error; }

    // Returns the name of the desa containing (lon, lat), or "" outside all.
    std::string name_at(double lon, double lat) const {
        if (!m_layer) {
            return "";
        }
        const auto index = badung::query::locate(*m_layer, badung::geo::LonLat{lon, lat});
        if (!index) {
            return "";
        }
        const badung::geojson::Value* name = m_layer->features()[*index].property(m_name_property);
        return name != nullptr ? name->to_display() : "";
    }

    // Returns the distance in metres from (lon, lat) to the nearest desa (0
    // inside one), or -1 when the layer was not read or has no desa.
    double distance_m(double lon, double lat) const {
        if (!m_layer) {
            return -1.0;
        }
        const auto nearest = m_layer->nearest(badung::geo::LonLat{lon, lat}, 1);
        return nearest.empty() ? -1.0 : nearest.front().distance_m;
    }

private:
    std::string m_name_property;
    std::unique_ptr<badung::query::FeatureLayer> m_layer;
    std::string m_error;
};

} // namespace

EMSCRIPTEN_BINDINGS(badung_report_form) {
    emscripten::function("validateReport", &validate_report);
    emscripten::class_<DesaLocator>("DesaLocator")
        .constructor<const std::string&, const std::string&>()
        .function("error", &DesaLocator::error)
        .function("nameAt", &DesaLocator::name_at)
        .function("distanceAt", &DesaLocator::distance_m);
}

#include "core/geojson/reader.hpp"

#include "core/geojson/geometry_reader.hpp"
#include "core/geojson/validate.hpp"
#include "core/json/huge_numbers.hpp"
#include "core/json/parse.hpp"

#include <rapidjson/document.h>
#include <rapidjson/error/en.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

namespace badung::geojson {

namespace {

using Json = rapidjson::Value;

// Deepest array/object nesting accepted in a document. Later steps (writing
// property values back) recurse, so the bound keeps the stack small in wasm.
constexpr std::size_t max_json_depth = 256;

// Throws ParseError when brackets nest deeper than max_json_depth. Scans the
// raw text, skipping strings, before the DOM is built.
void check_depth(std::string_view text) {
    std::size_t depth = 0;
    bool in_string = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (in_string) {
            if (c == '\\') {
                ++i;
            } else if (c == '"') {
                in_string = false;
            }
            continue;
        }
        if (c == '"') {
            in_string = true;
        } else if (c == '[' || c == '{') {
            if (++depth > max_json_depth) {
                throw ParseError("JSON nests deeper than " + std::to_string(max_json_depth) +
                                     " levels at byte " + std::to_string(i),
                                 i);
            }
        } else if ((c == ']' || c == '}') && depth > 0) {
            --depth;
        }
    }
}

std::size_t first_value_offset(std::string_view text) {
    const std::size_t offset = text.find_first_not_of(" \t\r\n");
    return offset == std::string_view::npos ? 0 : offset;
}

std::string compact_json(const Json& json) {
    rapidjson::StringBuffer buffer;
    rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
    json.Accept(writer);
    return {buffer.GetString(), buffer.GetSize()};
}

Value to_value(const Json& json) {
    Value value;
    if (json.IsNull()) {
        value.kind = Value::Kind::null;
    } else if (json.IsBool()) {
        value.kind = Value::Kind::boolean;
        value.boolean = json.GetBool();
    } else if (json.IsString()) {
        value.kind = Value::Kind::string;
        value.text.assign(json.GetString(), json.GetStringLength());
    } else if (json.IsNumber()) {
        value.kind = Value::Kind::number;
        value.text = compact_json(json);
    } else if (json.IsArray()) {
        value.kind = Value::Kind::array;
        value.text = compact_json(json);
    } else {
        value.kind = Value::Kind::object;
        value.text = compact_json(json);
    }
    return value;
}

std::string describe_feature(std::size_t index, const std::string& id) {
    std::string text = "feature " + std::to_string(index);
    if (!id.empty()) {
        text += " (id \"" + id + "\")";
    }
    return text;
}

// Builds issues for one feature; the caller appends them.
class FeatureReader {
public:
    FeatureReader(std::size_t index, std::vector<Issue>& issues)
        : index_(index), issues_(issues) {}

    // Reads a Feature object; returns false (after an error Issue) when the
    // feature must be dropped.
    bool read(const Json& json, Feature& feature) {
        feature.source_index = index_;
        if (!json.IsObject()) {
            error("invalid_feature", "is not a JSON object");
            return false;
        }

        read_id(json, feature);
        if (!read_properties(json, feature)) {
            return false;
        }

        const auto geometry = json.FindMember("geometry");
        if (geometry == json.MemberEnd()) {
            warning("missing_geometry", -1, "has no \"geometry\" member; read as null");
            return true;
        }
        if (geometry->value.IsNull()) {
            return true;
        }
        return read_geometry(geometry->value, feature);
    }

    // Reads a bare geometry as a feature without id and properties.
    bool read_bare(const Json& json, Feature& feature) {
        feature.source_index = index_;
        return read_geometry(json, feature);
    }

private:
    void read_id(const Json& json, Feature& feature) {
        const auto id = json.FindMember("id");
        if (id == json.MemberEnd()) {
            return;
        }
        if (id->value.IsString() || id->value.IsNumber()) {
            feature.id = to_value(id->value);
            id_ = feature.id_text();
            return;
        }
        warning("invalid_id", -1,
                "has an id " + compact_json(id->value) +
                    " that is neither a string nor a number; the id is ignored");
    }

    bool read_properties(const Json& json, Feature& feature) {
        const auto properties = json.FindMember("properties");
        if (properties == json.MemberEnd() || properties->value.IsNull()) {
            feature.properties_null = true;
            return true;
        }
        if (!properties->value.IsObject()) {
            error("invalid_properties", "has properties " + compact_json(properties->value) +
                                            " that are not an object or null");
            return false;
        }
        for (const auto& member : properties->value.GetObject()) {
            feature.properties.emplace_back(
                std::string(member.name.GetString(), member.name.GetStringLength()),
                to_value(member.value));
        }
        return true;
    }

    bool read_geometry(const Json& json, Feature& feature) {
        std::vector<detail::GeometryNote> notes;
        try {
            feature.geometry = detail::read_geometry(json, notes);
        } catch (const detail::GeometryFault& fault) {
            std::string where;
            if (fault.polygon >= 0) {
                where += ", polygon " + std::to_string(fault.polygon);
            }
            if (fault.ring >= 0) {
                where += ", ring " + std::to_string(fault.ring);
            }
            issues_.push_back({Issue::Severity::error, index_, id_, fault.ring, fault.code,
                               describe_feature(index_, id_) + where + ": " + fault.what() +
                                   "; the feature was dropped",
                               fault.polygon});
            return false;
        }

        for (const auto& note : notes) {
            warning(note.code, -1, note.message);
        }
        for (const HoleRemoval& removal : remove_holes_outside_shell(*feature.geometry)) {
            std::string where;
            if (removal.polygon >= 0) {
                where = "polygon " + std::to_string(removal.polygon) + ", ";
            }
            issues_.push_back({Issue::Severity::warning, index_, id_, removal.ring,
                               "hole_outside_shell",
                               describe_feature(index_, id_) + ", " + where + "ring " +
                                   std::to_string(removal.ring) +
                                   ": interior ring not within exterior ring; the ring "
                                   "was removed and the feature kept",
                               removal.polygon});
        }
        if (feature.geometry->empty()) {
            warning("empty_geometry", -1,
                    "has an empty " + std::string(to_string(feature.geometry->type)) +
                        " (no positions); it is kept but not drawn or found by place");
        }
        return true;
    }

    void error(const std::string& code, const std::string& problem) {
        issues_.push_back({Issue::Severity::error, index_, id_, -1, code,
                           describe_feature(index_, id_) + " " + problem +
                               "; the feature was dropped",
                           -1});
    }

    void warning(const std::string& code, int ring, const std::string& problem) {
        issues_.push_back({Issue::Severity::warning, index_, id_, ring, code,
                           describe_feature(index_, id_) + " " + problem, -1});
    }

    std::size_t index_;
    std::string id_;
    std::vector<Issue>& issues_;
};

std::string_view type_of(const Json& json) {
    const auto type = json.FindMember("type");
    if (type == json.MemberEnd() || !type->value.IsString()) {
        return {};
    }
    return {type->value.GetString(), type->value.GetStringLength()};
}

void read_features(const Json& features, FeatureCollection& collection) {
    std::size_t index = 0;
    for (const Json& json : features.GetArray()) {
        Feature feature;
        if (FeatureReader(index, collection.issues).read(json, feature)) {
            collection.features.push_back(std::move(feature));
        }
        ++index;
    }
}

// Numbers too large for a double that one document may contain before it
// counts as unreadable: each costs a parse of the whole text.
constexpr std::size_t max_huge_numbers = 100;

// Parses the document. A number too large for a double is quoted and the
// text parsed again, so only the feature that uses it is lost.
rapidjson::Document parse_json(std::string_view text) {
    check_depth(text);

    json::QuotedHugeNumbers quoted(text);
    rapidjson::Document document;
    for (;;) {
        json::parse(document, quoted.text());
        if (!document.HasParseError()) {
            return document;
        }
        const bool huge = document.GetParseError() == rapidjson::kParseErrorNumberTooBig;
        if (!huge || quoted.count() == max_huge_numbers || !quoted.quote_at(document.GetErrorOffset())) {
            break;
        }
    }

    const std::size_t offset = quoted.original_offset(document.GetErrorOffset());
    std::string message = std::string("invalid JSON at byte ") + std::to_string(offset) + ": " +
                          rapidjson::GetParseError_En(document.GetParseError());
    if (quoted.count() == max_huge_numbers) {
        message += " (after " + std::to_string(max_huge_numbers) + " numbers too large for a double)";
    }
    throw ParseError(message, offset);
}

} // namespace

geo::BBox FeatureCollection::bbox() const noexcept {
    geo::BBox box;
    for (const Feature& feature : features) {
        box.extend(feature.bbox());
    }
    return box;
}

FeatureCollection read(std::string_view text) {
    // The byte order mark becomes three spaces, which JSON skips, so byte
    // offsets in messages still count from the start of the file.
    std::string without_bom;
    if (text.substr(0, utf8_bom.size()) == utf8_bom) {
        without_bom = "   ";
        without_bom.append(text.substr(utf8_bom.size()));
        text = without_bom;
    }

    const rapidjson::Document document = parse_json(text);
    const std::size_t top = first_value_offset(text);
    if (!document.IsObject()) {
        throw ParseError("GeoJSON document is not a JSON object (byte " + std::to_string(top) +
                             "); expected a FeatureCollection, Feature or geometry",
                         top);
    }

    FeatureCollection collection;
    const std::string_view type = type_of(document);
    if (type == "FeatureCollection") {
        const auto features = document.FindMember("features");
        if (features == document.MemberEnd() || !features->value.IsArray()) {
            throw ParseError("FeatureCollection has no \"features\" array; add "
                             "\"features\": [...]",
                             top);
        }
        read_features(features->value, collection);
        return collection;
    }

    Feature feature;
    bool kept = false;
    if (type == "Feature") {
        kept = FeatureReader(0, collection.issues).read(document, feature);
    } else if (document.HasMember("coordinates") || document.HasMember("geometries")) {
        kept = FeatureReader(0, collection.issues).read_bare(document, feature);
        feature.properties_null = true;
    } else {
        throw ParseError("GeoJSON document has type \"" + std::string(type) +
                             "\"; expected FeatureCollection, Feature or a geometry type",
                         top);
    }
    if (kept) {
        collection.features.push_back(std::move(feature));
    }
    return collection;
}

} // namespace badung::geojson

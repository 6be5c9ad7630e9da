#pragma once

#include "core/geojson/feature.hpp"

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <string>

namespace badung::web {

using JsonWriter = rapidjson::Writer<rapidjson::StringBuffer>;

// Writes a GeoJSON property or id value as JSON: strings quoted, numbers,
// arrays and objects as the text they were read from.
inline void write_value(JsonWriter& writer, const geojson::Value& value) {
    using Kind = geojson::Value::Kind;
    switch (value.kind) {
    case Kind::null:
        writer.Null();
        break;
    case Kind::boolean:
        writer.Bool(value.boolean);
        break;
    case Kind::string:
        writer.String(value.text.c_str(), static_cast<rapidjson::SizeType>(value.text.size()));
        break;
    case Kind::number:
    case Kind::array:
    case Kind::object:
        writer.RawValue(value.text.c_str(), value.text.size(), rapidjson::kObjectType);
        break;
    }
}

} // namespace badung::web

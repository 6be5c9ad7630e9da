#include "converted_geojson.hpp"

#include <cmath>
#include <cstdio>
#include <fstream>

#include <rapidjson/document.h>

#include "errors.hpp"
#include "geojson_writer.hpp"
#include "core/text/utf8.hpp"

namespace badung::geodata {

namespace {

using JsonWriter = CompactJsonWriter;

/// Writes an OFTDate, OFTTime or OFTDateTime field in ISO 8601, with the
/// offset when OGR has it ("2026-12-05T09:30:00+08:00").
void write_date_time(JsonWriter& json, const OGRFeature& feature, int index, OGRFieldType type) {
  int year = 0;
  int month = 0;
  int day = 0;
  int hour = 0;
  int minute = 0;
  float second = 0;
  int zone = 0;
  feature.GetFieldAsDateTime(index, &year, &month, &day, &hour, &minute, &second, &zone);

  char text[64];
  int length = 0;
  if (type == OFTDate) {
    length = std::snprintf(text, sizeof text, "%04d-%02d-%02d", year, month, day);
  } else {
    const bool whole = std::floor(second) == second;
    char clock[32];
    std::snprintf(clock, sizeof clock, whole ? "%02d:%02d:%02.0f" : "%02d:%02d:%06.3f", hour, minute, second);
    length = type == OFTTime ? std::snprintf(text, sizeof text, "%s", clock)
                             : std::snprintf(text, sizeof text, "%04d-%02d-%02dT%s", year, month, day, clock);
  }
  // OGR's zone flag: 0 unknown, 1 local time, 100 UTC, 100 + n for an offset of n quarter hours.
  if (type != OFTDate && zone == 100) {
    length += std::snprintf(text + length, sizeof text - static_cast<std::size_t>(length), "Z");
  } else if (type != OFTDate && zone > 1) {
    const int quarters = std::abs(zone - 100);
    length += std::snprintf(text + length, sizeof text - static_cast<std::size_t>(length), "%c%02d:%02d",
                            zone > 100 ? '+' : '-', quarters / 4, (quarters % 4) * 15);
  }
  json.String(text, static_cast<rapidjson::SizeType>(length));
}

void write_number_list(JsonWriter& json, const OGRFeature& feature, int index, OGRFieldType type) {
  int count = 0;
  json.StartArray();
  if (type == OFTIntegerList) {
    const int* values = feature.GetFieldAsIntegerList(index, &count);
    for (int i = 0; i < count; ++i) {
      json.Int(values[i]);
    }
  } else if (type == OFTInteger64List) {
    const GIntBig* values = feature.GetFieldAsInteger64List(index, &count);
    for (int i = 0; i < count; ++i) {
      json.Int64(values[i]);
    }
  } else {
    const double* values = feature.GetFieldAsDoubleList(index, &count);
    for (int i = 0; i < count; ++i) {
      if (std::isfinite(values[i])) {
        json.Double(values[i]);
      } else {
        json.Null();  // JSON has no NaN or infinity
      }
    }
  }
  json.EndArray();
}

/// Writes a JSON field (OFSTJSON, such as a nested object of a GeoJSON
/// source) as JSON, or as a string when its text is not JSON.
void write_json_text(JsonWriter& json, const char* text) {
  const std::string valid = text::valid_utf8(text);  // RapidJSON's default parse passes invalid UTF-8 through
  rapidjson::Document document;
  document.Parse(valid.c_str());
  if (document.HasParseError()) {
    write_string(json, valid);
    return;
  }
  document.Accept(json);
}

void write_property(JsonWriter& json, const OGRFeature& feature, int index) {
  const OGRFieldDefn& field = *feature.GetFieldDefnRef(index);
  const OGRFieldType type = field.GetType();
  if (!feature.IsFieldSetAndNotNull(index)) {
    json.Null();
  } else if (type == OFTDate || type == OFTTime || type == OFTDateTime) {
    write_date_time(json, feature, index, type);
  } else if (type == OFTIntegerList || type == OFTInteger64List || type == OFTRealList) {
    write_number_list(json, feature, index, type);
  } else if (type == OFTString && field.GetSubType() == OFSTJSON) {
    write_json_text(json, feature.GetFieldAsString(index));
  } else {
    write_field(json, feature, index);
  }
}

void write_id(JsonWriter& json, const JsonId& id) {
  json.Key("id");
  if (id.is_number) {
    json.RawValue(id.text.c_str(), id.text.size(), rapidjson::kNumberType);
  } else {
    write_string(json, id.text);
  }
}

void write_feature(JsonWriter& json, const ConvertedFeature& feature, int decimals) {
  const OGRFeature& source = *feature.source;
  json.StartObject();
  json.Key("type");
  json.String("Feature");
  if (feature.id) {
    write_id(json, *feature.id);
  }

  json.Key("properties");
  json.StartObject();
  for (int i = 0; i < source.GetFieldCount(); ++i) {
    // An unset field is a property the feature does not have; a null one is written as null.
    if (i == feature.id_field || !source.IsFieldSet(i)) {
      continue;
    }
    write_key(json, source.GetFieldDefnRef(i)->GetNameRef());
    write_property(json, source, i);
  }
  json.EndObject();

  json.Key("geometry");
  write_geometry(json, source.GetGeometryRef(), decimals);
  json.EndObject();
}

std::string collection_header(const ConvertedLayout& layout) {
  rapidjson::StringBuffer buffer;
  JsonWriter json(buffer);
  write_string(json, layout.layer_name);
  std::string header = "{\"type\":\"FeatureCollection\",\"name\":" + std::string(buffer.GetString());
  if (!layout.crs_urn.empty()) {
    header += ",\"crs\":{\"type\":\"name\",\"properties\":{\"name\":\"" + layout.crs_urn + "\"}}";
  }
  return header + ",\"features\":[\n";
}

}  // namespace

void write_converted_geojson(const std::string& path, const std::vector<ConvertedFeature>& features,
                             const ConvertedLayout& layout) {
  std::ofstream file(path, std::ios::binary | std::ios::trunc);
  if (!layout.sequence) {
    file << collection_header(layout);
  }

  rapidjson::StringBuffer buffer;
  for (std::size_t i = 0; i < features.size(); ++i) {
    // One feature at a time, so a large layer is never held as one string.
    buffer.Clear();
    JsonWriter json(buffer);
    write_feature(json, features[i], layout.decimals);
    if (layout.sequence && layout.record_separator) {
      file << '\x1e';
    }
    file << buffer.GetString() << (!layout.sequence && i + 1 < features.size() ? ",\n" : "\n");
  }

  if (!layout.sequence) {
    file << "]}\n";
  }
  if (!file) {
    throw InputError("cannot write '" + path + "': check that its folder exists and is writable");
  }
}

std::string crs_urn(const OGRSpatialReference& srs) {
  OGRSpatialReference identified(srs);
  if (identified.GetAuthorityCode(nullptr) == nullptr) {
    identified.AutoIdentifyEPSG();
  }
  const char* authority = identified.GetAuthorityName(nullptr);
  const char* code = identified.GetAuthorityCode(nullptr);
  if (authority == nullptr || code == nullptr) {
    return "";
  }
  return std::string("urn:ogc:def:crs:") + authority + "::" + code;
}

}  // namespace badung::geodata

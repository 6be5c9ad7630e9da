#include "geojson_writer.hpp"

#include <cmath>
#include <cstdio>
#include <fstream>

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "core/text/utf8.hpp"
#include "errors.hpp"
#include "geometry_checks.hpp"

namespace badung::geodata {

namespace {

using JsonWriter = CompactJsonWriter;

/// Writes `value` with at most `decimals` decimals and no trailing zeros.
/// RapidJSON's own double output may print 115.106344 as 115.10634400000001.
void write_fixed(JsonWriter& json, double value, int decimals) {
  char text[64];
  int length = std::snprintf(text, sizeof text, "%.*f", decimals, round_coordinate(value, decimals));
  while (length > 1 && text[length - 1] == '0') {
    --length;
  }
  if (length > 1 && text[length - 1] == '.') {
    --length;
  }
  if (length == 2 && text[0] == '-' && text[1] == '0') {
    text[0] = '0';
    length = 1;
  }
  json.RawValue(text, static_cast<std::size_t>(length), rapidjson::kNumberType);
}

struct CoordinateWriter {
  JsonWriter& json;
  int decimals;

  void position(double x, double y) const {
    json.StartArray();
    write_fixed(json, x, decimals);
    write_fixed(json, y, decimals);
    json.EndArray();
  }

  void line(const OGRSimpleCurve& curve, bool reverse = false) const {
    json.StartArray();
    const int count = curve.getNumPoints();
    for (int k = 0; k < count; ++k) {
      const int i = reverse ? count - 1 - k : k;
      position(curve.getX(i), curve.getY(i));
    }
    json.EndArray();
  }

  /// Writes a ring counter-clockwise when `exterior`, clockwise otherwise.
  void ring(const OGRLinearRing& ring, bool exterior) const {
    const bool clockwise = ring.isClockwise() != 0;
    line(ring, exterior == clockwise);
  }

  void polygon(const OGRPolygon& polygon) const {
    json.StartArray();
    if (!polygon.IsEmpty()) {
      ring(*polygon.getExteriorRing(), true);
      for (int i = 0; i < polygon.getNumInteriorRings(); ++i) {
        ring(*polygon.getInteriorRing(i), false);
      }
    }
    json.EndArray();
  }
};

void write_coordinates(const CoordinateWriter& out, const OGRGeometry& geometry) {
  const auto type = wkbFlatten(geometry.getGeometryType());
  if (type == wkbPoint) {
    out.position(geometry.toPoint()->getX(), geometry.toPoint()->getY());
  } else if (type == wkbLineString) {
    out.line(*geometry.toLineString());
  } else if (type == wkbPolygon) {
    out.polygon(*geometry.toPolygon());
  } else {
    const auto& collection = *geometry.toGeometryCollection();
    out.json.StartArray();
    for (int i = 0; i < collection.getNumGeometries(); ++i) {
      write_coordinates(out, *collection.getGeometryRef(i));
    }
    out.json.EndArray();
  }
}

std::string_view geojson_type(OGRwkbGeometryType type) {
  const std::string_view name = geojson_type_name(type);
  return name.empty() ? "GeometryCollection" : name;
}

}  // namespace

void write_geometry(JsonWriter& json, const OGRGeometry* geometry, int decimals) {
  if (geometry == nullptr) {
    json.Null();
    return;
  }
  json.StartObject();
  json.Key("type");
  const std::string_view type = geojson_type(geometry->getGeometryType());
  json.String(type.data(), static_cast<rapidjson::SizeType>(type.size()));
  if (type == "GeometryCollection") {
    json.Key("geometries");
    json.StartArray();
    const auto& collection = *geometry->toGeometryCollection();
    for (int i = 0; i < collection.getNumGeometries(); ++i) {
      write_geometry(json, collection.getGeometryRef(i), decimals);
    }
    json.EndArray();
  } else {
    json.Key("coordinates");
    write_coordinates(CoordinateWriter{json, decimals}, *geometry);
  }
  json.EndObject();
}

void write_string(JsonWriter& json, std::string_view text) {
  if (text::is_valid_utf8(text)) {
    json.String(text.data(), static_cast<rapidjson::SizeType>(text.size()));
    return;
  }
  const std::string repaired = text::repair_utf8(text).text;
  json.String(repaired.c_str(), static_cast<rapidjson::SizeType>(repaired.size()));
}

void write_key(JsonWriter& json, std::string_view text) {
  const std::string valid = text::valid_utf8(text);
  json.Key(valid.c_str(), static_cast<rapidjson::SizeType>(valid.size()));
}

void write_field(JsonWriter& json, const OGRFeature& feature, int index) {
  if (!feature.IsFieldSetAndNotNull(index)) {
    json.Null();
    return;
  }
  const OGRFieldDefn& field = *feature.GetFieldDefnRef(index);
  switch (field.GetType()) {
    case OFTInteger:
      if (field.GetSubType() == OFSTBoolean) {
        json.Bool(feature.GetFieldAsInteger(index) != 0);
      } else {
        json.Int(feature.GetFieldAsInteger(index));
      }
      break;
    case OFTInteger64:
      json.Int64(feature.GetFieldAsInteger64(index));
      break;
    case OFTReal:
      if (std::isfinite(feature.GetFieldAsDouble(index))) {
        char text[40];
        const int length = std::snprintf(text, sizeof text, "%.15g", feature.GetFieldAsDouble(index));
        json.RawValue(text, static_cast<std::size_t>(length), rapidjson::kNumberType);
      } else {
        json.Null();  // JSON has no NaN or infinity
      }
      break;
    case OFTStringList: {
      json.StartArray();
      for (char** item = feature.GetFieldAsStringList(index); item != nullptr && *item != nullptr; ++item) {
        write_string(json, *item);
      }
      json.EndArray();
      break;
    }
    default:
      write_string(json, feature.GetFieldAsString(index));
  }
}

namespace {

void write_feature(JsonWriter& json, const OutputFeature& output, int decimals) {
  const OGRFeature& source = *output.source;
  json.StartObject();
  json.Key("type");
  json.String("Feature");
  json.Key("id");
  write_string(json, output.id);

  json.Key("properties");
  json.StartObject();
  json.Key("name");
  if (output.name) {
    write_string(json, *output.name);
  } else {
    json.Null();
  }
  for (int i = 0; i < source.GetFieldCount(); ++i) {
    const std::string key = source.GetFieldDefnRef(i)->GetNameRef();
    if (key == "name") {
      continue;  // replaced by the normalised name above
    }
    write_key(json, key);
    write_field(json, source, i);
  }
  for (const auto& [key, value] : output.extra_properties) {
    write_key(json, key);
    write_string(json, value);
  }
  json.EndObject();

  json.Key("geometry");
  write_geometry(json, source.GetGeometryRef(), decimals);
  json.EndObject();
}

}  // namespace

double round_coordinate(double value, int decimals) {
  const double scale = std::pow(10.0, decimals);
  return std::round(value * scale) / scale;
}

std::string to_geojson(const std::vector<OutputFeature>& features, const double (&bbox)[4], int decimals) {
  rapidjson::StringBuffer buffer;
  JsonWriter json(buffer);
  json.StartObject();
  json.Key("type");
  json.String("FeatureCollection");
  json.Key("bbox");
  json.StartArray();
  for (double value : bbox) {
    write_fixed(json, value, decimals);
  }
  json.EndArray();
  json.Key("features");
  json.StartArray();
  for (const auto& feature : features) {
    write_feature(json, feature, decimals);
  }
  json.EndArray();
  json.EndObject();
  return std::string(buffer.GetString(), buffer.GetSize());
}

void write_text_file(const std::string& path, const std::string& text) {
  std::ofstream file(path, std::ios::binary | std::ios::trunc);
  file << text << '\n';
  if (!file) {
    throw InputError("cannot write '" + path + "': check that its folder exists and is writable");
  }
}

}  // namespace badung::geodata

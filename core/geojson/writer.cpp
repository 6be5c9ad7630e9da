#include "core/geojson/writer.hpp"

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

namespace badung::geojson {

namespace {

using Writer = rapidjson::Writer<rapidjson::StringBuffer>;

void write_string(Writer& writer, std::string_view text) {
    writer.String(text.data(), static_cast<rapidjson::SizeType>(text.size()));
}

void write_value(Writer& writer, const Value& value) {
    switch (value.kind) {
    case Value::Kind::null:
        writer.Null();
        return;
    case Value::Kind::boolean:
        writer.Bool(value.boolean);
        return;
    case Value::Kind::string:
        write_string(writer, value.text);
        return;
    case Value::Kind::number:
        writer.RawValue(value.text.data(), value.text.size(), rapidjson::kNumberType);
        return;
    case Value::Kind::array:
        writer.RawValue(value.text.data(), value.text.size(), rapidjson::kArrayType);
        return;
    case Value::Kind::object:
        writer.RawValue(value.text.data(), value.text.size(), rapidjson::kObjectType);
        return;
    }
}

void write_position(Writer& writer, Position p) {
    writer.StartArray();
    writer.Double(p.lon);
    writer.Double(p.lat);
    writer.EndArray();
}

void write_positions(Writer& writer, const std::vector<Position>& positions) {
    writer.StartArray();
    for (const Position& p : positions) {
        write_position(writer, p);
    }
    writer.EndArray();
}

void write_polygon(Writer& writer, const Polygon& polygon) {
    writer.StartArray();
    for (const LinearRing& ring : polygon.rings) {
        write_positions(writer, ring);
    }
    writer.EndArray();
}

void write_coordinates(Writer& writer, const Geometry& geometry) {
    switch (geometry.type) {
    case GeometryType::point:
        if (geometry.points.empty()) {
            writer.StartArray();
            writer.EndArray();
        } else {
            write_position(writer, geometry.points.front());
        }
        return;
    case GeometryType::multi_point:
        write_positions(writer, geometry.points);
        return;
    case GeometryType::line_string:
        write_positions(writer, geometry.lines.empty() ? LineString{} : geometry.lines.front());
        return;
    case GeometryType::multi_line_string:
        writer.StartArray();
        for (const LineString& line : geometry.lines) {
            write_positions(writer, line);
        }
        writer.EndArray();
        return;
    case GeometryType::polygon:
        write_polygon(writer, geometry.polygons.empty() ? Polygon{} : geometry.polygons.front());
        return;
    case GeometryType::multi_polygon:
        writer.StartArray();
        for (const Polygon& polygon : geometry.polygons) {
            write_polygon(writer, polygon);
        }
        writer.EndArray();
        return;
    case GeometryType::geometry_collection:
        return;
    }
}

void write_geometry(Writer& writer, const Geometry& geometry) {
    writer.StartObject();
    writer.Key("type");
    write_string(writer, to_string(geometry.type));

    if (geometry.type == GeometryType::geometry_collection) {
        writer.Key("geometries");
        writer.StartArray();
        for (const Geometry& member : geometry.members) {
            write_geometry(writer, member);
        }
        writer.EndArray();
    } else {
        writer.Key("coordinates");
        write_coordinates(writer, geometry);
    }
    writer.EndObject();
}

void write_feature(Writer& writer, const Feature& feature) {
    writer.StartObject();
    writer.Key("type");
    writer.String("Feature");

    if (!feature.id.is_null()) {
        writer.Key("id");
        write_value(writer, feature.id);
    }

    writer.Key("geometry");
    if (feature.geometry) {
        write_geometry(writer, *feature.geometry);
    } else {
        writer.Null();
    }

    writer.Key("properties");
    if (feature.properties_null) {
        writer.Null();
    } else {
        writer.StartObject();
        for (const auto& [name, value] : feature.properties) {
            write_string(writer, name);
            write_value(writer, value);
        }
        writer.EndObject();
    }
    writer.EndObject();
}

} // namespace

std::string write(const Feature& feature) {
    rapidjson::StringBuffer buffer;
    Writer writer(buffer);
    write_feature(writer, feature);
    return {buffer.GetString(), buffer.GetSize()};
}

std::string write(const FeatureCollection& collection) {
    rapidjson::StringBuffer buffer;
    Writer writer(buffer);
    writer.StartObject();
    writer.Key("type");
    writer.String("FeatureCollection");
    writer.Key("features");
    writer.StartArray();
    for (const Feature& feature : collection.features) {
        write_feature(writer, feature);
    }
    writer.EndArray();
    writer.EndObject();
    return {buffer.GetString(), buffer.GetSize()};
}

} // namespace badung::geojson

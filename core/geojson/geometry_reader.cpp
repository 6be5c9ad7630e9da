#include "core/geojson/geometry_reader.hpp"

#include "core/json/huge_numbers.hpp"

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <algorithm>
#include <optional>
#include <string_view>

namespace badung::geojson::detail {

namespace {

using Json = rapidjson::Value;

// Compact JSON text of a value for messages, cut to a readable length.
std::string quote(const Json& json) {
    rapidjson::StringBuffer buffer;
    rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
    json.Accept(writer);

    std::string text(buffer.GetString(), buffer.GetSize());
    constexpr std::size_t max_length = 60;
    if (text.size() > max_length) {
        text = text.substr(0, max_length) + "...";
    }
    return text;
}

std::optional<GeometryType> parse_type(std::string_view name) {
    if (name == "Point") return GeometryType::point;
    if (name == "MultiPoint") return GeometryType::multi_point;
    if (name == "LineString") return GeometryType::line_string;
    if (name == "MultiLineString") return GeometryType::multi_line_string;
    if (name == "Polygon") return GeometryType::polygon;
    if (name == "MultiPolygon") return GeometryType::multi_polygon;
    if (name == "GeometryCollection") return GeometryType::geometry_collection;
    return std::nullopt;
}

const Json& require_array(const Json& json, std::string_view expected) {
    if (!json.IsArray()) {
        throw GeometryFault("wrong_nesting_depth",
                            "coordinates " + quote(json) + " should be " +
                                std::string(expected) + " at this depth");
    }
    return json;
}

// Reads [lon, lat, ...]. A third (altitude) number and any beyond it are checked and
// ignored.
Position read_position(const Json& json) {
    require_array(json, "a position [lon, lat]");

    for (const Json& element : json.GetArray()) {
        if (element.IsArray()) {
            throw GeometryFault("wrong_nesting_depth",
                                "coordinates " + quote(json) +
                                    " are nested one level too deep for a position");
        }
        if (element.IsString() && json::is_huge_number({element.GetString(), element.GetStringLength()})) {
            throw GeometryFault("number_out_of_range",
                                "position " + quote(json) + " contains the number " + element.GetString() +
                                    ", which is too large for a double; a position is [lon, lat] in WGS84 "
                                    "degrees");
        }
        if (!element.IsNumber()) {
            throw GeometryFault("position_not_numbers",
                                "position " + quote(json) + " contains a non-number " +
                                    quote(element) + "; a position is [lon, lat]");
        }
    }
    if (json.Size() < 2) {
        throw GeometryFault("position_too_short",
                            "position " + quote(json) +
                                " has fewer than 2 numbers; a position is [lon, lat]");
    }

    const Position p{json[0].GetDouble(), json[1].GetDouble()};
    if (!(p.lon >= -180.0 && p.lon <= 180.0)) {
        throw GeometryFault("lon_out_of_range",
                            "longitude " + quote(json[0]) + " in position " + quote(json) +
                                " is outside -180..180; check the axis order (lon first) "
                                "and the CRS (must be WGS84 degrees)");
    }
    if (!(p.lat >= -90.0 && p.lat <= 90.0)) {
        throw GeometryFault("lat_out_of_range",
                            "latitude " + quote(json[1]) + " in position " + quote(json) +
                                " is outside -90..90; check the axis order (lon first) "
                                "and the CRS (must be WGS84 degrees)");
    }
    return p;
}

std::vector<Position> read_positions(const Json& json) {
    require_array(json, "an array of positions");

    std::vector<Position> positions;
    positions.reserve(json.Size());
    for (const Json& element : json.GetArray()) {
        if (element.IsNumber()) {
            throw GeometryFault("wrong_nesting_depth",
                                "coordinates " + quote(json) +
                                    " are a position where an array of positions belongs");
        }
        positions.push_back(read_position(element));
    }
    return positions;
}

LineString read_line(const Json& json) {
    LineString line = read_positions(json);
    if (line.size() == 1) {
        throw GeometryFault("line_too_short",
                            "line string has 1 position; it needs at least 2");
    }
    return line;
}

LinearRing read_ring(const Json& json, int ring_index) {
    LinearRing ring;
    try {
        ring = read_positions(json);
    } catch (GeometryFault& fault) {
        fault.ring = ring_index;
        throw;
    }

    if (ring.size() < 4) {
        throw GeometryFault("ring_too_short",
                            "fewer than 4 positions (" + std::to_string(ring.size()) +
                                " given); a linear ring needs at least 4, the last "
                                "equal to the first",
                            ring_index);
    }
    if (!(ring.front() == ring.back())) {
        throw GeometryFault("ring_not_closed",
                            "ring not closed: the last position differs from the first; "
                            "repeat the first position at the end",
                            ring_index);
    }
    return ring;
}

Polygon read_polygon(const Json& json) {
    require_array(json, "an array of rings");

    // Empty coordinates are allowed (RFC 7946 section 3.1): a polygon whose
    // rings are all [] is empty, and an empty hole is skipped. An empty
    // exterior ring around real holes is still an error.
    const auto is_empty = [](const Json& ring) { return ring.IsArray() && ring.Empty(); };
    Polygon polygon;
    const auto rings = json.GetArray();
    if (std::all_of(rings.begin(), rings.end(), is_empty)) {
        return polygon;
    }

    int ring_index = 0;
    for (const Json& ring : rings) {
        if (ring_index == 0 || !is_empty(ring)) {
            polygon.rings.push_back(read_ring(ring, ring_index));
        }
        ++ring_index;
    }
    return polygon;
}

void read_coordinates(Geometry& geometry, const Json& coordinates) {
    switch (geometry.type) {
    case GeometryType::point:
        // RFC 7946 allows empty coordinates; an empty Point has no position.
        if (!require_array(coordinates, "a position [lon, lat]").Empty()) {
            geometry.points.push_back(read_position(coordinates));
        }
        return;
    case GeometryType::multi_point:
        geometry.points = read_positions(coordinates);
        return;
    case GeometryType::line_string:
        geometry.lines.push_back(read_line(coordinates));
        return;
    case GeometryType::multi_line_string:
        for (const Json& line : require_array(coordinates, "an array of line strings").GetArray()) {
            geometry.lines.push_back(read_line(line));
        }
        return;
    case GeometryType::polygon:
        geometry.polygons.push_back(read_polygon(coordinates));
        return;
    case GeometryType::multi_polygon: {
        int polygon_index = 0;
        for (const Json& polygon : require_array(coordinates, "an array of polygons").GetArray()) {
            try {
                geometry.polygons.push_back(read_polygon(polygon));
            } catch (GeometryFault& fault) {
                fault.polygon = polygon_index;
                throw;
            }
            ++polygon_index;
        }
        return;
    }
    case GeometryType::geometry_collection:
        return;
    }
}

// Drops empty members of multi-geometries, so only real parts remain. A
// MultiPolygon [[...], []] keeps its first polygon, silently.
void drop_empty_parts(Geometry& geometry) {
    std::erase_if(geometry.lines, [](const LineString& line) { return line.empty(); });
    std::erase_if(geometry.polygons, [](const Polygon& polygon) { return polygon.rings.empty(); });
}

void read_members(Geometry& geometry, const Json& json, std::vector<GeometryNote>& notes,
                  int depth) {
    const auto found = json.FindMember("geometries");
    if (found == json.MemberEnd() || !found->value.IsArray()) {
        throw GeometryFault("invalid_geometry",
                            "GeometryCollection has no \"geometries\" array");
    }
    if (depth > 0) {
        notes.push_back({"nested_geometry_collection",
                         "GeometryCollection nested inside another; kept nested, though "
                         "RFC 7946 advises against nesting"});
    }
    for (const Json& member : found->value.GetArray()) {
        geometry.members.push_back(read_geometry(member, notes, depth + 1));
    }
}

} // namespace

Geometry read_geometry(const Json& json, std::vector<GeometryNote>& notes, int depth) {
    if (depth > max_collection_depth) {
        throw GeometryFault("wrong_nesting_depth",
                            "GeometryCollections nested more than " +
                                std::to_string(max_collection_depth) + " deep");
    }
    if (!json.IsObject()) {
        throw GeometryFault("invalid_geometry",
                            "geometry " + quote(json) + " is not an object or null");
    }

    const auto type_member = json.FindMember("type");
    if (type_member == json.MemberEnd() || !type_member->value.IsString()) {
        throw GeometryFault("invalid_geometry", "geometry has no \"type\" string");
    }
    const std::string_view type_name(type_member->value.GetString(),
                                     type_member->value.GetStringLength());
    const std::optional<GeometryType> type = parse_type(type_name);
    if (!type) {
        throw GeometryFault("unknown_geometry_type",
                            "unknown geometry type \"" + std::string(type_name) +
                                "\"; expected Point, MultiPoint, LineString, "
                                "MultiLineString, Polygon, MultiPolygon or GeometryCollection");
    }

    Geometry geometry;
    geometry.type = *type;
    if (geometry.type == GeometryType::geometry_collection) {
        read_members(geometry, json, notes, depth);
        return geometry;
    }

    const auto coordinates = json.FindMember("coordinates");
    if (coordinates == json.MemberEnd()) {
        throw GeometryFault("invalid_geometry",
                            std::string(type_name) + " has no \"coordinates\" member");
    }
    read_coordinates(geometry, coordinates->value);
    drop_empty_parts(geometry);
    return geometry;
}

} // namespace badung::geojson::detail

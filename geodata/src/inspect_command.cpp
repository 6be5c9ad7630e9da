// badung-geodata inspect: decodes one GeoJSON or MVT file through the core
// decoders the browser uses and prints a summary as JSON.

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <ostream>
#include <sstream>
#include <string_view>

#include <rapidjson/prettywriter.h>
#include <rapidjson/stringbuffer.h>

#include "commands.hpp"
#include "core/geo/tile.hpp"
#include "core/geojson/reader.hpp"
#include "core/mvt/decoder.hpp"
#include "core/mvt/to_geojson.hpp"
#include "errors.hpp"
#include "gunzip.hpp"
#include "sqlite_header.hpp"

namespace badung::geodata {

namespace {

namespace fs = std::filesystem;
using Writer = rapidjson::PrettyWriter<rapidjson::StringBuffer>;

std::string read_file(const std::string& path) {
  std::ifstream file(path, std::ios::binary);
  if (!file) {
    throw InputError("cannot open '" + path + "': check the path and permissions");
  }
  std::ostringstream bytes;
  bytes << file.rdbuf();
  return bytes.str();
}

/// True when the first non-blank byte opens a JSON object or array.
bool looks_like_json(std::string_view bytes) {
  if (bytes.substr(0, geojson::utf8_bom.size()) == geojson::utf8_bom) {
    bytes.remove_prefix(geojson::utf8_bom.size());
  }
  const auto first = bytes.find_first_not_of(" \t\r\n");
  return first != std::string_view::npos && (bytes[first] == '{' || bytes[first] == '[');
}

/// True when the file name says GeoJSON (.geojson or .json, gzipped or not).
bool named_as_geojson(std::string path) {
  std::transform(path.begin(), path.end(), path.begin(), [](unsigned char c) { return std::tolower(c); });
  if (path.size() > 3 && path.compare(path.size() - 3, 3, ".gz") == 0) {
    path.resize(path.size() - 3);
  }
  const auto ends_with = [&path](std::string_view suffix) {
    return path.size() >= suffix.size() && path.compare(path.size() - suffix.size(), suffix.size(), suffix) == 0;
  };
  return ends_with(".geojson") || ends_with(".json");
}

/// True when the first 512 bytes hold no control characters other than
/// tab, line feed and carriage return, as in a text file.
bool looks_like_text(std::string_view bytes) {
  const std::string_view head = bytes.substr(0, 512);
  return std::all_of(head.begin(), head.end(), [](char c) {
    const auto byte = static_cast<unsigned char>(c);
    return byte >= 0x20 ? byte != 0x7F : (byte == '\t' || byte == '\n' || byte == '\r');
  });
}

/// Describes how to extract one tile from an MBTiles file, for the tile
/// that --tile names when given.
std::string mbtiles_hint(const std::string& path, const std::optional<geo::TileId>& tile) {
  std::string zoom = "Z";
  std::string column = "X";
  std::string row = "((1<<Z)-1-Y)";
  std::string address = "Z/X/Y";
  if (tile) {
    zoom = std::to_string(tile->z);
    column = std::to_string(tile->x);
    row = std::to_string((std::uint64_t{1} << tile->z) - 1 - tile->y);
    address = zoom + "/" + column + "/" + std::to_string(tile->y);
  }
  return "extract one tile first, e.g. sqlite3 '" + path + "' \"SELECT writefile('tile.mvt', tile_data) FROM tiles " +
         "WHERE zoom_level=" + zoom + " AND tile_column=" + column + " AND tile_row=" + row +
         "\" (MBTiles rows count from the south), or fetch /tiles/badung/" + address +
         ".mvt from badung-cityd; then run inspect tile.mvt --tile " + address;
}

/// Describes content that is neither GeoJSON nor a vector tile, naming what
/// it is, or returns nothing for content a decoder should read. label names
/// the file in messages, e.g. "'a.mvt.gz' after gunzip".
std::optional<std::string> content_problem(std::string_view bytes, const std::string& path, const std::string& label,
                                           const std::optional<geo::TileId>& tile) {
  if (bytes.empty()) {
    // Zero bytes are a valid vector tile without layers, but no GeoJSON.
    if (!named_as_geojson(path)) {
      return std::nullopt;
    }
    return label + " is empty: give a GeoJSON file or a Mapbox Vector Tile (gzipped or not)";
  }
  switch (sqlite_kind(bytes, path)) {
  case SqliteKind::geopackage:
    return label + " is a GeoPackage, which inspect does not read: convert it to GeoJSON first, e.g. "
           "badung-geodata convert '" + path + "' " + geojson_name_for(path) + ", then run inspect " +
           geojson_name_for(path);
  case SqliteKind::other:
    return label + " is an SQLite database (such as MBTiles), which inspect does not read: " +
           mbtiles_hint(path, tile);
  case SqliteKind::not_sqlite:
    break;
  }
  if (looks_like_json(bytes)) {
    return std::nullopt;
  }
  if (looks_like_text(bytes)) {
    const std::string start(bytes.substr(0, std::min<std::size_t>(bytes.find('\n'), 40)));
    return label + " is text but not JSON (it starts with '" + start +
           "'): give a GeoJSON file or a Mapbox Vector Tile";
  }
  // Other binary goes to the MVT decoder, which names what is wrong. A
  // first byte other than 0x1A (layer, field 3) may be a valid tile that
  // starts with an extension field.
  return std::nullopt;
}

/// Returns the file name without a trailing ".gz": "a.geojson.gz" gives "a.geojson".
fs::path without_gz(const std::string& path) {
  fs::path name = fs::path(path).filename();
  std::string extension = name.extension().string();
  std::transform(extension.begin(), extension.end(), extension.begin(),
                 [](unsigned char c) { return std::tolower(c); });
  return extension == ".gz" ? name.stem() : name;
}

/// Returns the format a file's name gives ("geojson", "mvt" or "unknown"),
/// for files rejected before decoding.
std::string format_by_name(const std::string& path) {
  if (named_as_geojson(path)) {
    return "geojson";
  }
  std::string extension = without_gz(path).extension().string();
  std::transform(extension.begin(), extension.end(), extension.begin(),
                 [](unsigned char c) { return std::tolower(c); });
  return extension == ".mvt" || extension == ".pbf" ? "mvt" : "unknown";
}

geo::TileId parse_tile(const std::string& text) {
  unsigned z = 0;
  unsigned x = 0;
  unsigned y = 0;
  char slash1 = 0;
  char slash2 = 0;
  std::istringstream in(text);
  in >> z >> slash1 >> x >> slash2 >> y;
  const geo::TileId tile{static_cast<std::uint8_t>(z), x, y};
  if (!in || !in.eof() || slash1 != '/' || slash2 != '/' || z > 22 || !geo::is_valid(tile)) {
    throw UsageError("invalid --tile '" + text + "': give Z/X/Y with Z 0..22 and X, Y 0..2^Z-1, e.g. 14/13104/8636");
  }
  return tile;
}

void write_bbox(Writer& json, const geo::BBox& box) {
  if (box.empty()) {
    json.Null();
    return;
  }
  json.StartArray();
  for (double v : {box.west, box.south, box.east, box.north}) {
    json.Double(v);
  }
  json.EndArray();
}

void write_counts(Writer& json, const std::map<std::string, std::size_t>& counts) {
  json.StartObject();
  for (const auto& [type, count] : counts) {
    json.Key(type.c_str());
    json.Uint64(count);
  }
  json.EndObject();
}

/// Returns the message of an MVT problem with its layer and feature counted
/// from 1, as build and convert count features ("layer 1 feature 4: ...").
/// core/mvt counts them from 0.
std::string describe_from_one(const mvt::Problem& problem) {
  std::string text;
  if (problem.layer) {
    text += "layer " + std::to_string(*problem.layer + 1);
    text += problem.feature ? " feature " + std::to_string(*problem.feature + 1) + ": " : std::string(": ");
  }
  return text + problem.message;
}

/// Returns the message of a GeoJSON issue with its feature counted from 1.
/// core/geojson starts each message with "feature N", N counted from 0.
std::string message_from_one(const geojson::Issue& issue) {
  const std::string prefix = "feature " + std::to_string(issue.feature_index);
  if (issue.message.rfind(prefix, 0) != 0) {
    return issue.message;
  }
  return "feature " + std::to_string(issue.feature_index + 1) + issue.message.substr(prefix.size());
}

void write_mvt_problem(Writer& json, const mvt::Problem& problem) {
  json.StartObject();
  json.Key("kind");
  json.String(std::string(mvt::to_string(problem.kind)));
  json.Key("message");
  json.String(describe_from_one(problem));
  json.Key("layer");
  problem.layer ? json.Uint64(*problem.layer + 1) : json.Null();
  json.Key("feature");
  problem.feature ? json.Uint64(*problem.feature + 1) : json.Null();
  if (problem.offset) {
    json.Key("offset");
    json.Uint64(*problem.offset);
  }
  json.EndObject();
}

/// Writes the members of a rejected file: its status, no layers and the
/// one error that write_error writes as an object.
template <typename WriteError>
void write_rejected(Writer& json, WriteError&& write_error) {
  json.Key("status");
  json.String("rejected");
  json.Key("layers");
  json.StartArray();
  json.EndArray();
  json.Key("errors");
  json.StartArray();
  write_error();
  json.EndArray();
}

/// write_rejected with an error of this kind ("gzip", "content", "parse"),
/// with the byte offset where it was found when known.
void write_rejection(Writer& json, const std::string& kind, const std::string& message,
                     std::optional<std::uint64_t> offset = std::nullopt) {
  write_rejected(json, [&] {
    json.StartObject();
    json.Key("kind");
    json.String(kind);
    json.Key("message");
    json.String(message);
    if (offset) {
      json.Key("offset");
      json.Uint64(*offset);
    }
    json.EndObject();
  });
}

/// Returns the box of one decoded layer: lon/lat when the tile is known, else tile coordinates.
geo::BBox layer_bbox(const mvt::Layer& layer, const std::optional<geo::TileId>& tile) {
  geo::BBox box;
  for (const auto& feature : layer.features) {
    if (tile) {
      box.extend(mvt::to_geojson(feature, layer.extent, *tile).bbox());
      continue;
    }
    auto add = [&](const mvt::TilePoint& p) {
      box.extend(geo::LonLat{static_cast<double>(p.x), static_cast<double>(p.y)});
    };
    for (const auto& p : feature.geometry.points) add(p);
    for (const auto& line : feature.geometry.lines) for (const auto& p : line) add(p);
    for (const auto& polygon : feature.geometry.polygons)
      for (const auto& ring : polygon.rings) for (const auto& p : ring) add(p);
  }
  return box;
}

std::string mvt_type_name(const mvt::Feature& feature) {
  switch (feature.type) {
  case mvt::GeomType::point: return "Point";
  case mvt::GeomType::linestring: return "LineString";
  case mvt::GeomType::polygon: return "Polygon";
  default: return "Unknown";
  }
}

bool inspect_mvt(std::string_view bytes, const std::optional<geo::TileId>& tile, Writer& json) {
  mvt::Tile decoded;
  try {
    decoded = mvt::decode_tile(bytes);
  } catch (const mvt::format_error& error) {
    write_rejected(json, [&] { write_mvt_problem(json, error.problem()); });
    return false;
  }

  json.Key("status");
  json.String("decoded");
  json.Key("bbox_units");
  json.String(tile ? "lon/lat" : "tile coordinates");
  json.Key("layers");
  json.StartArray();
  for (const auto& layer : decoded.layers) {
    std::map<std::string, std::size_t> counts;
    for (const auto& feature : layer.features) {
      ++counts[mvt_type_name(feature)];
    }
    json.StartObject();
    json.Key("name");
    json.String(layer.name);
    json.Key("version");
    json.Uint(layer.version);
    json.Key("extent");
    json.Uint(layer.extent);
    json.Key("features");
    json.Uint64(layer.features.size());
    json.Key("geometry_types");
    write_counts(json, counts);
    json.Key("bbox");
    write_bbox(json, layer_bbox(layer, tile));
    json.EndObject();
  }
  json.EndArray();
  json.Key("errors");
  json.StartArray();
  for (const auto& problem : decoded.problems) {
    write_mvt_problem(json, problem);
  }
  json.EndArray();
  return true;
}

bool inspect_geojson(std::string_view text, const std::string& name, Writer& json) {
  geojson::FeatureCollection collection;
  try {
    collection = geojson::read(text);
  } catch (const geojson::ParseError& error) {
    write_rejection(json, "parse", error.what(), std::uint64_t{error.offset()});
    return false;
  }

  std::map<std::string, std::size_t> counts;
  for (const auto& feature : collection.features) {
    ++counts[feature.geometry ? std::string(geojson::to_string(feature.geometry->type)) : "null"];
  }
  json.Key("status");
  json.String("decoded");
  json.Key("bbox_units");
  json.String("lon/lat");
  json.Key("layers");
  json.StartArray();
  json.StartObject();
  json.Key("name");
  json.String(name);
  json.Key("features");
  json.Uint64(collection.features.size());
  json.Key("geometry_types");
  write_counts(json, counts);
  json.Key("bbox");
  write_bbox(json, collection.bbox());
  json.EndObject();
  json.EndArray();

  json.Key("errors");
  json.StartArray();
  for (const auto& issue : collection.issues) {
    json.StartObject();
    json.Key("kind");
    json.String(issue.code);
    json.Key("severity");
    json.String(issue.severity == geojson::Issue::Severity::error ? "error" : "warning");
    json.Key("message");
    json.String(message_from_one(issue));
    json.Key("feature");
    json.Uint64(issue.feature_index + 1);
    if (issue.ring >= 0) {
      json.Key("ring");
      json.Int(issue.ring);
    }
    json.EndObject();
  }
  json.EndArray();
  return true;
}

}  // namespace

int run_inspect(const InspectArguments& arguments, std::ostream& out) {
  const std::optional<geo::TileId> tile =
      arguments.tile.empty() ? std::nullopt : std::optional(parse_tile(arguments.tile));
  std::string bytes = read_file(arguments.input);
  const bool gzipped = is_gzip(bytes);

  rapidjson::StringBuffer buffer;
  Writer json(buffer);
  json.StartObject();
  json.Key("file");
  json.String(arguments.input);
  const auto print = [&](bool decoded) {
    json.EndObject();
    out << buffer.GetString() << '\n';
    return decoded ? 0 : 1;
  };

  std::optional<std::string> gzip_problem;
  if (gzipped) {
    try {
      bytes = gunzip(bytes, "'" + arguments.input + "'");
    } catch (const InputError& error) {
      gzip_problem = error.what();
    }
  }
  const std::string label = "'" + arguments.input + "'" + (gzipped ? " after gunzip" : "");
  const std::optional<std::string> problem =
      gzip_problem ? gzip_problem : content_problem(bytes, arguments.input, label, tile);
  const bool is_json = !problem && looks_like_json(bytes);

  json.Key("format");
  json.String(problem ? format_by_name(arguments.input) : (is_json ? "geojson" : "mvt"));
  json.Key("gzip");
  json.Bool(gzipped);
  if (problem) {
    write_rejection(json, gzip_problem ? "gzip" : "content", *problem);
    return print(false);
  }
  const std::string layer_name = without_gz(arguments.input).stem().string();
  return print(is_json ? inspect_geojson(bytes, layer_name, json) : inspect_mvt(bytes, tile, json));
}

}  // namespace badung::geodata

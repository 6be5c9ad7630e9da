#include "arguments.hpp"

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <sstream>

#include <gdal_priv.h>

#include "errors.hpp"
#include "spatial_reference.hpp"

namespace badung::geodata {

namespace {

namespace fs = std::filesystem;

/// Walks argv one argument at a time; accepts "--key value" and "--key=value".
class ArgumentCursor {
public:
  explicit ArgumentCursor(const std::vector<std::string>& args) : args_(args) {}

  bool done() const { return index_ >= args_.size(); }

  std::string next() {
    std::string arg = args_[index_++];
    const auto equals = arg.find('=');
    if (arg.rfind("--", 0) == 0 && equals != std::string::npos) {
      pending_value_ = arg.substr(equals + 1);
      arg = arg.substr(0, equals);
    }
    return arg;
  }

  std::string value(const std::string& option) {
    if (pending_value_) {
      std::string value = *pending_value_;
      pending_value_.reset();
      return value;
    }
    if (done() || args_[index_].rfind("--", 0) == 0) {
      throw UsageError("option '" + option + "' needs a value");
    }
    return args_[index_++];
  }

  void reject_value(const std::string& option) {
    if (pending_value_) {
      throw UsageError("option '" + option + "' takes no value, but got '" + *pending_value_ + "'");
    }
  }

private:
  const std::vector<std::string>& args_;
  std::size_t index_ = 0;
  std::optional<std::string> pending_value_;
};

Extent parse_extent(const std::string& text) {
  std::vector<double> values;
  std::stringstream stream(text);
  std::string item;
  while (std::getline(stream, item, ',')) {
    char* end = nullptr;
    const double value = std::strtod(item.c_str(), &end);
    if (item.empty() || end == item.c_str() || *end != '\0') {
      values.clear();
      break;
    }
    values.push_back(value);
  }
  if (values.size() != 4 || values[0] >= values[2] || values[1] >= values[3]) {
    throw UsageError("invalid --extent '" + text + "': give MINLON,MINLAT,MAXLON,MAXLAT, e.g. 114.4,-8.9,115.8,-8.0");
  }
  return {values[0], values[1], values[2], values[3]};
}

void check_srs(const std::string& text, const std::string& option) {
  if (option == "--t-srs" && is_automatic_utm(text)) {
    return;
  }
  try {
    parse_srs(text, option);
  } catch (const InputError& error) {
    throw UsageError(error.what());
  }
}

void check_input_exists(const std::string& path, const std::string& what) {
  const bool is_file_path = path.find("://") == std::string::npos && path.rfind("/vsi", 0) != 0;
  if (is_file_path && !fs::exists(path)) {
    throw UsageError(what + " '" + path + "' not found: check the path");
  }
}

BuildArguments parse_build(ArgumentCursor& cursor) {
  BuildArguments build;
  while (!cursor.done()) {
    const std::string arg = cursor.next();
    if (arg == "--catalog") {
      build.catalog = cursor.value(arg);
    } else if (arg == "--out") {
      build.out = cursor.value(arg);
    } else if (arg == "--style") {
      build.style = cursor.value(arg);
      check_input_exists(build.style, "style");
    } else if (arg == "--font") {
      build.fonts.push_back(cursor.value(arg));
      check_input_exists(build.fonts.back(), "font");
    } else {
      throw UsageError("unknown argument '" + arg + "' for build");
    }
  }
  check_input_exists(build.catalog, "catalog");
  return build;
}

/// Parses "0-255,256-511": each range must be 256 code points from a
/// multiple of 256.
std::vector<std::uint32_t> parse_glyph_ranges(const std::string& text) {
  std::vector<std::uint32_t> starts;
  std::stringstream in(text);
  std::string part;
  while (std::getline(in, part, ',')) {
    unsigned long start = 0;
    unsigned long end = 0;
    char dash = 0;
    std::stringstream range(part);
    if (!(range >> start >> dash >> end) || dash != '-' || !range.eof() || start % 256 != 0 ||
        end != start + 255 || end > 65535) {
      throw UsageError("invalid --ranges entry '" + part +
                       "': give START-END with START a multiple of 256 and END = START + 255, e.g. 0-255,256-511");
    }
    starts.push_back(static_cast<std::uint32_t>(start));
  }
  return starts;
}

GlyphsArguments parse_glyphs(ArgumentCursor& cursor) {
  GlyphsArguments glyphs;
  while (!cursor.done()) {
    const std::string arg = cursor.next();
    if (arg == "--font") {
      glyphs.fonts.push_back(cursor.value(arg));
      check_input_exists(glyphs.fonts.back(), "font");
    } else if (arg == "--out") {
      glyphs.out = cursor.value(arg);
    } else if (arg == "--ranges") {
      glyphs.ranges = parse_glyph_ranges(cursor.value(arg));
    } else {
      throw UsageError("unknown argument '" + arg + "' for glyphs");
    }
  }
  if (glyphs.fonts.empty()) {
    throw UsageError("glyphs needs at least one --font FILE (TrueType or OpenType)");
  }
  return glyphs;
}

ConvertArguments parse_convert(ArgumentCursor& cursor) {
  ConvertArguments convert;
  std::vector<std::string> positional;
  while (!cursor.done()) {
    const std::string arg = cursor.next();
    if (arg == "--t-srs") {
      convert.target_srs = cursor.value(arg);
    } else if (arg == "--s-srs") {
      convert.source_srs = cursor.value(arg);
    } else if (arg == "--format") {
      convert.format = cursor.value(arg);
    } else if (arg == "--layer") {
      convert.layer = cursor.value(arg);
    } else if (arg == "--where") {
      convert.where = cursor.value(arg);
    } else if (arg == "--sql") {
      convert.sql = cursor.value(arg);
    } else if (arg == "--oo") {
      convert.open_options.push_back(cursor.value(arg));
    } else if (arg == "--extent") {
      convert.extent = parse_extent(cursor.value(arg));
    } else if (arg == "--keep-invalid") {
      cursor.reject_value(arg);
      convert.keep_invalid = true;
    } else if (arg == "--overwrite") {
      cursor.reject_value(arg);
      convert.overwrite = true;
    } else if (arg.rfind("--", 0) == 0) {
      throw UsageError("unknown option '" + arg + "' for convert");
    } else {
      positional.push_back(arg);
    }
  }

  if (positional.size() < 2) {
    throw UsageError("convert needs an input and an output path (IN OUT)");
  }
  if (positional.size() > 2) {
    throw UsageError("unexpected argument '" + positional[2] + "': convert takes one IN and one OUT");
  }
  convert.input = positional[0];
  convert.output = positional[1];
  check_input_exists(convert.input, "input");
  check_srs(convert.target_srs, "--t-srs");
  if (!convert.source_srs.empty()) {
    check_srs(convert.source_srs, "--s-srs");
  }
  output_driver_name(convert.output, convert.format);
  return convert;
}

InspectArguments parse_inspect(ArgumentCursor& cursor) {
  InspectArguments inspect;
  std::vector<std::string> positional;
  while (!cursor.done()) {
    const std::string arg = cursor.next();
    if (arg == "--tile") {
      inspect.tile = cursor.value(arg);
    } else if (arg.rfind("--", 0) == 0) {
      throw UsageError("unknown option '" + arg + "' for inspect");
    } else {
      positional.push_back(arg);
    }
  }
  if (positional.size() != 1) {
    throw UsageError("inspect takes one FILE (GeoJSON or MVT, gzipped or not)");
  }
  inspect.input = positional[0];
  check_input_exists(inspect.input, "input");
  // Reading a directory yields no bytes, which would pass as an empty tile.
  if (fs::is_directory(inspect.input)) {
    throw UsageError("input '" + inspect.input + "' is a directory: give a GeoJSON or MVT file");
  }
  return inspect;
}

std::string lowercase(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return text;
}

}  // namespace

std::string output_driver_name(const std::string& output, const std::string& format) {
  std::string name = format;
  if (name.empty()) {
    static const std::map<std::string, std::string> kByExtension = {
        {".geojson", "GeoJSON"}, {".json", "GeoJSON"}, {".geojsonl", "GeoJSONSeq"},
        {".geojsons", "GeoJSONSeq"}, {".gpkg", "GPKG"}, {".shp", "ESRI Shapefile"},
        {".csv", "CSV"}, {".gml", "GML"}, {".kml", "KML"}, {".fgb", "FlatGeobuf"},
        {".sqlite", "SQLite"}, {".gpx", "GPX"}};
    const auto found = kByExtension.find(lowercase(fs::path(output).extension().string()));
    if (found == kByExtension.end()) {
      throw UsageError("cannot tell the output format of '" + output +
                       "' from its extension: pass --format with an OGR driver name such as GPKG");
    }
    name = found->second;
  }

  GDALDriver* driver = GetGDALDriverManager()->GetDriverByName(name.c_str());
  if (driver == nullptr || driver->GetMetadataItem(GDAL_DCAP_VECTOR) == nullptr ||
      driver->GetMetadataItem(GDAL_DCAP_CREATE) == nullptr) {
    throw UsageError("invalid --format '" + name +
                     "': name an OGR vector driver that can write, such as GeoJSON, GPKG or CSV");
  }
  return name;
}

std::string usage_text() {
  return R"(usage:
  badung-geodata build [--catalog FILE] [--out DIR] [--style FILE] [--font FILE]...
      Read every source in the catalog (default geodata/catalog.json), bring it
      to EPSG:4326 lon/lat, check and repair it, apply the corrections and
      write catalog.json, build-report.json and layers/<id>.geojson to DIR
      (default dist/data).
      It also writes the vector tiles (badung.mbtiles), the checked map style
      (styles/badung.json, from --style, default style/badung.json beside the
      catalog) and the glyphs of each --font (default Noto Sans Regular and
      Bold) to fonts/, for the Latin ranges and every range the layers' text
      uses. A feature that breaks a rule is dropped with an error; the
      other features are still written, and the exit status is 1.
  badung-geodata glyphs --font FILE [--font FILE]... [--out DIR] [--ranges LIST]
      Write MapLibre glyph PBFs (signed distance fields, 24 px, 3 px buffer)
      of each font to DIR/<family style>/<start>-<end>.pbf (default DIR
      dist/data/fonts). --ranges lists ranges of 256 code points, e.g.
      0-255,256-511 (default 0-767, 7680-7935 and 8192-8703).
  badung-geodata convert IN OUT [options]
      Convert one source under the same rules into OUT; the format comes from
      OUT's extension (.geojson, .gpkg, .shp, .csv, .gml, .kml, .fgb, ...).
      GeoJSON output keeps the source's "id" field as the feature id; without
      one each feature gets "<OUT name>-<position in source>", as build does.
      --t-srs CRS       target CRS (default EPSG:4326; e.g. EPSG:32750); UTM picks
                        the WGS 84 UTM zone of the source's centre
      --s-srs CRS       source CRS, overriding the source's own and IN.crs
      --format NAME     OGR driver name for OUT, e.g. GPKG
      --layer NAME      layer inside a multi-layer source (e.g. points in .osm.pbf)
      --where EXPR      OGR SQL attribute filter
      --sql STATEMENT   OGR SQL run on the source instead of a layer
      --oo NAME=VALUE   GDAL open option for IN (repeatable)
      --extent MINLON,MINLAT,MAXLON,MAXLAT
                        expected lon/lat extent; features outside get a warning
                        (default: Indonesia, 94,-11.5,142,6.5)
      --keep-invalid    keep features with broken rings (still reported)
      --overwrite       replace OUT if it exists
  badung-geodata inspect FILE [--tile Z/X/Y]
      Decode a GeoJSON or Mapbox Vector Tile file (gzipped or not) with the
      same core code as the browser and print JSON: layers, feature counts by
      geometry type, bbox and every error with its position. --tile gives the
      tile address of an MVT file so the bbox is in lon/lat. Exit status 0
      when the file decoded (recoverable errors listed), 1 when rejected.
  badung-geodata query KIND --layer FILE [--layer FILE ...] [options]
      Query GeoJSON layers with the same core code as the browser and print
      {"results": [{"layer", "id", "distance_m", "location", "kind", "properties"}]}
      in rank order. Several --layer files are queried as one set.
      nearest --lon X --lat Y [--k N] [--category C]
                        the N (default 10) features nearest to the point, by
                        great-circle distance to each feature's nearest point
      locate --lon X --lat Y
                        the feature of each layer whose polygon holds the point
      within --area FILE --id FEATURE_ID
                        the features inside area feature FEATURE_ID of FILE
      bbox --bbox W,S,E,N
                        the features whose bbox meets the box (W > E crosses
                        the antimeridian)
      search [--lon X --lat Y] [--k N] [--category C] TEXT
                        names, categories and addresses matching every word
                        of TEXT, best match first, then nearest to X, Y
  badung-geodata --help

Exit status: 0 success; 1 features dropped or a source failed (the rest is
written); 2 bad arguments.
)";
}

Arguments parse_arguments(const std::vector<std::string>& args) {
  Arguments parsed;
  std::vector<std::string> rest;
  for (const auto& arg : args) {
    if (arg == "--verbose") {
      parsed.verbose = true;
    } else {
      rest.push_back(arg);
    }
  }
  if (rest.empty()) {
    throw UsageError("missing command: use build, convert, inspect, glyphs or query");
  }
  parsed.command = rest.front();
  rest.erase(rest.begin());
  ArgumentCursor cursor(rest);

  const bool help_requested = std::find(rest.begin(), rest.end(), "--help") != rest.end() ||
                              std::find(rest.begin(), rest.end(), "-h") != rest.end();
  if (help_requested || parsed.command == "--help" || parsed.command == "-h" || parsed.command == "help") {
    parsed.command = "help";
  } else if (parsed.command == "build") {
    parsed.build = parse_build(cursor);
  } else if (parsed.command == "convert") {
    parsed.convert = parse_convert(cursor);
  } else if (parsed.command == "inspect") {
    parsed.inspect = parse_inspect(cursor);
  } else if (parsed.command == "glyphs") {
    parsed.glyphs = parse_glyphs(cursor);
  } else if (parsed.command == "query") {
    parsed.query = parse_query(rest);
  } else {
    throw UsageError("unknown command '" + parsed.command + "': use build, convert, inspect, glyphs or query");
  }
  return parsed;
}

}  // namespace badung::geodata

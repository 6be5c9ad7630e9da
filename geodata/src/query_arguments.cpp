#include "query_arguments.hpp"

#include <charconv>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <set>
#include <system_error>
#include <string_view>
#include <sstream>

#include "errors.hpp"
#include "sqlite_header.hpp"

namespace badung::geodata {

namespace {

constexpr const char* kKinds = "nearest, locate, within, bbox or search";

/// Parses decimal notation only (an optional sign, digits, a point, an
/// exponent), so hexadecimal such as "0x10", blanks and "inf" are rejected.
double parse_number(const std::string& option, const std::string& text) {
  const char* first = text.data();
  const char* last = text.data() + text.size();
  if (first != last && *first == '+') {
    ++first;
  }
  double value = 0.0;
  const auto [end, error] = std::from_chars(first, last, value, std::chars_format::general);
  if (text.empty() || error != std::errc() || end != last || !std::isfinite(value)) {
    throw UsageError("invalid " + option + " '" + text + "': give a decimal number, e.g. 115.17");
  }
  return value;
}

std::size_t parse_k(const std::string& text) {
  char* end = nullptr;
  const long long value = std::strtoll(text.c_str(), &end, 10);
  if (text.empty() || *end != '\0' || value < 1 || value > 1'000'000) {
    throw UsageError("invalid --k '" + text + "': give a whole number from 1 to 1000000");
  }
  return static_cast<std::size_t>(value);
}

geo::BBox parse_bbox(const std::string& text) {
  std::vector<double> values;
  std::stringstream stream(text);
  std::string item;
  while (std::getline(stream, item, ',')) {
    values.push_back(parse_number("--bbox", item));
  }
  if (values.size() != 4 || values[1] > values[3] || values[1] < -90 || values[3] > 90) {
    throw UsageError("invalid --bbox '" + text +
                     "': give W,S,E,N in degrees with S <= N, e.g. 115.05,-8.85,115.3,-8.45 "
                     "(W > E crosses the antimeridian)");
  }
  return {values[0], values[1], values[2], values[3]};
}

void check_file(const std::string& option, const std::string& path) {
  namespace fs = std::filesystem;
  if (fs::is_directory(path)) {
    throw UsageError(option + " '" + path +
                     "' is a directory: give a GeoJSON file, e.g. dist/data/layers/sekolah.geojson");
  }
  if (!fs::is_regular_file(path)) {
    throw UsageError(option + " '" + path + "' not found: give a GeoJSON file");
  }

  switch (sqlite_kind_of_file(path)) {
  case SqliteKind::geopackage:
    throw UsageError(option + " '" + path + "' is a GeoPackage, not GeoJSON: convert it first, e.g. badung-geodata "
                     "convert '" + path + "' " + geojson_name_for(path) + ", then give " + option + " " +
                     geojson_name_for(path));
  case SqliteKind::other:
    throw UsageError(option + " '" + path +
                     "' is an SQLite database (such as MBTiles), not GeoJSON: give a GeoJSON file, "
                     "e.g. dist/data/layers/sekolah.geojson");
  case SqliteKind::not_sqlite:
    break;
  }
}

/// Rejects a second use of an option that takes one value.
void check_once(std::set<std::string>& seen, const std::string& option) {
  if (option != "--layer" && !seen.insert(option).second) {
    throw UsageError("option '" + option + "' is given more than once: give it once");
  }
}

std::string take_value(const std::vector<std::string>& args, std::size_t& i, const std::string& option,
                       std::optional<std::string>& inline_value) {
  if (inline_value) {
    std::string value = *inline_value;
    inline_value.reset();
    return value;
  }
  // A negative number ("-8.7") is a value, not an option.
  if (i + 1 >= args.size() || args[i + 1].rfind("--", 0) == 0) {
    throw UsageError("option '" + option + "' needs a value");
  }
  return args[++i];
}

void require_point(const QueryArguments& query) {
  if (!query.lon) {
    throw UsageError("query " + query.kind + " needs --lon X (longitude in degrees)");
  }
  if (!query.lat) {
    throw UsageError("query " + query.kind + " needs --lat Y (latitude in degrees)");
  }
}

void check_complete(QueryArguments& query, const std::vector<std::string>& positional) {
  if (query.layers.empty()) {
    throw UsageError("query " + query.kind + " needs --layer FILE (a GeoJSON file)");
  }
  if (query.lon.has_value() != query.lat.has_value()) {
    throw UsageError(query.lon ? "--lon needs --lat as well" : "--lat needs --lon as well");
  }
  if (query.kind == "nearest" || query.kind == "locate") {
    require_point(query);
  }
  if (query.kind == "within" && query.area.empty()) {
    throw UsageError("query within needs --area FILE (the GeoJSON file of the area layer)");
  }
  if (query.kind == "within" && query.id.empty()) {
    throw UsageError("query within needs --id FEATURE_ID (the area feature's id)");
  }
  if (query.kind == "bbox" && !query.bbox) {
    throw UsageError("query bbox needs --bbox W,S,E,N");
  }
  if (query.kind == "search") {
    for (const std::string& word : positional) {
      query.text += (query.text.empty() ? "" : " ") + word;
    }
    if (query.text.empty()) {
      throw UsageError("query search needs the search TEXT, e.g. \"puskesmas kuta\"");
    }
  } else if (!positional.empty()) {
    throw UsageError("unexpected argument '" + positional.front() + "' for query " + query.kind);
  }
}

}  // namespace

QueryArguments parse_query(const std::vector<std::string>& args) {
  QueryArguments query;
  if (args.empty()) {
    throw UsageError(std::string("query needs a kind: ") + kKinds);
  }
  query.kind = args.front();
  if (query.kind != "nearest" && query.kind != "locate" && query.kind != "within" && query.kind != "bbox" &&
      query.kind != "search") {
    throw UsageError("unknown query '" + query.kind + "': use " + kKinds);
  }

  std::vector<std::string> positional;
  std::set<std::string> seen;
  for (std::size_t i = 1; i < args.size(); ++i) {
    std::string option = args[i];
    std::optional<std::string> inline_value;
    const auto equals = option.find('=');
    if (option.rfind("--", 0) == 0 && equals != std::string::npos) {
      inline_value = option.substr(equals + 1);
      option = option.substr(0, equals);
    }
    if (option.rfind("--", 0) == 0) {
      check_once(seen, option);
    }

    if (option == "--layer") {
      query.layers.push_back(take_value(args, i, option, inline_value));
      check_file(option, query.layers.back());
    } else if (option == "--lon") {
      const std::string text = take_value(args, i, option, inline_value);
      query.lon = parse_number(option, text);
      if (*query.lon < -180 || *query.lon > 180) {
        throw UsageError("invalid --lon '" + text + "': a longitude lies within -180..180");
      }
    } else if (option == "--lat") {
      const std::string text = take_value(args, i, option, inline_value);
      query.lat = parse_number(option, text);
      if (*query.lat < -90 || *query.lat > 90) {
        throw UsageError("invalid --lat '" + text + "': a latitude lies within -90..90");
      }
    } else if (option == "--k" && (query.kind == "nearest" || query.kind == "search")) {
      query.k = parse_k(take_value(args, i, option, inline_value));
    } else if (option == "--category" && (query.kind == "nearest" || query.kind == "search")) {
      query.category = take_value(args, i, option, inline_value);
    } else if (option == "--area" && query.kind == "within") {
      query.area = take_value(args, i, option, inline_value);
      check_file(option, query.area);
    } else if (option == "--id" && query.kind == "within") {
      query.id = take_value(args, i, option, inline_value);
    } else if (option == "--bbox" && query.kind == "bbox") {
      query.bbox = parse_bbox(take_value(args, i, option, inline_value));
    } else if (option.rfind("--", 0) == 0) {
      throw UsageError("unknown option '" + option + "' for query " + query.kind);
    } else {
      positional.push_back(args[i]);
    }
  }
  check_complete(query, positional);
  return query;
}

}  // namespace badung::geodata

#pragma once
// Command-line arguments of badung-geodata. Parsing throws UsageError with a
// message that names the argument at fault.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "geometry_checks.hpp"
#include "query_arguments.hpp"

namespace badung::geodata {

struct BuildArguments {
  std::string catalog = "geodata/catalog.json";
  std::string out = "dist/data";
  std::string style;               ///< empty = style/badung.json beside the catalog
  std::vector<std::string> fonts;  ///< empty = Noto Sans Regular and Bold
};

struct GlyphsArguments {
  std::vector<std::string> fonts;
  std::string out = "dist/data/fonts";
  std::vector<std::uint32_t> ranges;  ///< first code points; empty = the default Latin ranges
};

struct ConvertArguments {
  std::string input;
  std::string output;
  std::string target_srs = "EPSG:4326";
  std::string source_srs;
  std::string format;  ///< OGR driver short name; empty = from the output's extension
  std::string layer;
  std::string where;
  std::string sql;
  std::vector<std::string> open_options;
  std::optional<Extent> extent;
  bool keep_invalid = false;
  bool overwrite = false;
};

struct InspectArguments {
  std::string input;
  std::string tile;  ///< "Z/X/Y" of an MVT file, for a lon/lat bbox; empty = tile coordinates
};

struct Arguments {
  std::string command;  ///< "build", "convert", "inspect", "glyphs", "query" or "help"
  BuildArguments build;
  GlyphsArguments glyphs;
  ConvertArguments convert;
  InspectArguments inspect;
  QueryArguments query;
  bool verbose = false;  ///< show GDAL's own warnings
};

/// Parses argv; throws UsageError for an unknown command or option, a missing
/// value, a missing input file, an invalid CRS or an unknown output format.
Arguments parse_arguments(const std::vector<std::string>& args);

/// The help text printed with --help and after a usage error.
std::string usage_text();

/// The OGR driver for `output`: `format` if given, else by its extension.
/// Throws UsageError if neither names a vector driver that can create files.
std::string output_driver_name(const std::string& output, const std::string& format);

}  // namespace badung::geodata

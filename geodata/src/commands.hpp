#pragma once
// The tool's commands. Each returns the process exit status (0 success,
// 1 features dropped or a source failed) and writes problems to `log`.

#include <ostream>

#include "arguments.hpp"

namespace badung::geodata {

/// Builds every catalog layer into `arguments.out`. Throws InputError if the
/// catalog or the corrections cannot be read.
int run_build(const BuildArguments& arguments, std::ostream& log);

/// Converts one source. Throws InputError if the source or output cannot be used.
int run_convert(const ConvertArguments& arguments, std::ostream& log);

/// Decodes a GeoJSON or MVT file and prints its summary as JSON to `out`.
/// Returns 0 when the file decoded, 1 when it was rejected; throws
/// UsageError for a malformed --tile and InputError for an unreadable file.
int run_inspect(const InspectArguments& arguments, std::ostream& out);

/// Writes the glyph PBFs of every font. Returns 0, or 1 when a font failed.
int run_glyphs(const GlyphsArguments& arguments, std::ostream& log);

/// Answers one query over GeoJSON layers and prints the results as JSON to
/// `out`. Throws UsageError for an unknown --id and InputError for a file
/// that is not GeoJSON.
int run_query(const QueryArguments& arguments, std::ostream& out);

}  // namespace badung::geodata

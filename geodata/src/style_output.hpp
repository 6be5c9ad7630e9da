#pragma once
// The map style of the build: checked with core/style against the catalog
// and copied to <out>/styles/.

#include <filesystem>
#include <ostream>
#include <set>
#include <string>

namespace badung::geodata {

/// Checks the style at `style` and copies it to out/styles/<file name>.
/// Every problem is logged: a style the core cannot read, a property or
/// filter outside the supported subset, or a source-layer that names no
/// layer in `layer_ids`. Returns false when there was any.
bool write_style(const std::filesystem::path& style, const std::filesystem::path& out,
                 const std::set<std::string>& layer_ids, std::ostream& log);

}  // namespace badung::geodata

#include "style_output.hpp"

#include <fstream>
#include <iterator>

#include "core/style/style.hpp"

namespace badung::geodata {

namespace fs = std::filesystem;

bool write_style(const fs::path& style_path, const fs::path& out, const std::set<std::string>& layer_ids,
                 std::ostream& log) {
  std::ifstream in(style_path, std::ios::binary);
  if (!in) {
    log << "error: style: cannot read '" << style_path.string() << "'; pass --style with the style JSON\n";
    return false;
  }
  const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());

  bool ok = true;
  try {
    const style::Style style = style::Style::parse(text);
    for (const auto& diagnostic : style.diagnostics) {
      log << "error: style: layer '" << diagnostic.layer_id << "' " << diagnostic.property << ": "
          << diagnostic.message << '\n';
      ok = false;
    }
    for (const auto& layer : style.layers) {
      if (!layer.source_layer.empty() && layer_ids.count(layer.source_layer) == 0) {
        log << "error: style: layer '" << layer.id << "' draws source-layer '" << layer.source_layer
            << "', which is no layer of the catalog; fix the style or the catalog\n";
        ok = false;
      }
    }
  } catch (const style::StyleError& error) {
    log << "error: style: '" << style_path.string() << "': " << error.what() << '\n';
    return false;
  }

  const fs::path folder = out / "styles";
  std::error_code error;
  fs::create_directories(folder, error);
  std::ofstream stream(folder / style_path.filename(), std::ios::binary | std::ios::trunc);
  stream << text;
  if (error || !stream) {
    log << "error: style: cannot write '" << (folder / style_path.filename()).string() << "'\n";
    return false;
  }
  return ok;
}

}  // namespace badung::geodata

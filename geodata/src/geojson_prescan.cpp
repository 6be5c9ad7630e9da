#include "geojson_prescan.hpp"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include <gdal_priv.h>

#include "core/geojson/reader.hpp"

namespace badung::geodata {

namespace {

// Codes of the core reader's errors for coordinates that GDAL turns into a
// null or empty geometry. Range errors are left to ingest, which knows the CRS.
const std::set<std::string> kUnreadableCoordinates = {
    "position_not_numbers", "position_too_short", "wrong_nesting_depth", "invalid_geometry",
    "unknown_geometry_type"};

// Bounds the rewrites of non-JSON numbers: each one parses the document again.
constexpr int kMaxQuotedNumbers = 1000;

std::string read_text(const std::string& path) {
  std::ifstream file(path, std::ios::binary);
  std::ostringstream text;
  text << file.rdbuf();
  return text.str();
}

bool is_number_character(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '.' || c == '+' || c == '-';
}

/// Returns whether `token` is a number JSON cannot hold: NaN, Infinity or a
/// decimal number, which at a parse error means one beyond the double range.
bool is_non_json_number(const std::string& token) {
  std::string bare = token;
  if (!bare.empty() && (bare[0] == '-' || bare[0] == '+')) {
    bare.erase(0, 1);
  }
  if (bare == "NaN" || bare == "Inf" || bare == "Infinity") {
    return true;
  }
  return !bare.empty() && std::isdigit(static_cast<unsigned char>(bare[0])) != 0 &&
         bare.find_first_not_of("0123456789.eE+-") == std::string::npos;
}

/// Quotes the number-like token at `offset` (NaN, -Infinity, 1e400) so the
/// core reader reads it as a string, and returns false if there is none there.
bool quote_token_at(std::string& text, std::size_t offset) {
  std::size_t begin = std::min(offset, text.size());
  while (begin > 0 && is_number_character(text[begin - 1])) {
    --begin;
  }
  std::size_t end = begin;
  while (end < text.size() && is_number_character(text[end])) {
    ++end;
  }
  if (!is_non_json_number(text.substr(begin, end - begin))) {
    return false;
  }
  text.insert(end, 1, '"');
  text.insert(begin, 1, '"');
  return true;
}

std::string line_and_column(const std::string& text, std::size_t offset) {
  offset = std::min(offset, text.size());
  const auto line = std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(offset), '\n') + 1;
  const std::size_t line_start = offset == 0 ? std::string::npos : text.rfind('\n', offset - 1);
  const std::size_t column = line_start == std::string::npos ? offset + 1 : offset - line_start;
  return "line " + std::to_string(line) + ", column " + std::to_string(column);
}

/// Returns the core reader's reason without its "feature N (id ...)" prefix
/// and "; the feature was dropped" suffix, which ingest writes in its own way.
std::string bare_reason(const std::string& message) {
  std::string reason = message;
  const std::size_t colon = reason.find(": ");
  if (colon != std::string::npos) {
    reason.erase(0, colon + 2);
  }
  const std::string suffix = "; the feature was dropped";
  if (reason.size() >= suffix.size() && reason.compare(reason.size() - suffix.size(), suffix.size(), suffix) == 0) {
    reason.erase(reason.size() - suffix.size());
  }
  return reason;
}

}  // namespace

bool is_geojson_file(const std::string& path) {
  const std::string extension = std::filesystem::path(path).extension().string();
  if (extension == ".geojson" || extension == ".json") {
    return std::filesystem::is_regular_file(path);
  }
  if (!std::filesystem::is_regular_file(path)) {
    return false;
  }
  GDALDriverH driver = GDALIdentifyDriverEx(path.c_str(), GDAL_OF_VECTOR, nullptr, nullptr);
  return driver != nullptr && std::string(GDALGetDriverShortName(driver)) == "GeoJSON";
}

std::optional<std::string> explain_unreadable_geojson(const std::string& path) {
  const std::string text = read_text(path);
  if (text.find_first_not_of(" \t\r\n") == std::string::npos) {
    return "the file is empty (" + std::to_string(text.size()) + " bytes)";
  }
  try {
    geojson::read(text);
  } catch (const geojson::ParseError& error) {
    std::string reason = error.what();
    if (!reason.empty() && reason.back() == '.') {
      reason.pop_back();  // rapidjson's messages end with a full stop
    }
    return line_and_column(text, error.offset()) + ": " + reason;
  }
  return std::nullopt;
}

namespace {

/// Reads the GeoJSON file `path` with its non-JSON numbers quoted, or returns
/// nothing when the document has another JSON fault.
std::optional<geojson::FeatureCollection> read_quoting_numbers(const std::string& path) {
  std::string text = read_text(path);
  for (int quoted = 0;; ++quoted) {
    try {
      return geojson::read(text);
    } catch (const geojson::ParseError& error) {
      if (quoted == kMaxQuotedNumbers || !quote_token_at(text, error.offset())) {
        return std::nullopt;
      }
    }
  }
}

}  // namespace

std::vector<BrokenFeature> find_broken_features(const std::string& path) {
  const auto collection = read_quoting_numbers(path);
  if (!collection) {
    return {};
  }

  std::vector<BrokenFeature> broken;
  for (const auto& issue : collection->issues) {
    if (issue.severity == geojson::Issue::Severity::error && kUnreadableCoordinates.count(issue.code) > 0) {
      broken.push_back({issue.feature_index, issue.code, bare_reason(issue.message)});
    }
  }
  return broken;
}

bool has_feature_ids(const std::string& path) {
  const auto collection = read_quoting_numbers(path);
  if (!collection) {
    return false;
  }
  return std::any_of(collection->features.begin(), collection->features.end(),
                     [](const geojson::Feature& feature) { return !feature.id_text().empty(); });
}

}  // namespace badung::geodata

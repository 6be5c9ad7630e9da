#pragma once

#include "server/config.hpp"

#include <filesystem>
#include <string>

namespace httplib {
class Server;
} // namespace httplib

namespace badung::cityd {

// Registers the style and glyph API over the built data folder:
//   GET /styles/{name}.json            styles/{name}.json with every relative
//                                      source, tile and glyph URL made absolute
//                                      from public_base_url or the Host header
//   GET /fonts/{fontstack}/{start}-{end}.pbf  fonts/{fontstack}/{start}-{end}.pbf
// A fontstack may list several fonts separated by commas; the first one the
// server has is used. An unknown style or fontstack gets 404, a range that
// is not 256 code points from a multiple of 256 gets 400 (OGC API exception
// JSON); a missing range of a known fontstack gets an empty glyph PBF.
void register_style_routes(httplib::Server& http, const std::filesystem::path& data_root, const Config& config);

// Returns the style JSON with each URL that starts with "/" in
// sources.*.url, sources.*.tiles[], glyphs and sprite prefixed with base.
// Throws std::runtime_error when the text is not a JSON object.
std::string absolute_style_urls(const std::string& style_json, const std::string& base);

} // namespace badung::cityd

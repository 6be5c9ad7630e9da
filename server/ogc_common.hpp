#pragma once

#include "server/layer_store.hpp"

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <initializer_list>
#include <string>
#include <string_view>

namespace httplib {
struct Request;
struct Response;
} // namespace httplib

namespace badung::cityd {

// Pieces shared by the OGC API - Features handlers.

using JsonWriter = rapidjson::Writer<rapidjson::StringBuffer>;

inline constexpr const char* crs84_uri = "http://www.opengis.net/def/crs/OGC/1.3/CRS84";
inline constexpr const char* geojson_media_type = "application/geo+json";

// Writes a link object {"href", "rel", "type"[, "title"]}.
void write_link(JsonWriter& writer, const std::string& href, const char* rel, const char* type,
                const char* title = nullptr);

// Sets a 200 response with the buffer's JSON text.
void send_json(httplib::Response& res, const rapidjson::StringBuffer& buffer, const char* type);

// Rejects (with 400) a query parameter not in `allowed`, a repeated one, and
// any `f` other than json or geojson. Returns false after writing the error.
bool check_parameters(const httplib::Request& req, httplib::Response& res,
                      std::initializer_list<std::string_view> allowed);

// Returns the collection, or writes a 404 naming it and returns null.
const Collection* find_collection(const LayerStore& layers, const std::string& id, httplib::Response& res);

} // namespace badung::cityd

#include "server/tiles_api.hpp"

#include "server/accept_encoding.hpp"
#include "server/gzip_body.hpp"
#include "server/http_errors.hpp"
#include "server/log.hpp"
#include "server/request_helpers.hpp"
#include "server/sqlite_database.hpp"
#include "server/tile_store.hpp"

#include <httplib.h>
#include <zlib.h>
#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <charconv>
#include <cstdio>
#include <memory>
#include <sstream>
#include <vector>

namespace badung::cityd {

namespace {

constexpr int max_zoom = 22;
constexpr const char* mvt_media_type = "application/vnd.mapbox-vector-tile";

// Splits "a,b,c" into numbers; nothing when a part is not a number.
std::vector<double> parse_numbers(const std::string& text) {
    std::vector<double> numbers;
    std::stringstream in(text);
    std::string part;
    while (std::getline(in, part, ',')) {
        try {
            numbers.push_back(std::stod(part));
        } catch (const std::exception&) {
            return {};
        }
    }
    return numbers;
}

int metadata_int(const TileStore& store, const char* name, int fallback) {
    const auto value = parse_index(store.metadata(name));
    return value && *value <= max_zoom ? static_cast<int>(*value) : fallback;
}

void write_number_array(rapidjson::Writer<rapidjson::StringBuffer>& json, const std::vector<double>& numbers) {
    json.StartArray();
    for (double v : numbers) {
        json.Double(v);
    }
    json.EndArray();
}

std::string tilejson(const TileStore& store, const std::string& name, const std::string& base) {
    rapidjson::StringBuffer buffer;
    rapidjson::Writer<rapidjson::StringBuffer> json(buffer);
    json.StartObject();
    json.Key("tilejson");
    json.String("3.0.0");
    json.Key("name");
    json.String(store.metadata("name").empty() ? name : store.metadata("name"));
    json.Key("description");
    json.String(store.metadata("description"));
    json.Key("scheme");
    json.String("xyz");

    json.Key("tiles");
    json.StartArray();
    json.String(base + "/tiles/" + name + "/{z}/{x}/{y}.mvt");
    json.EndArray();
    json.Key("minzoom");
    json.Int(metadata_int(store, "minzoom", 0));
    json.Key("maxzoom");
    json.Int(metadata_int(store, "maxzoom", max_zoom));

    if (const auto bounds = parse_numbers(store.metadata("bounds")); bounds.size() == 4) {
        json.Key("bounds");
        write_number_array(json, bounds);
    }
    if (const auto center = parse_numbers(store.metadata("center")); center.size() == 3) {
        json.Key("center");
        write_number_array(json, center);
    }
    if (!store.metadata("attribution").empty()) {
        json.Key("attribution");
        json.String(store.metadata("attribution"));
    }

    json.Key("vector_layers");
    rapidjson::Document layers;
    layers.Parse(store.metadata("json").c_str());
    if (!layers.HasParseError() && layers.IsObject() && layers.HasMember("vector_layers") &&
        layers["vector_layers"].IsArray()) {
        layers["vector_layers"].Accept(json);
    } else {
        json.StartArray();
        json.EndArray();
    }
    json.EndObject();
    return {buffer.GetString(), buffer.GetSize()};
}

// A strong validator from the tile bytes (64-bit FNV-1a).
std::string etag_of(const std::string& bytes) {
    std::uint64_t hash = 1469598103934665603ULL;
    for (unsigned char c : bytes) {
        hash = (hash ^ c) * 1099511628211ULL;
    }
    char text[24];
    std::snprintf(text, sizeof text, "\"%016llx\"", static_cast<unsigned long long>(hash));
    return text;
}

// Checks z, x and y; writes the 400 and returns false when one is invalid.
bool check_address(const httplib::Request& req, httplib::Response& res, int& z, std::uint32_t& x, std::uint32_t& y) {
    const auto zoom = parse_index(req.matches[1]);
    if (!zoom || *zoom > max_zoom) {
        send_ogc_error(res, 400, "InvalidParameterValue",
                       "invalid zoom '" + std::string(req.matches[1]) + "': give an integer from 0 to 22");
        return false;
    }
    z = static_cast<int>(*zoom);
    const std::uint64_t size = std::uint64_t{1} << z;
    const auto column = parse_index(req.matches[2]);
    const auto row = parse_index(req.matches[3]);
    for (const auto& [value, label, text] : {std::tuple{column, "x", std::string(req.matches[2])},
                                             std::tuple{row, "y", std::string(req.matches[3])}}) {
        if (!value || *value >= size) {
            send_ogc_error(res, 400, "InvalidParameterValue",
                           std::string("invalid ") + label + " '" + text + "' at zoom " + std::to_string(z) +
                               ": give an integer from 0 to " + std::to_string(size - 1));
            return false;
        }
    }
    x = static_cast<std::uint32_t>(*column);
    y = static_cast<std::uint32_t>(*row);
    return true;
}

void serve_tile(const TileStore& store, const httplib::Request& req, httplib::Response& res) {
    int z = 0;
    std::uint32_t x = 0;
    std::uint32_t y = 0;
    if (!check_address(req, res, z, x, y)) {
        return;
    }
    std::optional<std::string> bytes;
    if (z >= metadata_int(store, "minzoom", 0) && z <= metadata_int(store, "maxzoom", max_zoom)) {
        bytes = store.tile(z, x, y);
    }
    res.set_header("Cache-Control", "public, max-age=3600");
    // Tiles are small and never served in parts. Without this header the
    // HTTP library responds to HEAD with "Accept-Ranges: bytes".
    res.set_header("Accept-Ranges", "none");
    if (!bytes) {
        res.status = 204;
        return;
    }

    // A gzipped tile goes out as stored when the client accepts gzip, else
    // inflated. Each coding has its own ETag, so that a cache holding one
    // never gets a 304 for the other.
    const bool stored_gzip = is_gzip(*bytes);
    const bool send_gzip = stored_gzip && accepts_gzip(req.get_header_value("Accept-Encoding"));
    const std::string etag = send_gzip ? gzip_etag(etag_of(*bytes)) : etag_of(*bytes);
    res.set_header("ETag", etag);
    res.set_header("Vary", "Accept-Encoding");
    const std::string if_none_match = req.get_header_value("If-None-Match");
    if (if_none_match.find(etag) != std::string::npos || if_none_match == "*") {
        res.status = 304;
        return;
    }
    if (send_gzip) {
        res.set_header("Content-Encoding", "gzip");
    } else if (stored_gzip) {
        auto inflated = gunzip(*bytes);
        if (!inflated) {
            log_event("tile_corrupt", {{"tile", std::to_string(z) + "/" + std::to_string(x) + "/" + std::to_string(y)}});
            send_ogc_error(res, 500, "ServerError", "stored tile is not valid gzip; rebuild the tiles");
            return;
        }
        bytes = std::move(inflated);
    }
    res.status = 200;
    res.set_content(std::move(*bytes), mvt_media_type);
}

} // namespace

void register_tile_routes(httplib::Server& http, const std::filesystem::path& mbtiles, const Config& config) {
    const std::string name = mbtiles.stem().string();
    std::shared_ptr<TileStore> store;
    try {
        store = std::make_shared<TileStore>(mbtiles);
    } catch (const DatabaseError& error) {
        log_event("tiles_unavailable", {{"file", mbtiles.string()}, {"error", error.what()}});
    }

    http.Get("/tiles/" + name + ".json", [store, name, &config](const httplib::Request& req, httplib::Response& res) {
        if (!store) {
            send_ogc_error(res, 404, "NotFound", "tileset '" + name + "' is not available on this server");
            return;
        }
        res.set_header("Cache-Control", "no-cache");
        // cpp-httplib compresses JSON for clients that accept it.
        res.set_header("Vary", "Accept-Encoding");
        res.set_content(tilejson(*store, name, base_url(req, config)), "application/json");
    });
    http.Get("/tiles/" + name + R"(/([^/]+)/([^/]+)/([^/]+)\.mvt)",
             [store, name](const httplib::Request& req, httplib::Response& res) {
                 if (!store) {
                     send_ogc_error(res, 404, "NotFound", "tileset '" + name + "' is not available on this server");
                     return;
                 }
                 serve_tile(*store, req, res);
             });
}

} // namespace badung::cityd

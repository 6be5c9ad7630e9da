#include "server/pack_tiles_api.hpp"

#include "server/gzip_body.hpp"
#include "server/http_errors.hpp"
#include "server/log.hpp"
#include "server/pack_manifest.hpp"
#include "server/request_helpers.hpp"
#include "server/sqlite_database.hpp"
#include "server/tile_store.hpp"

#include <httplib.h>

#include <optional>
#include <string>

namespace badung::cityd {

namespace {

constexpr std::uint64_t max_bundle_tiles = 1000;

// The tiles' range from the query, checked against the pack. Writes the
// 400 or 409 and returns nothing when a parameter is missing or invalid.
struct TileRange {
    std::uint64_t start = 0;
    std::uint64_t count = 0;
};

std::optional<TileRange> read_range(const httplib::Request& req, httplib::Response& res, const PackFile& pack) {
    if (const auto bad = find_bad_parameter(req, {"version", "start", "count"})) {
        send_ogc_error(res, 400, "InvalidParameterValue", *bad);
        return std::nullopt;
    }
    for (const char* name : {"version", "start", "count"}) {
        if (!req.has_param(name)) {
            send_ogc_error(res, 400, "MissingParameterValue",
                           std::string("missing parameter '") + name + "': give version, start and count");
            return std::nullopt;
        }
    }

    const std::string version = req.get_param_value("version");
    if (version != pack.data_version) {
        send_ogc_error(res, 409, "Conflict",
                       "version '" + version + "' is not the pack's data_version '" + pack.data_version +
                           "': fetch data/pack.json again");
        return std::nullopt;
    }

    const auto start = parse_index(req.get_param_value("start"));
    if (!start || *start >= pack.tiles.size()) {
        send_ogc_error(res, 400, "InvalidParameterValue",
                       "invalid start '" + req.get_param_value("start") + "': give an integer from 0 to " +
                           std::to_string(pack.tiles.size() - 1));
        return std::nullopt;
    }
    const std::uint64_t left = pack.tiles.size() - *start;
    const auto count = parse_index(req.get_param_value("count"));
    if (!count || *count == 0 || *count > std::min(left, max_bundle_tiles)) {
        send_ogc_error(res, 400, "InvalidParameterValue",
                       "invalid count '" + req.get_param_value("count") + "': give an integer from 1 to " +
                           std::to_string(std::min(left, max_bundle_tiles)));
        return std::nullopt;
    }
    return TileRange{*start, *count};
}

// The tile's bytes as a client receives them, or nothing when the store
// has no such tile or its gzip is corrupt.
std::optional<std::string> inflated_tile(const TileStore& store, const PackTile& tile) {
    std::optional<std::string> bytes = store.tile(tile.z, tile.x, tile.y);
    if (bytes && is_gzip(*bytes)) {
        bytes = gunzip(*bytes);
    }
    return bytes;
}

void serve_bundle(const PackFile& pack, const TileStore& store, const httplib::Request& req,
                  httplib::Response& res) {
    const std::optional<TileRange> range = read_range(req, res, pack);
    if (!range) {
        return;
    }

    std::string body;
    for (std::uint64_t i = range->start; i < range->start + range->count; ++i) {
        const PackTile& tile = pack.tiles[i];
        const std::optional<std::string> bytes = inflated_tile(store, tile);
        if (!bytes || bytes->size() != tile.size) {
            const std::string address = std::to_string(tile.z) + "/" + std::to_string(tile.x) + "/" + std::to_string(tile.y);
            log_event("pack_tile_mismatch", {{"tile", address}});
            // The tile store keeps the MBTiles file it opened at start,
            // while pack.json is read again when it changes.
            send_ogc_error(res, 409, "Conflict",
                           "tile " + address + " does not match pack.json, usually because the map data was "
                           "rebuilt while the server runs; restart the server (./badung serve) to load the "
                           "rebuilt data once badung-geodata build has finished");
            return;
        }
        body += *bytes;
    }
    res.set_header("Cache-Control", "no-cache");
    send_maybe_gzipped(req, res, std::move(body), "application/octet-stream");
}

// Returns why no bundle can be served, or "" when one can.
std::string unavailable_reason(const PackFile* pack, const TileStore* store) {
    if (pack == nullptr) {
        return "no offline pack manifest pack.json in the data root";
    }
    if (store == nullptr) {
        return "the tiles of the offline pack are not available on this server";
    }
    if (pack->tiles.empty()) {
        return pack->parse_error.empty() ? "pack.json lists no tiles" : pack->parse_error;
    }
    return "";
}

} // namespace

void register_pack_tile_routes(httplib::Server& http, std::shared_ptr<PackCache> cache,
                               const std::filesystem::path& mbtiles) {
    std::shared_ptr<TileStore> store;
    try {
        store = std::make_shared<TileStore>(mbtiles);
    } catch (const DatabaseError& error) {
        log_event("pack_tiles_unavailable", {{"file", mbtiles.string()}, {"error", error.what()}});
    }

    http.Get("/data/pack/tiles", [cache, store](const httplib::Request& req, httplib::Response& res) {
        const auto pack = cache->get();
        const std::string missing = unavailable_reason(pack.get(), store.get());
        if (!missing.empty()) {
            send_ogc_error(res, 404, "NotFound", missing + "; run badung-geodata build");
            return;
        }
        serve_bundle(*pack, *store, req, res);
    });
}

} // namespace badung::cityd

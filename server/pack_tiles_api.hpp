#pragma once

#include <filesystem>
#include <memory>

namespace httplib {
class Server;
} // namespace httplib

namespace badung::cityd {

class PackCache;

// Registers GET /data/pack/tiles?version=V&start=I&count=N: the tiles
// I to I + N - 1 of pack.json's tiles.entries, inflated and concatenated in
// that order, so the offline download needs one request per bundle instead
// of one per tile. The client splits the body by the entries' sizes and
// checks each tile's SHA-256. N is 1 to 1000. V must equal pack.json's
// data_version (else 409, because the entries changed). Errors carry the
// OGC API exception JSON. The body is gzipped for clients that accept it.
void register_pack_tile_routes(httplib::Server& http, std::shared_ptr<PackCache> cache,
                               const std::filesystem::path& mbtiles);

} // namespace badung::cityd

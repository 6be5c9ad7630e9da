#pragma once

#include <filesystem>

namespace httplib {
class Server;
} // namespace httplib

namespace badung::cityd {

// Registers GET /data/pack.json, the offline pack manifest that
// badung-geodata build writes into the data root. It goes out with a strong
// ETag (SHA-256 of the file) and `Cache-Control: no-cache`, so a client
// revalidates on every check and gets 304 with no body while the data is
// unchanged; gzipped when the client accepts gzip. A missing file gets 404
// with an OGC API exception that says how to build it. Also registers
// GET /data/layers/{id}.geojson, gzipped for clients that accept gzip.
void register_pack_routes(httplib::Server& http, const std::filesystem::path& data_root);

} // namespace badung::cityd

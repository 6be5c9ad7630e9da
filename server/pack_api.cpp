#include "server/pack_api.hpp"

#include "server/accept_encoding.hpp"
#include "server/gzip_body.hpp"
#include "server/http_errors.hpp"
#include "server/pack_manifest.hpp"
#include "server/pack_tiles_api.hpp"
#include "server/static_files.hpp"

#include <httplib.h>

#include <memory>
#include <optional>

namespace badung::cityd {

namespace {

// Sends a layer's GeoJSON gzipped when it is large enough to gain, with the
// Cache-Control that send_file gives it and an ETag of the coding sent
// ("-gz" added for gzip). Returns false when the file cannot be read.
bool send_gzipped_layer(const std::filesystem::path& file, const httplib::Request& req, httplib::Response& res) {
    const std::optional<FileBody> body = read_file_body(file, "");
    if (!body) {
        return false;
    }
    const bool gzip = gzips_body(req, body->content->size());
    if (send_not_modified(req, res, gzip ? gzip_etag(body->etag) : body->etag)) {
        // A body's Vary comes from send_maybe_gzipped; a 304 names it here.
        res.set_header("Vary", "Accept-Encoding");
        return true;
    }
    send_maybe_gzipped(req, res, *body->content, "application/geo+json");
    return true;
}

} // namespace

void register_pack_routes(httplib::Server& http, const std::filesystem::path& data_root) {
    auto cache = std::make_shared<PackCache>(data_root / "pack.json");
    register_pack_tile_routes(http, cache, data_root / "badung.mbtiles");
    http.Get("/data/pack.json", [cache](const httplib::Request& req, httplib::Response& res) {
        const auto pack = cache->get();
        if (!pack) {
            send_ogc_error(res, 404, "NotFound",
                           "no offline pack manifest pack.json in the data root; run badung-geodata build");
            return;
        }
        res.set_header("Vary", "Accept-Encoding");
        const bool gzip = accepts_gzip(req.get_header_value("Accept-Encoding")) && pack->gzipped;
        if (send_not_modified(req, res, gzip ? gzip_etag(pack->etag) : pack->etag)) {
            return;
        }
        // Through a content provider: set_content would let cpp-httplib
        // compress the body on its own (gzip again, or brotli under the
        // ETag of the plain body).
        res.status = 200;
        if (gzip) {
            res.set_header("Content-Encoding", "gzip");
            set_body_provider(res, std::make_shared<std::string>(*pack->gzipped), "application/json");
            return;
        }
        set_body_provider(res, std::make_shared<std::string>(pack->body), "application/json");
    });

    // Layers are most of the pack's bytes after the tiles and compress about
    // fivefold, so they go out gzipped when the client accepts it. A Range
    // request is served uncompressed by send_file, as every static file.
    http.Get(R"(/data/layers/([^/]+\.geojson))", [data_root](const httplib::Request& req, httplib::Response& res) {
        const auto file = resolve_static_path(data_root, "/layers/" + std::string(req.matches[1]));
        const bool gzip = accepts_gzip(req.get_header_value("Accept-Encoding"));
        const bool sent = file && (gzip && !req.has_header("Range") ? send_gzipped_layer(*file, req, res)
                                                                      : send_file(*file, req, res));
        if (!sent) {
            send_ogc_error(res, 404, "NotFound", "no file at '" + req.path + "'; check the address");
        }
    });
}

} // namespace badung::cityd

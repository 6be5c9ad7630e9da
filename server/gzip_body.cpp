#include "server/gzip_body.hpp"

#include "server/accept_encoding.hpp"

#include <httplib.h>
#include <zlib.h>

#include <limits>
#include <utility>

namespace badung::cityd {

namespace {

constexpr std::size_t min_compressed_size = 1024;

// zlib window bits 15 plus 16 selects the gzip wrapper instead of zlib's.
constexpr int gzip_window_bits = 15 + 16;

} // namespace

std::optional<std::string> gzip_compress(std::string_view data) {
    z_stream stream{};
    if (deflateInit2(&stream, Z_DEFAULT_COMPRESSION, Z_DEFLATED, gzip_window_bits, 8, Z_DEFAULT_STRATEGY) != Z_OK) {
        return std::nullopt;
    }

    std::string compressed(deflateBound(&stream, static_cast<uLong>(data.size())), '\0');
    stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
    stream.avail_in = static_cast<uInt>(data.size());
    stream.next_out = reinterpret_cast<Bytef*>(compressed.data());
    stream.avail_out = static_cast<uInt>(compressed.size());

    const int result = deflate(&stream, Z_FINISH);
    compressed.resize(stream.total_out);
    deflateEnd(&stream);
    if (result != Z_STREAM_END) {
        return std::nullopt;
    }
    return compressed;
}

bool gzips_body(const httplib::Request& req, std::size_t size) {
    return size > min_compressed_size && accepts_gzip(req.get_header_value("Accept-Encoding"));
}

std::string gzip_etag(const std::string& etag) {
    if (etag.size() >= 2 && etag.back() == '"') {
        return etag.substr(0, etag.size() - 1) + "-gz\"";
    }
    return etag + "-gz";
}

void send_maybe_gzipped(const httplib::Request& req, httplib::Response& res, std::string body, const char* type) {
    res.status = 200;
    res.set_header("Vary", "Accept-Encoding");
    if (gzips_body(req, body.size())) {
        if (auto compressed = gzip_compress(body)) {
            res.set_header("Content-Encoding", "gzip");
            res.set_content(*compressed, type);
            return;
        }
    }
    res.set_content(body, type);
}

bool is_gzip(const std::string& bytes) {
    return bytes.size() >= 2 && static_cast<unsigned char>(bytes[0]) == 0x1f &&
           static_cast<unsigned char>(bytes[1]) == 0x8b;
}

std::optional<std::string> gunzip(const std::string& bytes) {
    GunzipResult result = gunzip_limited(bytes, std::numeric_limits<std::size_t>::max());
    if (result.status != GunzipStatus::complete) {
        return std::nullopt;
    }
    return std::move(result.data);
}

GunzipResult gunzip_limited(std::string_view bytes, std::size_t max_size) {
    GunzipResult result;
    z_stream stream{};
    if (inflateInit2(&stream, 16 + MAX_WBITS) != Z_OK) {
        return result;
    }
    stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(bytes.data()));
    stream.avail_in = static_cast<uInt>(bytes.size());

    char chunk[16384];
    int status = Z_OK;
    while (status == Z_OK) {
        stream.next_out = reinterpret_cast<Bytef*>(chunk);
        stream.avail_out = sizeof chunk;
        status = inflate(&stream, Z_NO_FLUSH);
        const std::size_t produced = sizeof chunk - stream.avail_out;
        if (result.data.size() + produced > max_size) {
            inflateEnd(&stream);
            result.status = GunzipStatus::too_large;
            result.data.clear();
            return result;
        }
        result.data.append(chunk, produced);
    }
    inflateEnd(&stream);

    // Z_BUF_ERROR with no input left means the stream was cut short.
    const bool whole = status == Z_STREAM_END && stream.avail_in == 0;
    result.status = whole ? GunzipStatus::complete : GunzipStatus::corrupt;
    if (!whole) {
        result.data.clear();
    }
    return result;
}

} // namespace badung::cityd

#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace httplib {
struct Request;
struct Response;
} // namespace httplib

namespace badung::cityd {

// Compresses bytes into the gzip format (RFC 1952). Returns nothing when
// zlib fails.
std::optional<std::string> gzip_compress(std::string_view data);

// Checks for the gzip magic bytes 1f 8b at the start.
bool is_gzip(const std::string& bytes);

// Inflates a gzip stream of any size. Returns nothing when it is corrupt,
// cut short or followed by other bytes.
std::optional<std::string> gunzip(const std::string& bytes);

enum class GunzipStatus { complete, corrupt, too_large };

struct GunzipResult {
    GunzipStatus status = GunzipStatus::corrupt;
    std::string data;
};

// Inflates one gzip member (RFC 1952) of a request body into at most
// `max_size` bytes. A stream that is cut short, fails its CRC-32 or size
// check, or has bytes after its end is corrupt.
GunzipResult gunzip_limited(std::string_view bytes, std::size_t max_size);

// True when send_maybe_gzipped compresses a body of `size` bytes for this
// request: the request accepts gzip and the body is over 1 KiB.
bool gzips_body(const httplib::Request& req, std::size_t size);

// The ETag of the gzip coding of a body whose other coding has the strong
// ETag `etag`: "-gz" goes before the closing quote, as for the .gz copies
// of static files, so If-None-Match of one coding never matches the other.
std::string gzip_etag(const std::string& etag);

// Sets a 200 response body of `type`, gzip-compressed when gzips_body is
// true. cpp-httplib compresses only the
// media types it lists, which leave out application/geo+json.
void send_maybe_gzipped(const httplib::Request& req, httplib::Response& res, std::string body, const char* type);

} // namespace badung::cityd

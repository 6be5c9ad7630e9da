#include "server/static_files.hpp"

#include "server/accept_encoding.hpp"

#include <httplib.h>

#include <algorithm>
#include <cstdio>
#include <memory>
#include <fstream>
#include <iterator>
#include <map>
#include <string>

namespace badung::cityd {

namespace {

const std::map<std::string, std::string, std::less<>>& media_types() {
    static const std::map<std::string, std::string, std::less<>> types = {
        {".html", "text/html; charset=utf-8"},
        {".htm", "text/html; charset=utf-8"},
        {".js", "text/javascript; charset=utf-8"},
        {".mjs", "text/javascript; charset=utf-8"},
        {".css", "text/css; charset=utf-8"},
        {".json", "application/json"},
        {".map", "application/json"},
        {".geojson", "application/geo+json"},
        {".webmanifest", "application/manifest+json"},
        {".wasm", "application/wasm"},
        {".png", "image/png"},
        {".jpg", "image/jpeg"},
        {".jpeg", "image/jpeg"},
        {".gif", "image/gif"},
        {".webp", "image/webp"},
        {".svg", "image/svg+xml"},
        {".ico", "image/vnd.microsoft.icon"},
        {".ttf", "font/ttf"},
        {".otf", "font/otf"},
        {".woff", "font/woff"},
        {".woff2", "font/woff2"},
        {".pbf", "application/x-protobuf"},
        {".mvt", "application/vnd.mapbox-vector-tile"},
        {".mbtiles", "application/vnd.sqlite3"},
        {".txt", "text/plain; charset=utf-8"},
        {".md", "text/markdown; charset=utf-8"},
        {".csv", "text/csv; charset=utf-8"},
        {".xml", "application/xml"},
    };
    return types;
}

bool is_forbidden_segment(std::string_view segment) {
    return segment == "." || segment == "..";
}

} // namespace

std::string media_type_for(const std::filesystem::path& file) {
    std::string extension = file.extension().string();
    std::transform(extension.begin(), extension.end(), extension.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });

    const auto found = media_types().find(extension);
    return found == media_types().end() ? "application/octet-stream" : found->second;
}

std::optional<std::filesystem::path> resolve_static_path(const std::filesystem::path& root,
                                                         std::string_view url_path) {
    if (url_path.find('\\') != std::string_view::npos || url_path.find('\0') != std::string_view::npos) {
        return std::nullopt;
    }

    // Join segment by segment: appending an absolute path would replace root.
    std::filesystem::path file = root;
    std::size_t start = 0;
    while (start <= url_path.size()) {
        const std::size_t slash = std::min(url_path.find('/', start), url_path.size());
        const std::string_view segment = url_path.substr(start, slash - start);
        if (is_forbidden_segment(segment)) {
            return std::nullopt;
        }
        if (!segment.empty()) {
            file /= std::string(segment);
        }
        start = slash + 1;
    }

    std::error_code error;
    if (std::filesystem::is_directory(file, error)) {
        file /= "index.html";
    }
    if (!std::filesystem::is_regular_file(file, error)) {
        return std::nullopt;
    }
    return file;
}

namespace {

// True for exactly one range that starts inside the content: "a-b" with
// a < size (b past the end is cut), "a-" with a < size, or a suffix "-n" with
// n > 0. cpp-httplib stores a missing bound as -1.
bool is_single_satisfiable_range(const httplib::Ranges& ranges, std::size_t size) {
    if (ranges.size() != 1) {
        return false;
    }
    const auto [first, last] = ranges.front();
    if (first < 0) {
        return last > 0;
    }
    if (last >= 0 && last < first) {
        return false;
    }
    return static_cast<std::size_t>(first) < size;
}

// Parses the Range header again after drop_ranges. The library rejected
// an unreadable one with 416 before routing.
void restore_ranges(const httplib::Request& req) {
    auto& ranges = const_cast<httplib::Request&>(req).ranges; // see drop_ranges
    ranges.clear();
    if (req.has_header("Range") && !httplib::detail::parse_range_header(req.get_header_value("Range"), ranges)) {
        ranges.clear();
    }
}

// The build's gzip copy of a file (FILE.gz beside it), when there is one
// that is not older than the file. A stale copy is ignored, so a file
// edited in place after the build is never shadowed by its old content.
std::optional<std::filesystem::path> precompressed_copy(const std::filesystem::path& file) {
    std::filesystem::path copy = file;
    copy += ".gz";
    std::error_code error;
    if (!std::filesystem::is_regular_file(copy, error)) {
        return std::nullopt;
    }
    const auto copy_time = std::filesystem::last_write_time(copy, error);
    if (error) {
        return std::nullopt;
    }
    const auto file_time = std::filesystem::last_write_time(file, error);
    if (error || copy_time < file_time) {
        return std::nullopt;
    }
    return copy;
}

// Sends the gzip copy whole. Range requests never come here, because a
// byte range of the compressed form would confuse clients that asked for
// a range of the file.
bool send_precompressed(const std::filesystem::path& copy, const std::string& media_type,
                        const httplib::Request& req, httplib::Response& res) {
    const std::optional<FileBody> body = read_file_body(copy, "-gz");
    if (!body) {
        return false;
    }
    if (send_not_modified(req, res, body->etag)) {
        return true;
    }
    res.status = 200;
    res.set_header("Content-Encoding", "gzip");
    set_body_provider(res, body->content, media_type);
    return true;
}

} // namespace

void set_body_provider(httplib::Response& res, std::shared_ptr<std::string> content, const std::string& media_type) {
    const std::size_t size = content->size();
    res.set_content_provider(size, media_type,
                             [content](std::size_t offset, std::size_t length, httplib::DataSink& sink) {
                                 if (offset >= content->size()) {
                                     return false;
                                 }
                                 length = std::min(length, content->size() - offset);
                                 return sink.write(content->data() + offset, length);
                             });
}

std::optional<FileBody> read_file_body(const std::filesystem::path& file, std::string_view etag_suffix) {
    std::error_code error;
    const auto modified = std::filesystem::last_write_time(file, error);
    std::ifstream stream(file, std::ios::binary);
    if (error || !stream) {
        return std::nullopt;
    }
    auto content = std::make_shared<std::string>((std::istreambuf_iterator<char>(stream)),
                                                 std::istreambuf_iterator<char>());
    if (stream.bad()) {
        return std::nullopt;
    }

    char etag[80];
    std::snprintf(etag, sizeof etag, "\"%zx-%llx%.*s\"", content->size(),
                  static_cast<unsigned long long>(modified.time_since_epoch().count()),
                  static_cast<int>(etag_suffix.size()), etag_suffix.data());
    return FileBody{std::move(content), etag};
}

bool send_not_modified(const httplib::Request& req, httplib::Response& res, const std::string& etag) {
    res.set_header("ETag", etag);
    res.set_header("Cache-Control", "no-cache");
    const std::string if_none_match = req.get_header_value("If-None-Match");
    if (if_none_match.find(etag) != std::string::npos || if_none_match == "*") {
        res.status = 304;
        return true;
    }
    return false;
}

bool send_file(const std::filesystem::path& file, const httplib::Request& req, httplib::Response& res) {
    restore_ranges(req);

    const std::optional<std::filesystem::path> copy = precompressed_copy(file);
    if (copy) {
        res.set_header("Vary", "Accept-Encoding");
        if (req.ranges.empty() && accepts_gzip(req.get_header_value("Accept-Encoding")) &&
            send_precompressed(*copy, media_type_for(file), req, res)) {
            return true;
        }
    }

    const std::optional<FileBody> body = read_file_body(file, "");
    if (!body) {
        return false;
    }
    if (send_not_modified(req, res, body->etag)) {
        return true;
    }
    const std::shared_ptr<std::string> content = body->content;

    res.set_header("Accept-Ranges", "bytes");
    if (content->empty()) {
        res.status = 200;
        res.set_content("", 0, media_type_for(file));
        return true;
    }

    // cpp-httplib 0.11.4 does not check a Range against the content size, so
    // the server does: one satisfiable range is served as 206, anything else
    // (several ranges, or a start past the end) gets 416.
    if (!req.ranges.empty() && !is_single_satisfiable_range(req.ranges, content->size())) {
        res.status = 416;
        res.set_header("Content-Range", "bytes */" + std::to_string(content->size()));
        res.set_content("", 0, media_type_for(file));
        return true;
    }

    // The status stays unset so the library sends 206 for a Range request.
    set_body_provider(res, content, media_type_for(file));
    return true;
}

void drop_ranges(const httplib::Request& req) {
    // The library's Request object itself is not const, only the handlers' view of it.
    const_cast<httplib::Request&>(req).ranges.clear();
}

} // namespace badung::cityd

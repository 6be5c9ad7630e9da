#pragma once

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace httplib {
struct Request;
struct Response;
} // namespace httplib

namespace badung::cityd {

// Returns the media type of a file by its extension (case-insensitive), or
// "application/octet-stream" for an unknown one.
std::string media_type_for(const std::filesystem::path& file);

// Resolves a percent-decoded URL path below `root`. Returns nothing when a
// segment is "." or "..", the path contains a backslash or NUL byte, or it
// names no regular file. A folder resolves to its index.html. Only the text of the
// path is checked, so symbolic links placed inside `root` by the operator
// are followed.
std::optional<std::filesystem::path> resolve_static_path(const std::filesystem::path& root,
                                                         std::string_view url_path);

// A file's content with the ETag that names it: size and modification
// time, plus a suffix such as "-gz" for another encoding of the same file.
struct FileBody {
    std::shared_ptr<std::string> content;
    std::string etag;
};

// Reads a file whole and names it with its ETag. Returns nothing when the
// file cannot be read.
std::optional<FileBody> read_file_body(const std::filesystem::path& file, std::string_view etag_suffix);

// Sets the response body through a sized content provider, which
// cpp-httplib 0.11.4 cuts to a request's Range. Unlike a body set with
// set_content, it is never compressed by the library, so use it for bodies
// already compressed or sent as they are under an ETag of that coding.
void set_body_provider(httplib::Response& res, std::shared_ptr<std::string> content, const std::string& media_type);

// Sets the ETag and `Cache-Control: no-cache`, and responds to a matching
// If-None-Match (or "*") with 304. Returns true when it sent the 304.
bool send_not_modified(const httplib::Request& req, httplib::Response& res, const std::string& etag);

// Sets the response to the file's content and media type, with an ETag
// (size and modification time) and `Cache-Control: no-cache`, so clients
// revalidate. A matching If-None-Match gets 304 without a body. The body
// goes out through a sized content provider, for which the library sends
// 206 with the exact bytes of a Range request and never gzips a slice.
// It restores the ranges that drop_ranges removed.
// Returns false (leaving the response alone) when the file cannot be read.
bool send_file(const std::filesystem::path& file, const httplib::Request& req, httplib::Response& res);

// cpp-httplib 0.11.4 applies a request's Range to every response body, also
// to API JSON and to error bodies, which then go out cut or as multipart.
// The server drops the parsed ranges of every request before routing and
// of every error response; send_file alone reads the Range header again.
void drop_ranges(const httplib::Request& req);

} // namespace badung::cityd

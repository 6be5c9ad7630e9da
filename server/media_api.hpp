#pragma once

#include "server/config.hpp"

#include <cstddef>
#include <filesystem>
#include <string>

namespace httplib {
class Server;
}

namespace badung::cityd {

// Photos of service requests, stored as files below a folder of the data dir.
struct MediaContext {
    const Config& config;
    std::filesystem::path folder;
};

// Registers POST /media (multipart/form-data with one file part, "media"
// by preference) and GET /media/{name}. An upload must be a JPEG, PNG or
// WebP by its bytes (else 415) of at most media_max_bytes (else 413). Its
// metadata is stripped before it is stored, and the response is 201 with
// {"media_url", "media_type", "size"}. Register before the static routes.
void register_media_routes(httplib::Server& server, MediaContext& context);

// Returns the largest request body accepted on `path`: room for a photo
// and the multipart framing on /media, max_request_bytes elsewhere.
std::size_t body_limit_for(const std::string& path, const Config& config);

} // namespace badung::cityd

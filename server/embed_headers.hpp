#pragma once

#include "server/config.hpp"

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace httplib {
class Server;
} // namespace httplib

namespace badung::cityd {

// Origins that may frame /embed while no allow-list is configured: the
// server's own pages and pages served from this machine, for development.
inline constexpr std::string_view embed_loopback_sources = "'self' http://localhost:* http://127.0.0.1:*";

// Checks one partner origin of the embed allow-list and returns it in
// canonical form: scheme and host in lower case, no trailing '/'. Accepts
// "*", and "http(s)://host[:port]" where host may start with "*." and port
// may be "*". Throws ConfigError naming the value for anything else, such as
// a path, a query or characters that would end the CSP source list.
std::string normalize_embed_origin(std::string_view origin, const std::string& where);

// The Content-Security-Policy value of /embed: `frame-ancestors` with the
// configured partner origins and 'self', or embed_loopback_sources when
// the list is empty.
std::string embed_frame_policy(const std::vector<std::string>& allow_origins);

// Serves web_root/embed.html at /embed and /embed.html (also with extra
// slashes) with the framing policy. Register before the catch-all static route.
void register_embed_routes(httplib::Server& server, const std::filesystem::path& web_root, const Config& config);

} // namespace badung::cityd

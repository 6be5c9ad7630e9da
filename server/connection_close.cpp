#include "server/connection_close.hpp"

#include <httplib.h>

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <charconv>
#include <filesystem>
#include <optional>
#include <string>

namespace badung::cityd {

namespace {

struct Endpoint {
    std::string address;
    int port = -1;
};

std::optional<Endpoint> to_endpoint(const sockaddr_storage& storage) {
    char text[INET6_ADDRSTRLEN] = {};
    if (storage.ss_family == AF_INET) {
        const auto& ipv4 = reinterpret_cast<const sockaddr_in&>(storage);
        inet_ntop(AF_INET, &ipv4.sin_addr, text, sizeof text);
        return Endpoint{text, ntohs(ipv4.sin_port)};
    }
    if (storage.ss_family == AF_INET6) {
        const auto& ipv6 = reinterpret_cast<const sockaddr_in6&>(storage);
        inet_ntop(AF_INET6, &ipv6.sin6_addr, text, sizeof text);
        return Endpoint{text, ntohs(ipv6.sin6_port)};
    }
    return std::nullopt;
}

bool same_endpoint(const std::optional<Endpoint>& endpoint, const std::string& address, int port) {
    return endpoint && endpoint->port == port && endpoint->address == address;
}

// Returns true when `fd` is a TCP socket between exactly these two endpoints.
bool socket_matches(int fd, const httplib::Request& req) {
    sockaddr_storage local{};
    sockaddr_storage peer{};
    socklen_t local_size = sizeof local;
    socklen_t peer_size = sizeof peer;
    if (getsockname(fd, reinterpret_cast<sockaddr*>(&local), &local_size) != 0 ||
        getpeername(fd, reinterpret_cast<sockaddr*>(&peer), &peer_size) != 0) {
        return false;
    }
    return same_endpoint(to_endpoint(local), req.local_addr, req.local_port) &&
           same_endpoint(to_endpoint(peer), req.remote_addr, req.remote_port);
}

std::optional<int> find_connection_socket(const httplib::Request& req) {
    std::error_code error;
    for (const auto& entry : std::filesystem::directory_iterator("/proc/self/fd", error)) {
        const std::string name = entry.path().filename().string();
        int fd = -1;
        const auto [end, ec] = std::from_chars(name.data(), name.data() + name.size(), fd);
        if (ec == std::errc{} && end == name.data() + name.size() && socket_matches(fd, req)) {
            return fd;
        }
    }
    return std::nullopt;
}

} // namespace

bool must_close_connection(const httplib::Request& req, const httplib::Response& res) {
    if (res.status < 400) {
        return false;
    }
    switch (res.status) {
    case 400:
    case 408:
    case 411:
    case 413:
    case 414:
    case 416:
    case 431:
        return true;
    default:
        return req.has_header("Content-Length") || req.has_header("Transfer-Encoding");
    }
}

bool end_connection_after_response(const httplib::Request& req) {
    if (req.remote_port <= 0) {
        return false;
    }
    const auto fd = find_connection_socket(req);
    if (!fd) {
        return false;
    }

    // The response is already in the send buffer; FIN follows it.
    shutdown(*fd, SHUT_WR);

    const int null_fd = open("/dev/null", O_RDONLY | O_CLOEXEC);
    if (null_fd < 0) {
        shutdown(*fd, SHUT_RDWR);
        return false;
    }
    const bool replaced = dup3(null_fd, *fd, O_CLOEXEC) == *fd;
    close(null_fd);
    return replaced;
}

} // namespace badung::cityd

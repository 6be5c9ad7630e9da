#include "server/request_deadline.hpp"

#include "server/log.hpp"

#include <sys/socket.h>

#include <arpa/inet.h>
#include <netinet/in.h>

#include <algorithm>
#include <charconv>
#include <filesystem>

namespace badung::cityd {

namespace {

using Clock = std::chrono::steady_clock;

constexpr auto no_deadline = Clock::time_point::max();
constexpr auto watchdog_interval = std::chrono::milliseconds(200);

} // namespace

// One accepted socket. `peer` ("address:port") distinguishes a reused
// descriptor number from the connection that had it before.
struct TrackedConnection {
    int fd = -1;
    std::string peer;
    Clock::time_point deadline = no_deadline;
    std::string path;
    const char* phase = "head";
    std::chrono::seconds limit{0};
    bool expired = false;
};

namespace {

// Worker-thread state of the connection being served.
struct WorkerState {
    std::shared_ptr<TrackedConnection> connection;
    const RequestTimeouts* timeouts = nullptr;
    std::mutex* mutex = nullptr;
    bool head_received = false;
};

thread_local WorkerState worker_state;

std::optional<std::string> peer_of(int fd) {
    sockaddr_storage peer{};
    socklen_t size = sizeof peer;
    if (getpeername(fd, reinterpret_cast<sockaddr*>(&peer), &size) != 0) {
        return std::nullopt;
    }
    char text[INET6_ADDRSTRLEN] = {};
    int port = 0;
    if (peer.ss_family == AF_INET) {
        const auto& ipv4 = reinterpret_cast<const sockaddr_in&>(peer);
        inet_ntop(AF_INET, &ipv4.sin_addr, text, sizeof text);
        port = ntohs(ipv4.sin_port);
    } else if (peer.ss_family == AF_INET6) {
        const auto& ipv6 = reinterpret_cast<const sockaddr_in6&>(peer);
        inet_ntop(AF_INET6, &ipv6.sin6_addr, text, sizeof text);
        port = ntohs(ipv6.sin6_port);
    } else {
        return std::nullopt;
    }
    return std::string(text) + ":" + std::to_string(port);
}

// Lists the descriptors of this process that are connected sockets.
std::vector<std::pair<int, std::string>> connected_sockets() {
    std::vector<std::pair<int, std::string>> sockets;
    std::error_code error;
    for (const auto& entry : std::filesystem::directory_iterator("/proc/self/fd", error)) {
        const std::string name = entry.path().filename().string();
        int fd = -1;
        const auto [end, ec] = std::from_chars(name.data(), name.data() + name.size(), fd);
        if (ec != std::errc{} || end != name.data() + name.size()) {
            continue;
        }
        if (auto peer = peer_of(fd)) {
            sockets.emplace_back(fd, std::move(*peer));
        }
    }
    return sockets;
}

// Sets the deadline of the worker's connection `limit` from now.
void arm(std::chrono::seconds limit, const char* phase, const std::string& path,
         std::chrono::seconds extra = std::chrono::seconds(0)) {
    if (!worker_state.connection) {
        return;
    }
    const std::lock_guard lock(*worker_state.mutex);
    worker_state.connection->deadline = Clock::now() + limit + extra;
    worker_state.connection->path = path;
    worker_state.connection->phase = phase;
    worker_state.connection->limit = limit;
}

void disarm() {
    if (!worker_state.connection) {
        return;
    }
    const std::lock_guard lock(*worker_state.mutex);
    worker_state.connection->deadline = no_deadline;
}

} // namespace

DeadlineTaskQueue::DeadlineTaskQueue(std::size_t threads, RequestTimeouts timeouts, TimeoutResponse timeout_response)
    : timeouts_(timeouts), timeout_response_(std::move(timeout_response)), pool_(threads),
      watchdog_([this] { watch(); }) {}

DeadlineTaskQueue::~DeadlineTaskQueue() {
    shutdown();
}

void DeadlineTaskQueue::enqueue(std::function<void()> task) {
    auto connection = track_newest_socket();
    pool_.enqueue([this, connection, task = std::move(task)] {
        worker_state = WorkerState{connection, &timeouts_, &mutex_, false};
        arm(timeouts_.head, "head", "");
        task();
        forget(connection);
        worker_state = WorkerState{};
    });
}

void DeadlineTaskQueue::shutdown() {
    // The library calls shutdown() before it deletes the queue, and a
    // second join of the pool's threads would throw.
    if (shut_down_) {
        return;
    }
    shut_down_ = true;

    // The workers may wait on slow clients, and only the watchdog ends
    // those waits, so it stops after the pool.
    pool_.shutdown();
    {
        const std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    stop_requested_.notify_all();
    if (watchdog_.joinable()) {
        watchdog_.join();
    }
}

std::shared_ptr<TrackedConnection> DeadlineTaskQueue::track_newest_socket() {
    const auto sockets = connected_sockets();

    const std::lock_guard lock(mutex_);
    std::vector<std::pair<int, std::string>> untracked;
    for (const auto& socket : sockets) {
        const bool tracked = std::any_of(connections_.begin(), connections_.end(), [&socket](const auto& known) {
            return known->fd == socket.first && known->peer == socket.second;
        });
        if (!tracked) {
            untracked.push_back(socket);
        }
    }
    if (untracked.size() != 1) {
        // NOTE: this happens only when another part of the process opens a
        // connected socket. The connection is then served without deadlines.
        log_event("request_deadline_untracked", {{"candidate_sockets", std::to_string(untracked.size())}});
        return nullptr;
    }

    auto connection = std::make_shared<TrackedConnection>();
    connection->fd = untracked.front().first;
    connection->peer = untracked.front().second;
    connections_.push_back(connection);
    return connection;
}

void DeadlineTaskQueue::forget(const std::shared_ptr<TrackedConnection>& connection) {
    if (!connection) {
        return;
    }
    const std::lock_guard lock(mutex_);
    connections_.erase(std::remove(connections_.begin(), connections_.end(), connection), connections_.end());
}

void DeadlineTaskQueue::watch() {
    std::unique_lock lock(mutex_);
    while (!stop_requested_.wait_for(lock, watchdog_interval, [this] { return stopping_; })) {
        const auto now = Clock::now();
        for (const auto& connection : connections_) {
            if (connection->expired || connection->deadline > now) {
                continue;
            }
            // The worker removes its entry only after the library closed the
            // socket, so check that the descriptor still has this peer.
            if (peer_of(connection->fd) != connection->peer) {
                continue;
            }
            end_late_request(*connection);
        }
    }
}

void DeadlineTaskQueue::end_late_request(TrackedConnection& connection) {
    const std::string description = "the request " + std::string(connection.phase) + " was not received within " +
                                    std::to_string(connection.limit.count()) + " s; send the whole request at once";

    // The worker is still waiting for the client and writes nothing until
    // its read fails, so this response cannot interleave with another. The
    // library sees the socket shut down and drops its own answer.
    const std::string response = timeout_response_(connection.path, description);
    if (!response.empty()) {
        ::send(connection.fd, response.data(), response.size(), MSG_NOSIGNAL | MSG_DONTWAIT);
    }
    ::shutdown(connection.fd, SHUT_RDWR);
    connection.expired = true;

    log_event("request_failed", {{"client", connection.peer},
                                 {"path", connection.path},
                                 {"status", "408"},
                                 {"reason", description}});
}

void note_request_head_received(const std::string& path, bool has_body) {
    worker_state.head_received = true;
    if (has_body && worker_state.timeouts != nullptr) {
        arm(worker_state.timeouts->body, "body", path);
    } else {
        disarm();
    }
}

void note_request_read() {
    disarm();
}

void note_response_sent() {
    worker_state.head_received = false;
    if (worker_state.timeouts != nullptr) {
        arm(worker_state.timeouts->head, "head", "", worker_state.timeouts->keep_alive);
    }
}

bool request_timed_out() {
    if (!worker_state.connection) {
        return false;
    }
    const std::lock_guard lock(*worker_state.mutex);
    return worker_state.connection->expired;
}

bool request_head_received() {
    return worker_state.head_received;
}

} // namespace badung::cityd

#pragma once

#include <httplib.h>

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

namespace badung::cityd {

// Time limits for receiving one request on a connection. cpp-httplib 0.11.4
// only limits each single read (5 s), so a client that sends one header
// line a second would otherwise hold a worker thread for as long as it likes.
struct RequestTimeouts {
    // From the start of a request (or, on a keep-alive connection, from the
    // end of the previous response plus the keep-alive wait) to the blank
    // line after its headers.
    std::chrono::seconds head{10};

    // From the end of the headers to the last byte of the body.
    std::chrono::seconds body{60};

    // Idle time allowed between requests on a keep-alive connection.
    std::chrono::seconds keep_alive{5};
};

struct TrackedConnection;

// Builds the whole HTTP 408 response for a request path (empty when the
// request line may not have been read) and an error description. An empty
// result closes the connection without a response.
using TimeoutResponse = std::function<std::string(const std::string& path, const std::string& description)>;

// A cpp-httplib task queue that serves each accepted connection on a pool of
// worker threads and enforces RequestTimeouts. A watchdog thread sends 408 to
// a connection that misses its deadline and shuts the socket down, so the
// worker's pending read ends at once and the worker moves on.
class DeadlineTaskQueue : public httplib::TaskQueue {
public:
    DeadlineTaskQueue(std::size_t threads, RequestTimeouts timeouts, TimeoutResponse timeout_response);
    ~DeadlineTaskQueue() override;

    DeadlineTaskQueue(const DeadlineTaskQueue&) = delete;
    DeadlineTaskQueue& operator=(const DeadlineTaskQueue&) = delete;

    // Called by the library on its accept thread right after accept(), so
    // the newest untracked connected socket is the one this task serves.
    void enqueue(std::function<void()> task) override;
    void shutdown() override;

private:
    std::shared_ptr<TrackedConnection> track_newest_socket();
    void forget(const std::shared_ptr<TrackedConnection>& connection);
    void watch();
    void end_late_request(TrackedConnection& connection);

    RequestTimeouts timeouts_;
    TimeoutResponse timeout_response_;
    httplib::ThreadPool pool_;
    std::mutex mutex_;
    std::condition_variable stop_requested_;
    bool stopping_ = false;
    bool shut_down_ = false;
    std::vector<std::shared_ptr<TrackedConnection>> connections_;
    std::thread watchdog_;
};

// Steps of the request on the calling worker thread, called from the
// server's handlers. Each is a no-op outside a DeadlineTaskQueue task.

// The headers of a request for `path` were read: the body deadline starts,
// or none runs when the request has no body.
void note_request_head_received(const std::string& path, bool has_body);

// The request was read and handled, so the response is being written.
void note_request_read();

// The response was written: the next request on this connection gets the
// keep-alive wait plus the head deadline.
void note_response_sent();

// Returns whether the watchdog already sent 408 on the current connection
// and logged it, so the library's own failed response needs no log line.
bool request_timed_out();

// Returns whether the headers of the current request were read, which
// distinguishes a failed header read from a failed body read.
bool request_head_received();

} // namespace badung::cityd

// Slow clients against the per-request deadlines, over raw loopback sockets
// that send their request a little at a time.
#include "report_test_support.hpp"

#include <catch2/catch.hpp>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <cstdint>
#include <string>
#include <thread>
#include <vector>

using namespace badung::cityd::test;

namespace {

using namespace std::chrono_literals;

// Sends `head` and then one `drip` every 300 ms, for at most 40 s, until the
// server responds or closes. Returns what the server sent. Free of Catch2
// macros, because it runs on its own thread.
std::string send_slowly(int port, const std::string& head, const std::string& drip) {
    const int fd = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(static_cast<std::uint16_t>(port));
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (fd < 0 || connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0) {
        return "connect failed";
    }

    std::string received;
    send(fd, head.data(), head.size(), MSG_NOSIGNAL);
    for (int step = 0; step < 133; ++step) {
        pollfd entry{fd, POLLIN, 0};
        if (poll(&entry, 1, 300) > 0) {
            char buffer[4096];
            ssize_t count = 0;
            while ((count = recv(fd, buffer, sizeof buffer, 0)) > 0) {
                received.append(buffer, static_cast<std::size_t>(count));
            }
            break;
        }
        if (send(fd, drip.data(), drip.size(), MSG_NOSIGNAL) < 0) {
            break;
        }
    }
    close(fd);
    return received;
}

// Starts `count` slow senders and returns their threads. Each writes its
// result into `results`.
std::vector<std::thread> start_slow_clients(int port, std::size_t count, const std::string& head,
                                            const std::string& drip, std::vector<std::string>& results) {
    results.assign(count, "");
    std::vector<std::thread> threads;
    for (std::size_t i = 0; i < count; ++i) {
        threads.emplace_back([port, head, drip, &results, i] { results[i] = send_slowly(port, head, drip); });
    }
    return threads;
}

} // namespace

TEST_CASE("slow request heads do not stall others", "[timeouts]") {
    TempDir dir;
    CitydOptions options;
    options.config = write_config(dir.path(), "threads = 2\nrequest_head_timeout = 1s");
    CitydProcess server(options);

    // Four clients for two worker threads: without a deadline they would
    // hold both threads for 40 s.
    std::vector<std::string> results;
    auto slow = start_slow_clients(server.port(), 4, "GET /collections HTTP/1.1\r\nHost: x\r\n", "X-a: b\r\n",
                                   results);
    std::this_thread::sleep_for(500ms);

    httplib::Client client("127.0.0.1", server.port());
    client.set_read_timeout(20s);
    const auto res = client.Get("/conformance");
    for (auto& thread : slow) {
        thread.join();
    }

    REQUIRE(res);
    CHECK(res->status == 200);
    for (const auto& result : results) {
        INFO(result);
        CHECK(raw_status(result) == 408);
        CHECK(result.find("\"RequestTimeout\"") != std::string::npos);
        CHECK(result.find("request head was not received within 1 s") != std::string::npos);
    }
    CHECK(server.wait_for_output("status=408 reason=\"the request head was not received within 1 s"));
    // The library's failed read after the 408 is not logged a second time.
    CHECK(server.output().find("request line or headers could not be read") == std::string::npos);
}

TEST_CASE("slow request body gets 408", "[timeouts]") {
    TempDir dir;
    CitydOptions options;
    options.config = write_config(dir.path(), "threads = 2\nrequest_body_timeout = 1s");
    CitydProcess server(options);

    std::vector<std::string> results;
    auto slow = start_slow_clients(server.port(), 3,
                                   "POST /open311/v2/requests.json HTTP/1.1\r\nHost: x\r\n"
                                   "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 500\r\n\r\n",
                                   "a", results);
    std::this_thread::sleep_for(500ms);

    httplib::Client client("127.0.0.1", server.port());
    client.set_read_timeout(20s);
    const auto res = client.Get("/open311/v2/services.json");
    for (auto& thread : slow) {
        thread.join();
    }

    REQUIRE(res);
    CHECK(res->status == 200);
    for (const auto& result : results) {
        INFO(result);
        CHECK(raw_status(result) == 408);
        CHECK(result.find("[{\"code\":408,") != std::string::npos);
        CHECK(result.find("request body was not received within 1 s") != std::string::npos);
    }
}

TEST_CASE("request timeouts are read from the config", "[timeouts]") {
    TempDir dir;
    const auto [status, output] = run_cityd_to_exit(
        {"--web-root", fixture_web_root().string(), "--data-root", fixture_data_root().string(), "--data-dir",
         dir.path().string(), "--port", "0", "--config", write_config(dir.path(), "request_head_timeout = 10").string()});
    CHECK(status == 1);
    CHECK(output.find("'10' is not a duration") != std::string::npos);
}

// A client that stops sending gets the same 408 as one that trickles. The
// limits are above cpp-httplib's default single-read wait of 5 s, which used
// to end these reads first with a 400.
TEST_CASE("stalled request head gets 408", "[timeouts]") {
    TempDir dir;
    CitydOptions options;
    options.config = write_config(dir.path(), "request_head_timeout = 6s");
    CitydProcess server(options);

    const std::string response = raw_http(server.port(), "GET /collections HTTP/1.1\r\nHost: x\r\n");

    INFO(response);
    CHECK(raw_status(response) == 408);
    CHECK(response.find("\"RequestTimeout\"") != std::string::npos);
    CHECK(response.find("request head was not received within 6 s") != std::string::npos);
    CHECK(server.wait_for_output("status=408 reason=\"the request head was not received within 6 s"));
    CHECK(server.output().find("request line or headers could not be read") == std::string::npos);
}

TEST_CASE("stalled request body gets 408", "[timeouts]") {
    TempDir dir;
    CitydOptions options;
    options.config = write_config(dir.path(), "request_body_timeout = 6s");
    CitydProcess server(options);

    const std::string response = raw_http(server.port(),
                                          "POST /open311/v2/requests.json HTTP/1.1\r\nHost: x\r\n"
                                          "Content-Type: application/x-www-form-urlencoded\r\n"
                                          "Content-Length: 500\r\n\r\nservice_code=JLN-01");

    INFO(response);
    CHECK(raw_status(response) == 408);
    CHECK(response.find("[{\"code\":408,") != std::string::npos);
    CHECK(response.find("request body was not received within 6 s") != std::string::npos);
}

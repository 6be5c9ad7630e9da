// Error responses that must close the connection, sent over raw sockets so
// the test sees exactly what the server writes and when it closes.
#include "tests/server/cityd_process.hpp"

#include <catch2/catch.hpp>
#include <httplib.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

using namespace badung::cityd::test;

namespace {

int count_status_lines(const std::string& response) {
    int count = 0;
    for (auto at = response.find("HTTP/1.1 "); at != std::string::npos; at = response.find("HTTP/1.1 ", at + 1)) {
        ++count;
    }
    return count;
}

// A loopback TCP connection that sends and reads in separate steps, so a
// second request goes out only after the first response arrived.
class RawConnection {
public:
    explicit RawConnection(int port) : fd_(socket(AF_INET, SOCK_STREAM, 0)) {
        REQUIRE(fd_ >= 0);
        sockaddr_in address{};
        address.sin_family = AF_INET;
        address.sin_port = htons(static_cast<std::uint16_t>(port));
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        REQUIRE(connect(fd_, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0);
    }
    ~RawConnection() { close(fd_); }
    RawConnection(const RawConnection&) = delete;
    RawConnection& operator=(const RawConnection&) = delete;

    // Returns false when the peer already closed or reset the connection.
    bool send_text(const std::string& text) {
        return send(fd_, text.data(), text.size(), MSG_NOSIGNAL) == static_cast<ssize_t>(text.size());
    }

    // Reads until the peer closes or nothing arrives for `quiet_ms`.
    std::string read_until_quiet(int quiet_ms) {
        std::string text;
        char buffer[4096];
        pollfd entry{fd_, POLLIN, 0};
        while (poll(&entry, 1, quiet_ms) > 0) {
            const ssize_t count = recv(fd_, buffer, sizeof buffer, 0);
            if (count <= 0) {
                closed_ = true;
                break;
            }
            text.append(buffer, static_cast<std::size_t>(count));
        }
        return text;
    }

    bool closed() const noexcept { return closed_; }

private:
    int fd_;
    bool closed_ = false;
};

} // namespace

TEST_CASE("declared huge body is rejected at once", "[connection]") {
    CitydProcess server;
    const std::string smuggled = "GET /collections HTTP/1.1\r\nHost: x\r\n\r\n";

    const auto start = std::chrono::steady_clock::now();
    const std::string response = raw_http(server.port(), "POST /open311/v2/requests.json HTTP/1.1\r\nHost: x\r\n"
                                                         "Content-Type: application/x-www-form-urlencoded\r\n"
                                                         "Content-Length: 100000000\r\n\r\n" +
                                                             smuggled);
    const auto elapsed = std::chrono::steady_clock::now() - start;

    INFO(response);
    CHECK(raw_status(response) == 413);
    CHECK(elapsed < std::chrono::seconds(2));
    CHECK(count_status_lines(response) == 1);
    CHECK(response.find("Connection: close") != std::string::npos);
    const auto body = parse_json(raw_body(response));
    REQUIRE(body.IsArray());
    CHECK(body[0]["code"].GetInt() == 413);
    CHECK(std::string(body[0]["description"].GetString()).find("100000000") != std::string::npos);
}

TEST_CASE("declared huge body elsewhere gets OGC error", "[connection]") {
    CitydProcess server;
    const std::string response =
        raw_http(server.port(), "POST /collections HTTP/1.1\r\nHost: x\r\nContent-Length: 100000000\r\n\r\n");

    INFO(response);
    CHECK(raw_status(response) == 413);
    const auto body = parse_json(raw_body(response));
    REQUIRE(body.IsObject());
    CHECK(std::string(body["code"].GetString()) == "PayloadTooLarge");
}

TEST_CASE("leftover body after 413 is never a request", "[connection]") {
    CitydProcess server;
    RawConnection connection(server.port());
    // 300000 bytes declared (above the shipped 262144 limit) but only the
    // headers sent; the "body" that follows is a complete request.
    REQUIRE(connection.send_text("POST /open311/v2/requests.json HTTP/1.1\r\nHost: x\r\n"
                                 "Content-Length: 300000\r\n\r\n"));
    const std::string first = connection.read_until_quiet(2000);
    INFO(first);
    CHECK(raw_status(first) == 413);

    connection.send_text("GET /collections HTTP/1.1\r\nHost: x\r\n\r\n");
    const std::string rest = connection.read_until_quiet(2000);
    CHECK(rest.find("HTTP/1.1") == std::string::npos);
    CHECK(connection.closed());
}

TEST_CASE("error on request with body closes connection", "[connection]") {
    CitydProcess server;
    RawConnection connection(server.port());
    REQUIRE(connection.send_text("POST /open311/v2/requests.json HTTP/1.1\r\nHost: x\r\n"
                                 "Content-Type: text/plain\r\nContent-Length: 3\r\n\r\nabc"));
    const std::string first = connection.read_until_quiet(2000);
    INFO(first);
    CHECK(raw_status(first) == 415);

    connection.send_text("GET /collections HTTP/1.1\r\nHost: x\r\n\r\n");
    CHECK(connection.read_until_quiet(2000).find("HTTP/1.1") == std::string::npos);
    CHECK(connection.closed());
}

TEST_CASE("invalid Content-Length gets 400", "[connection]") {
    CitydProcess server;
    const std::string response =
        raw_http(server.port(), "POST /open311/v2/requests.json HTTP/1.1\r\nHost: x\r\nContent-Length: ten\r\n\r\n");

    INFO(response);
    CHECK(raw_status(response) == 400);
    const auto body = parse_json(raw_body(response));
    REQUIRE(body.IsArray());
    CHECK(std::string(body[0]["description"].GetString()).find("'ten'") != std::string::npos);
}

TEST_CASE("keep-alive still works after success", "[connection]") {
    CitydProcess server;
    RawConnection connection(server.port());
    REQUIRE(connection.send_text("GET /collections HTTP/1.1\r\nHost: x\r\n\r\n"));
    CHECK(raw_status(connection.read_until_quiet(1000)) == 200);

    REQUIRE(connection.send_text("GET /collections HTTP/1.1\r\nHost: x\r\n\r\n"));
    CHECK(raw_status(connection.read_until_quiet(1000)) == 200);
    CHECK_FALSE(connection.closed());
}

TEST_CASE("Open311 wrong addresses get array errors", "[connection]") {
    CitydProcess server;
    const struct {
        const char* path;
        const char* expected;
    } cases[] = {
        {"/open311/v2/requests/BDG-1", "use /open311/v2/requests/BDG-1.json"},
        {"/open311/v2/services.xml", "only JSON is, so use /open311/v2/services.json"},
        {"/open311/v2/requests.xml", "use /open311/v2/requests.json"},
        {"/open311/v2/nope", "no Open311 resource at '/open311/v2/nope'"},
    };
    for (const auto& test : cases) {
        INFO(test.path);
        const std::string response = raw_http(
            server.port(), std::string("GET ") + test.path + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
        CHECK(raw_status(response) == 404);
        const auto body = parse_json(raw_body(response));
        REQUIRE(body.IsArray());
        CHECK(body[0]["code"].GetInt() == 404);
        CHECK(std::string(body[0]["description"].GetString()).find(test.expected) != std::string::npos);
    }
}

TEST_CASE("PUT and DELETE get 405 with Allow", "[connection]") {
    CitydProcess server;
    for (const std::string method : {"PUT", "DELETE"}) {
        INFO(method);
        const std::string requests = raw_http(server.port(), method + " /open311/v2/requests.json HTTP/1.1\r\nHost: x\r\n"
                                                                      "Content-Length: 0\r\n\r\n");
        CHECK(raw_status(requests) == 405);
        CHECK(requests.find("Allow: GET, HEAD, POST, OPTIONS\r\n") != std::string::npos);
        CHECK(parse_json(raw_body(requests)).IsArray());

        const std::string collections =
            raw_http(server.port(), method + " /collections HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n");
        CHECK(raw_status(collections) == 405);
        CHECK(collections.find("Allow: GET, HEAD, OPTIONS\r\n") != std::string::npos);
        CHECK(std::string(parse_json(raw_body(collections))["code"].GetString()) == "MethodNotAllowed");
    }
}

TEST_CASE("unknown methods get 405 with Allow", "[connection]") {
    CitydProcess server;
    const std::string collections =
        raw_http(server.port(), "PROPFIND /collections?f=json HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    INFO(collections);
    CHECK(raw_status(collections) == 405);
    CHECK(collections.find("Allow: GET, HEAD, OPTIONS\r\n") != std::string::npos);
    const auto body = parse_json(raw_body(collections));
    REQUIRE(body.IsObject());
    CHECK(std::string(body["code"].GetString()) == "MethodNotAllowed");
    CHECK(std::string(body["description"].GetString()) ==
          "method PROPFIND is not allowed on /collections; use GET, HEAD, OPTIONS");

    const std::string requests = raw_http(server.port(), "MKCOL /open311/v2/requests.json HTTP/1.1\r\nHost: x\r\n\r\n");
    INFO(requests);
    CHECK(raw_status(requests) == 405);
    CHECK(requests.find("Allow: GET, HEAD, POST, OPTIONS\r\n") != std::string::npos);
    const auto open311_body = parse_json(raw_body(requests));
    REQUIRE(open311_body.IsArray());
    CHECK(open311_body[0]["code"].GetInt() == 405);

    // A request line that is no HTTP at all stays a 400.
    const std::string not_http = raw_http(server.port(), "PROPFIND nothing\r\n\r\n");
    CHECK(raw_status(not_http) == 400);
}

TEST_CASE("library errors say what to do", "[connection]") {
    CitydProcess server;
    const std::string long_uri =
        raw_http(server.port(), "GET /collections?x=" + std::string(9000, 'a') + " HTTP/1.1\r\nHost: x\r\n\r\n");
    CHECK(raw_status(long_uri) == 414);
    const auto long_uri_body = parse_json(raw_body(long_uri));
    CHECK(std::string(long_uri_body["code"].GetString()) == "URITooLong");
    CHECK(std::string(long_uri_body["description"].GetString()).find("shorten the query") != std::string::npos);

    const std::string bad_range =
        raw_http(server.port(), "GET /app.js HTTP/1.1\r\nHost: x\r\nRange: bytes=z\r\n\r\n");
    CHECK(raw_status(bad_range) == 416);
    CHECK(std::string(parse_json(raw_body(bad_range))["code"].GetString()) == "RangeNotSatisfiable");

    const std::string unreadable = raw_http(server.port(), "GARBAGE\r\n\r\n");
    CHECK(raw_status(unreadable) == 400);
    CHECK(std::string(parse_json(raw_body(unreadable))["description"].GetString()).find("valid HTTP/1.1") !=
          std::string::npos);
}

TEST_CASE("out-of-range parameters get 400", "[connection]") {
    CitydProcess server;
    const std::string huge_offset =
        raw_http(server.port(), "GET /collections/fasilitas/items?offset=18446744073709551615 HTTP/1.1\r\n"
                                "Host: x\r\nConnection: close\r\n\r\n");
    INFO(huge_offset);
    CHECK(raw_status(huge_offset) == 400);
    CHECK(huge_offset.find("from 0 to 1000000000") != std::string::npos);
    CHECK(huge_offset.find("Connection: close\r\nConnection: close") == std::string::npos);

    const std::string bogus_status = raw_http(server.port(), "GET /open311/v2/requests.json?status=bogus HTTP/1.1\r\n"
                                                             "Host: x\r\nConnection: close\r\n\r\n");
    CHECK(raw_status(bogus_status) == 400);
    const auto status_body = parse_json(raw_body(bogus_status));
    REQUIRE(status_body.IsArray());
    CHECK(std::string(status_body[0]["description"].GetString()).find("use open or closed") != std::string::npos);
}

TEST_CASE("GET-only routes get 405 for other methods", "[connection]") {
    CitydProcess server;
    const std::vector<std::string> requests = {
        "POST /tiles/badung/14/13440/8600.mvt HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
        "PATCH /collections/fasilitas/items HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
        "POST /collections HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n",
        "POST /collections HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nx=1&y",
        "POST /conformance HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
    };
    for (const auto& request : requests) {
        INFO(request);
        const std::string response = raw_http(server.port(), request);
        CHECK(raw_status(response) == 405);
        CHECK(response.find("Allow: GET, HEAD, OPTIONS\r\n") != std::string::npos);
        const auto body = parse_json(raw_body(response));
        REQUIRE(body.IsObject());
        CHECK(std::string(body["code"].GetString()) == "MethodNotAllowed");
    }

    const std::string open311 =
        raw_http(server.port(), "POST /open311/v2/services.json HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    CHECK(raw_status(open311) == 405);
    const auto open311_body = parse_json(raw_body(open311));
    REQUIRE(open311_body.IsArray());
    CHECK(open311_body[0]["code"].GetInt() == 405);
}

TEST_CASE("unreadable body is named as the body", "[connection]") {
    CitydProcess server;
    const std::string multipart = raw_http(server.port(),
                                           "POST /media HTTP/1.1\r\nHost: x\r\n"
                                           "Content-Type: multipart/form-data; boundary=zzz\r\n"
                                           "Content-Length: 7\r\n\r\ngarbage");
    INFO(multipart);
    CHECK(raw_status(multipart) == 400);
    const auto body = parse_json(raw_body(multipart));
    REQUIRE(body.IsArray());
    const std::string description = body[0]["description"].GetString();
    CHECK(description.find("multipart/form-data body is malformed") != std::string::npos);
    CHECK(description.find("request line or headers") == std::string::npos);
}

TEST_CASE("failed requests log their reason under gzip", "[connection]") {
    CitydProcess server;
    httplib::Client client("127.0.0.1", server.port());
    client.set_decompress(false);
    const httplib::Headers gzip = {{"Accept-Encoding", "gzip, deflate"}};

    const auto missing = client.Get("/collections/fasilitas/items/tidak-ada", gzip);
    REQUIRE(missing);
    CHECK(missing->status == 404);
    CHECK(missing->get_header_value("Content-Encoding") == "gzip");
    REQUIRE(server.wait_for_output("path=/collections/fasilitas/items/tidak-ada status=404 reason=\"feature 'tidak-ada' does not exist"));

    const auto outside = client.Post("/open311/v2/requests.json", gzip,
                                     "service_code=JLN-01&lat=-6.2&long=106.8&description=x",
                                     "application/x-www-form-urlencoded");
    REQUIRE(outside);
    CHECK(outside->status == 400);
    CHECK(server.wait_for_output("status=400 reason=\"lat -6.2, long 106.8 is outside"));
    CHECK(server.output().find("reason=\"\"") == std::string::npos);
}

// Request bodies with a Content-Encoding. The server inflates gzip reports
// itself and rejects codings that no route decodes with 415.
#include "report_test_support.hpp"

#include "server/gzip_body.hpp"

#include <catch2/catch.hpp>

using namespace badung::cityd;
using namespace badung::cityd::test;

namespace {

const char* const requests_path = "/open311/v2/requests.json";

const std::string kuta_report = "service_code=JLN-01&lat=-8.7177&long=115.1691"
                                "&description=Jalan+berlubang+di+depan+balai+banjar+dekat+pura+desa";

std::string gzipped(const std::string& text) {
    const auto compressed = gzip_compress(text);
    REQUIRE(compressed);
    return *compressed;
}

httplib::Result post_encoded(httplib::Client& client, const std::string& path, const std::string& body,
                             const std::string& coding, const char* type = form_type) {
    return client.Post(path.c_str(), {{"Content-Encoding", coding}}, body, type);
}

int count_requests(const CitydProcess& server) {
    return std::stoi(query_database(server.database(), "SELECT COUNT(*) FROM service_requests").at(0));
}

} // namespace

TEST_CASE("gzip report body is decoded", "[open311][encoding]") {
    CitydProcess server;
    httplib::Client client("127.0.0.1", server.port());

    for (const char* coding : {"gzip", "GZIP", "x-gzip"}) {
        INFO(coding);
        const auto res = post_encoded(client, requests_path, gzipped(kuta_report), coding);
        REQUIRE(res);
        INFO(res->body);
        CHECK(res->status == 201);
    }
    const auto descriptions = query_database(server.database(), "SELECT description FROM service_requests");
    REQUIRE(descriptions.size() == 3);
    CHECK(descriptions[0] == "Jalan berlubang di depan balai banjar dekat pura desa");

    const auto plain = post_encoded(client, requests_path, kuta_report, "identity");
    REQUIRE(plain);
    CHECK(plain->status == 201);
}

// A cut-short stream inflates to a valid prefix of the form, which would
// store a report with part of its description.
TEST_CASE("truncated gzip report body gets 400", "[open311][encoding]") {
    CitydProcess server;
    httplib::Client client("127.0.0.1", server.port());

    const std::string whole = gzipped(kuta_report);
    for (const std::size_t length : {std::size_t{12}, whole.size() / 2, whole.size() - 4, whole.size() - 1}) {
        INFO("first " << length << " of " << whole.size() << " bytes");
        check_open311_error(post_encoded(client, requests_path, whole.substr(0, length), "gzip"), 400,
                            "gzip body (Content-Encoding: gzip) is cut short or corrupt");
    }
    check_open311_error(post_encoded(client, requests_path, kuta_report, "gzip"), 400,
                        "send the body uncompressed without Content-Encoding");
    check_open311_error(post_encoded(client, requests_path, whole + "extra", "gzip"), 400, "cut short or corrupt");
    CHECK(count_requests(server) == 0);
}

TEST_CASE("gzip report inflating past the limit gets 413", "[open311][encoding]") {
    CitydProcess server;
    httplib::Client client("127.0.0.1", server.port());

    const std::string form = kuta_report + "&address_string=" + std::string(300 * 1024, 'a');
    const std::string bomb = gzipped(form);
    REQUIRE(bomb.size() < 4096);
    check_open311_error(post_encoded(client, requests_path, bomb, "gzip"), 413,
                        "larger than 262144 bytes after gzip decoding");
    CHECK(count_requests(server) == 0);
}

TEST_CASE("undecoded content coding gets 415", "[open311][encoding]") {
    CitydProcess server;
    httplib::Client client("127.0.0.1", server.port());

    for (const char* coding : {"br", "zstd", "deflate", "compress", "gzip, br"}) {
        INFO(coding);
        const auto res = post_encoded(client, requests_path, kuta_report, coding);
        check_open311_error(res, 415, std::string("Content-Encoding '") + coding + "' is not supported");
        check_open311_error(res, 415, "compressed with Content-Encoding: gzip");
    }

    const auto media = client.Post("/media", {{"Content-Encoding", "gzip"}},
                                   httplib::MultipartFormDataItems{{"media", "photo", "foto.png", "image/png"}});
    check_open311_error(media, 415, "Content-Encoding 'gzip' is not supported on /media");
    check_open311_error(media, 415, "send the body uncompressed, without Content-Encoding");

    const auto staff = post_encoded(client, "/open311/v2/requests/BDG-1/status.json", gzipped("status=closed"),
                                    "gzip");
    check_open311_error(staff, 415, "Content-Encoding 'gzip' is not supported");
    CHECK(count_requests(server) == 0);
}

#include "cityd_process.hpp"

#include "server/config.hpp"
#include "server/embed_headers.hpp"

#include <catch2/catch.hpp>
#include <httplib.h>

#include <fstream>

using namespace badung::cityd;
using namespace badung::cityd::test;

namespace {

// A config file in `dir` with the shipped services and the given extra lines.
std::filesystem::path write_config(const TempDir& dir, const std::string& lines) {
    const auto config = dir.path() / "cityd.conf";
    std::ofstream(config) << lines << "\nservices_file = "
                          << (shipped_config().parent_path() / "services.json").string() << "\n";
    return config;
}

// The response's Content-Security-Policy header that sets frame-ancestors,
// or "" when none does. Other headers may carry further policies.
std::string frame_policy_of(const httplib::Response& res) {
    const auto [first, last] = res.headers.equal_range("Content-Security-Policy");
    for (auto it = first; it != last; ++it) {
        if (it->second.find("frame-ancestors") != std::string::npos) {
            return it->second;
        }
    }
    return "";
}

} // namespace

TEST_CASE("embed origins are normalized", "[embed]") {
    const Config config =
        parse_config("embed_allow_origins = HTTPS://Sekolah.Contoh.ID/, http://127.0.0.1:8000, https://*.badung.id\n",
                     "test.conf");
    CHECK(config.embed_allow_origins ==
          std::vector<std::string>{"https://sekolah.contoh.id", "http://127.0.0.1:8000", "https://*.badung.id"});
}

TEST_CASE("embed origins reject paths and CSP syntax", "[embed]") {
    const char* invalid[] = {
        "https://sekolah.contoh.id/peta", "ftp://sekolah.contoh.id", "sekolah.contoh.id",
        "https://a.id;script-src *",     "https://a.id:80a",        "https://",
        "'self'",                        "https://a..id:8080/x",
        "https://a..id",                 "http://localhost:99999",  "http://localhost:0",
    };
    for (const char* origin : invalid) {
        INFO("origin " << origin);
        try {
            parse_config(std::string("embed_allow_origins = ") + origin + "\n", "test.conf");
            FAIL("no ConfigError");
        } catch (const ConfigError& error) {
            const std::string message = error.what();
            CHECK(message.find("test.conf:1") != std::string::npos);
            CHECK(message.find("is not an origin") != std::string::npos);
        }
    }
}

TEST_CASE("embed frame policy lists partners", "[embed]") {
    CHECK(embed_frame_policy({}) == "frame-ancestors 'self' http://localhost:* http://127.0.0.1:*");
    CHECK(embed_frame_policy({"https://a.id", "https://b.id:8443"}) ==
          "frame-ancestors 'self' https://a.id https://b.id:8443");
    CHECK(embed_frame_policy({"https://a.id", "*"}) == "frame-ancestors *");
}

TEST_CASE("embed page carries partner frame-ancestors", "[embed]") {
    TempDir dir;
    CitydOptions options;
    options.config = write_config(dir, "embed_allow_origins = https://sekolah.contoh.id, http://127.0.0.1:9000");
    CitydProcess server(options);
    httplib::Client client("127.0.0.1", server.port());

    // The static route would also find the page under extra slashes.
    for (const char* path : {"/embed", "/embed.html", "//embed.html", "/embed.html/", "//embed"}) {
        INFO("path " << path);
        const auto res = client.Get(path);
        REQUIRE(res);
        CHECK(res->status == 200);
        CHECK(res->get_header_value("Content-Type") == "text/html; charset=utf-8");
        CHECK(frame_policy_of(*res) == "frame-ancestors 'self' https://sekolah.contoh.id http://127.0.0.1:9000");
        CHECK(res->body.find("embed fixture") != std::string::npos);
        CHECK_FALSE(res->has_header("X-Frame-Options"));
    }

    const auto query = client.Get("/embed?origin=https%3A%2F%2Fsekolah.contoh.id&zoom=12");
    REQUIRE(query);
    CHECK(query->status == 200);
    CHECK(frame_policy_of(*query).find("https://sekolah.contoh.id") != std::string::npos);

    const auto app = client.Get("/index.html");
    REQUIRE(app);
    CHECK(frame_policy_of(*app).find("sekolah.contoh.id") == std::string::npos);
}

TEST_CASE("embed page defaults to loopback framing", "[embed]") {
    CitydProcess server;
    httplib::Client client("127.0.0.1", server.port());

    const auto res = client.Get("/embed");
    REQUIRE(res);
    CHECK(res->status == 200);
    CHECK(frame_policy_of(*res) == "frame-ancestors 'self' http://localhost:* http://127.0.0.1:*");
    CHECK(server.wait_for_output("embed_loopback_only"));
}

TEST_CASE("embed origin typo stops the server", "[embed]") {
    TempDir dir;
    const auto config = write_config(dir, "embed_allow_origins = https://sekolah.contoh.id/peta");
    const auto [status, output] = run_cityd_to_exit({"--web-root", fixture_web_root().string(), "--data-root",
                                                     fixture_data_root().string(), "--config", config.string(),
                                                     "--port", "0", "--data-dir", dir.path().string()});
    CHECK(status != 0);
    CHECK(output.find("https://sekolah.contoh.id/peta") != std::string::npos);
}

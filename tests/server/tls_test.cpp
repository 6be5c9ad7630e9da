// HTTPS with --tls-cert/--tls-key, using a self-signed certificate made here
// with the OpenSSL API for 127.0.0.1.
#include "cityd_process.hpp"

#include <catch2/catch.hpp>
#include <httplib.h>
#include <openssl/ec.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509v3.h>
#include <sqlite3.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <fstream>
#include <memory>
#include <string>

using namespace badung::cityd::test;

namespace {

using Key = std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)>;

Key make_key() {
    return Key(EVP_EC_gen("P-256"), EVP_PKEY_free);
}

// Writes a self-signed certificate for 127.0.0.1 and its key as PEM files.
void write_self_signed(const Key& key, const std::filesystem::path& cert_file,
                       const std::filesystem::path& key_file) {
    std::unique_ptr<X509, decltype(&X509_free)> cert(X509_new(), X509_free);
    X509_set_version(cert.get(), 2);
    ASN1_INTEGER_set(X509_get_serialNumber(cert.get()), 1);
    X509_gmtime_adj(X509_getm_notBefore(cert.get()), -60);
    X509_gmtime_adj(X509_getm_notAfter(cert.get()), 3600);
    X509_set_pubkey(cert.get(), key.get());
    X509_NAME* name = X509_get_subject_name(cert.get());
    X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC, reinterpret_cast<const unsigned char*>("127.0.0.1"), -1,
                               -1, 0);
    X509_set_issuer_name(cert.get(), name);

    X509V3_CTX context;
    X509V3_set_ctx_nodb(&context);
    X509V3_set_ctx(&context, cert.get(), cert.get(), nullptr, nullptr, 0);
    X509_EXTENSION* san = X509V3_EXT_conf_nid(nullptr, &context, NID_subject_alt_name, "IP:127.0.0.1");
    X509_add_ext(cert.get(), san, -1);
    X509_EXTENSION_free(san);
    REQUIRE(X509_sign(cert.get(), key.get(), EVP_sha256()) > 0);

    std::FILE* out = std::fopen(cert_file.c_str(), "wb");
    PEM_write_X509(out, cert.get());
    std::fclose(out);
    out = std::fopen(key_file.c_str(), "wb");
    PEM_write_PrivateKey(out, key.get(), nullptr, nullptr, 0, nullptr, nullptr);
    std::fclose(out);
}

// Copies the fixture data root into `root` and adds the shipped style and an
// MBTiles file with metadata only, so TileJSON and the style are served.
void write_map_data(const std::filesystem::path& root) {
    namespace fs = std::filesystem;
    fs::copy(fixture_data_root(), root, fs::copy_options::recursive);
    fs::create_directories(root / "styles");
    fs::copy_file(fs::path(BADUNG_SOURCE_DIR) / "geodata" / "style" / "badung.json", root / "styles" / "badung.json");

    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open((root / "badung.mbtiles").c_str(), &db) == SQLITE_OK);
    const int status = sqlite3_exec(db,
                                    "CREATE TABLE metadata (name TEXT, value TEXT);"
                                    "CREATE TABLE tiles (zoom_level INTEGER, tile_column INTEGER, tile_row INTEGER, "
                                    "tile_data BLOB);"
                                    "INSERT INTO metadata VALUES ('name', 'badung'), ('minzoom', '8'), "
                                    "('maxzoom', '16');",
                                    nullptr, nullptr, nullptr);
    sqlite3_close(db);
    REQUIRE(status == SQLITE_OK);
}

// Fetches `path` over TLS, trusting only `cert`, and parses the JSON body.
rapidjson::Document get_json_over_tls(int port, const std::filesystem::path& cert, const std::string& path) {
    httplib::SSLClient client("127.0.0.1", port);
    client.set_ca_cert_path(cert.c_str());
    client.enable_server_certificate_verification(true);
    const auto res = client.Get(path.c_str(), {{"Accept", "application/json"}});
    REQUIRE(res);
    INFO(path << ": " << res->body);
    REQUIRE(res->status == 200);
    return parse_json(res->body);
}

std::vector<std::string> base_args(const TempDir& data_dir) {
    return {"--web-root", fixture_web_root().string(), "--data-root", fixture_data_root().string(),
            "--port", "0", "--data-dir", data_dir.path().string()};
}

// A temporary folder with a self-signed certificate and its key.
struct CertifiedFolder {
    TempDir folder;
    std::filesystem::path cert = folder.path() / "cert.pem";
    std::filesystem::path key = folder.path() / "key.pem";

    CertifiedFolder() { write_self_signed(make_key(), cert, key); }
};

} // namespace

TEST_CASE("cityd serves HTTPS with a self-signed certificate", "[tls]") {
    const CertifiedFolder certified;
    const auto& cert = certified.cert;
    const auto& key = certified.key;

    CitydOptions options;
    options.extra_args = {"--tls-cert", cert.string(), "--tls-key", key.string()};
    CitydProcess server(options);
    CHECK(server.output().find("serving https://127.0.0.1:") != std::string::npos);

    httplib::SSLClient client("127.0.0.1", server.port());
    client.set_ca_cert_path(cert.c_str());
    client.enable_server_certificate_verification(true);
    const auto res = client.Get("/data/catalog.json");
    REQUIRE(res);
    CHECK(res->status == 200);
    CHECK(res->body.find("\"layers\"") != std::string::npos);

    // A plain HTTP request to the HTTPS port gets no HTTP answer.
    httplib::Client plain("127.0.0.1", server.port());
    plain.set_read_timeout(2, 0);
    const auto plain_res = plain.Get("/data/catalog.json");
    CHECK((!plain_res || plain_res->status != 200));
}

// An https page may load only https links. With http:// tile URLs the
// browser blocks every tile (CSP connect-src 'self'), so the map is blank.
TEST_CASE("links over TLS start with https", "[tls]") {
    const CertifiedFolder certified;
    const TempDir& folder = certified.folder;
    const auto& cert = certified.cert;
    const auto& key = certified.key;
    const auto data_root = folder.path() / "data";
    write_map_data(data_root);

    CitydOptions options;
    options.data_root = data_root;
    options.extra_args = {"--tls-cert", cert.string(), "--tls-key", key.string()};
    CitydProcess server(options);
    const std::string base = "https://127.0.0.1:" + std::to_string(server.port());

    const auto tilejson = get_json_over_tls(server.port(), cert, "/tiles/badung.json");
    CHECK(std::string(tilejson["tiles"][0].GetString()) == base + "/tiles/badung/{z}/{x}/{y}.mvt");

    const auto style = get_json_over_tls(server.port(), cert, "/styles/badung.json");
    CHECK(std::string(style["sources"]["badung"]["url"].GetString()) == base + "/tiles/badung.json");
    CHECK(std::string(style["glyphs"].GetString()) == base + "/fonts/{fontstack}/{range}.pbf");

    const auto collections = get_json_over_tls(server.port(), cert, "/collections");
    REQUIRE(collections["links"].Size() > 0);
    for (const auto& link : collections["links"].GetArray()) {
        INFO(link["href"].GetString());
        CHECK(std::string(link["href"].GetString()).rfind(base + "/", 0) == 0);
    }
}

TEST_CASE("public_base_url wins over the TLS scheme", "[tls]") {
    const CertifiedFolder certified;
    const TempDir& folder = certified.folder;
    const auto& cert = certified.cert;
    const auto& key = certified.key;
    const auto data_root = folder.path() / "data";
    write_map_data(data_root);
    const auto config = folder.path() / "cityd.conf";
    std::ofstream(config) << "services_file = " << (shipped_config().parent_path() / "services.json").string()
                          << "\npublic_base_url = http://127.0.0.1:8443/map\n";

    CitydOptions options;
    options.data_root = data_root;
    options.config = config;
    options.extra_args = {"--tls-cert", cert.string(), "--tls-key", key.string()};
    CitydProcess server(options);

    const auto tilejson = get_json_over_tls(server.port(), cert, "/tiles/badung.json");
    CHECK(std::string(tilejson["tiles"][0].GetString()) == "http://127.0.0.1:8443/map/tiles/badung/{z}/{x}/{y}.mvt");
}

TEST_CASE("cityd rejects unusable TLS files", "[tls]") {
    const CertifiedFolder certified;
    const TempDir& folder = certified.folder;
    const auto& cert = certified.cert;
    const auto& key = certified.key;
    const auto other_cert = folder.path() / "other-cert.pem";
    const auto other_key = folder.path() / "other-key.pem";
    write_self_signed(make_key(), other_cert, other_key);
    const auto not_pem = folder.path() / "not.pem";
    std::ofstream(not_pem) << "this is not PEM\n";

    struct Case {
        std::string cert;
        std::string key;
        std::string expected;
    };
    const Case cases[] = {
        {(folder.path() / "missing.pem").string(), key.string(), "does not exist"},
        {cert.string(), (folder.path() / "missing.pem").string(), "does not exist"},
        {folder.path().string(), key.string(), "is not a regular file"},
        {not_pem.string(), key.string(), "contains no PEM certificate"},
        {cert.string(), not_pem.string(), "contains no unencrypted PEM private key"},
        {cert.string(), other_key.string(), "does not match the certificate"},
    };
    TempDir data_dir;
    for (const auto& entry : cases) {
        INFO("cert " << entry.cert << ", key " << entry.key);
        auto args = base_args(data_dir);
        args.insert(args.end(), {"--tls-cert", entry.cert, "--tls-key", entry.key});
        const auto [status, output] = run_cityd_to_exit(args);
        CHECK(status == 1);
        CHECK(output.find(entry.expected) != std::string::npos);
    }
}

TEST_CASE("cityd needs both TLS options", "[tls]") {
    TempDir data_dir;
    auto args = base_args(data_dir);
    args.insert(args.end(), {"--tls-cert", "cert.pem"});
    const auto [status, output] = run_cityd_to_exit(args);
    CHECK(status == 2);
    CHECK(output.find("--tls-cert and --tls-key go together") != std::string::npos);
}

TEST_CASE("slow TLS handshake is closed without plaintext", "[tls]") {
    const CertifiedFolder certified;
    const TempDir& folder = certified.folder;
    const auto& cert = certified.cert;
    const auto& key = certified.key;
    const auto config = folder.path() / "cityd.conf";
    std::ofstream(config) << "services_file = " << (shipped_config().parent_path() / "services.json").string()
                          << "\nrequest_head_timeout = 1s\n";

    CitydOptions options;
    options.config = config;
    options.extra_args = {"--tls-cert", cert.string(), "--tls-key", key.string()};
    CitydProcess server(options);

    // A TLS handshake record header that announces 512 bytes, whose content
    // then comes one byte every 300 ms, for at most 40 s.
    const int fd = socket(AF_INET, SOCK_STREAM, 0);
    REQUIRE(fd >= 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(static_cast<std::uint16_t>(server.port()));
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    REQUIRE(connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0);
    send(fd, "\x16\x03\x01\x02\x00", 5, MSG_NOSIGNAL);

    std::string received;
    bool closed = false;
    for (int step = 0; step < 133 && !closed; ++step) {
        pollfd entry{fd, POLLIN, 0};
        if (poll(&entry, 1, 300) > 0) {
            char buffer[4096];
            ssize_t count = 0;
            while ((count = recv(fd, buffer, sizeof buffer, 0)) > 0) {
                received.append(buffer, static_cast<std::size_t>(count));
            }
            closed = true;
        } else if (send(fd, "\x01", 1, MSG_NOSIGNAL) < 0) {
            closed = true;
        }
    }
    close(fd);

    CHECK(closed);
    CHECK(received.find("HTTP/1.1") == std::string::npos);
    CHECK(server.wait_for_output("status=408 reason=\"the request head was not received within 1 s"));
}

// The vector tile API of badung-cityd over loopback, on an MBTiles file
// written here with SQLite: one gzipped tile at z14 over Kuta, one plain
// tile at z10.

#include "cityd_process.hpp"

#include "server/gzip_body.hpp"

#include <catch2/catch.hpp>
#include <httplib.h>
#include <sqlite3.h>

#include <fstream>
#include <iterator>

using namespace badung::cityd;
using namespace badung::cityd::test;

namespace {

std::string read_file(const std::filesystem::path& file) {
    std::ifstream stream(file, std::ios::binary);
    return std::string((std::istreambuf_iterator<char>(stream)), std::istreambuf_iterator<char>());
}

std::string mvt_fixture(const char* id) {
    return read_file(test_data_dir() / "mvt-fixtures" / "fixtures" / id / "tile.mvt");
}

void exec(sqlite3* db, const std::string& sql) {
    char* error = nullptr;
    const int status = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &error);
    INFO((error != nullptr ? error : ""));
    sqlite3_free(error);
    REQUIRE(status == SQLITE_OK);
}

// Stores `bytes` at XYZ z/x/y (as the TMS row MBTiles uses).
void put_tile(sqlite3* db, int z, int x, int y, const std::string& bytes) {
    sqlite3_stmt* statement = nullptr;
    REQUIRE(sqlite3_prepare_v2(db, "INSERT INTO tiles VALUES (?, ?, ?, ?)", -1, &statement, nullptr) == SQLITE_OK);
    sqlite3_bind_int(statement, 1, z);
    sqlite3_bind_int(statement, 2, x);
    sqlite3_bind_int(statement, 3, (1 << z) - 1 - y);
    sqlite3_bind_blob(statement, 4, bytes.data(), static_cast<int>(bytes.size()), SQLITE_TRANSIENT);
    CHECK(sqlite3_step(statement) == SQLITE_DONE);
    sqlite3_finalize(statement);
}

// A copy of the server's fixture data folder plus badung.mbtiles.
struct TileData {
    TempDir dir;
    std::string kuta_tile = *gzip_compress(mvt_fixture("043"));
    std::string plain_tile = mvt_fixture("022");

    TileData() {
        std::filesystem::copy(fixture_data_root(), dir.path(), std::filesystem::copy_options::recursive);
        sqlite3* db = nullptr;
        REQUIRE(sqlite3_open((dir.path() / "badung.mbtiles").string().c_str(), &db) == SQLITE_OK);
        exec(db, "CREATE TABLE metadata (name TEXT, value TEXT);"
                 "CREATE TABLE tiles (zoom_level INTEGER, tile_column INTEGER, tile_row INTEGER, tile_data BLOB);"
                 "INSERT INTO metadata VALUES ('name', 'badung'), ('minzoom', '8'), ('maxzoom', '16'),"
                 "('bounds', '115.08,-8.85,115.26,-8.24'), ('center', '115.17,-8.55,12'),"
                 "('json', '{\"vector_layers\": [{\"id\": \"desa\", \"fields\": {}}]}');");
        put_tile(db, 14, 13104, 8636, kuta_tile);
        put_tile(db, 10, 819, 539, plain_tile);
        sqlite3_close(db);
    }

    CitydOptions options() const {
        CitydOptions options;
        options.data_root = dir.path();
        return options;
    }
};

} // namespace

TEST_CASE("tiles: TileJSON names an absolute tile URL", "[tiles]") {
    TileData data;
    CitydProcess server(data.options());
    httplib::Client client("127.0.0.1", server.port());

    const auto res = client.Get("/tiles/badung.json");
    REQUIRE(res);
    CHECK(res->status == 200);
    // The server compresses it for clients that accept gzip or brotli.
    CHECK(res->get_header_value("Vary") == "Accept-Encoding");
    const auto doc = parse_json(res->body);
    CHECK(std::string(doc["tilejson"].GetString()) == "3.0.0");
    CHECK(std::string(doc["tiles"][0].GetString()) ==
          "http://127.0.0.1:" + std::to_string(server.port()) + "/tiles/badung/{z}/{x}/{y}.mvt");
    CHECK(doc["minzoom"].GetInt() == 8);
    CHECK(doc["maxzoom"].GetInt() == 16);
    CHECK(doc["bounds"].Size() == 4);
    CHECK(doc["center"][2].GetDouble() == 12);
    CHECK(std::string(doc["vector_layers"][0]["id"].GetString()) == "desa");
}

TEST_CASE("tiles: stored tiles come back with XYZ rows", "[tiles]") {
    TileData data;
    CitydProcess server(data.options());
    httplib::Client client("127.0.0.1", server.port());

    // Without gzip in Accept-Encoding the server inflates the stored tile.
    const auto inflated = client.Get("/tiles/badung/14/13104/8636.mvt", {{"Accept-Encoding", "identity"}});
    REQUIRE(inflated);
    CHECK_FALSE(inflated->has_header("Content-Encoding"));
    CHECK(inflated->body == mvt_fixture("043"));

    // The client library inflates gzip bodies unless told not to.
    client.set_decompress(false);
    const auto gzipped = client.Get("/tiles/badung/14/13104/8636.mvt", {{"Accept-Encoding", "gzip"}});
    REQUIRE(gzipped);
    CHECK(gzipped->status == 200);
    CHECK(gzipped->get_header_value("Content-Type") == "application/vnd.mapbox-vector-tile");
    CHECK(gzipped->get_header_value("Content-Encoding") == "gzip");
    CHECK(gzipped->body == data.kuta_tile);
    CHECK_FALSE(gzipped->get_header_value("ETag").empty());
    CHECK(gzipped->get_header_value("Cache-Control").find("max-age") != std::string::npos);

    const auto plain = client.Get("/tiles/badung/10/819/539.mvt");
    REQUIRE(plain);
    CHECK(plain->status == 200);
    CHECK_FALSE(plain->has_header("Content-Encoding"));
    CHECK(plain->body == data.plain_tile);
}

TEST_CASE("tiles: an unchanged tile answers 304", "[tiles]") {
    TileData data;
    CitydProcess server(data.options());
    httplib::Client client("127.0.0.1", server.port());

    const auto first = client.Get("/tiles/badung/10/819/539.mvt");
    REQUIRE(first);
    const auto again = client.Get("/tiles/badung/10/819/539.mvt", {{"If-None-Match", first->get_header_value("ETag")}});
    REQUIRE(again);
    CHECK(again->status == 304);
}

TEST_CASE("tiles: each coding has its own ETag", "[tiles]") {
    TileData data;
    CitydProcess server(data.options());
    httplib::Client client("127.0.0.1", server.port());
    client.set_decompress(false);
    const std::string path = "/tiles/badung/14/13104/8636.mvt";
    const httplib::Headers gzip{{"Accept-Encoding", "gzip"}};
    const httplib::Headers identity{{"Accept-Encoding", "identity"}};

    const auto gzipped = client.Get(path.c_str(), gzip);
    const auto inflated = client.Get(path.c_str(), identity);
    REQUIRE(gzipped);
    REQUIRE(inflated);
    const std::string gzip_etag = gzipped->get_header_value("ETag");
    const std::string plain_etag = inflated->get_header_value("ETag");
    CHECK(gzip_etag != plain_etag);
    CHECK(gzip_etag.find("-gz\"") != std::string::npos);

    // A validator of one coding never gets a 304 for the other.
    const auto cross_plain = client.Get(path.c_str(), {{"Accept-Encoding", "identity"}, {"If-None-Match", gzip_etag}});
    REQUIRE(cross_plain);
    CHECK(cross_plain->status == 200);
    CHECK(cross_plain->body == mvt_fixture("043"));
    const auto cross_gzip = client.Get(path.c_str(), {{"Accept-Encoding", "gzip"}, {"If-None-Match", plain_etag}});
    REQUIRE(cross_gzip);
    CHECK(cross_gzip->status == 200);
    CHECK(cross_gzip->body == data.kuta_tile);

    const auto same_gzip = client.Get(path.c_str(), {{"Accept-Encoding", "gzip"}, {"If-None-Match", gzip_etag}});
    REQUIRE(same_gzip);
    CHECK(same_gzip->status == 304);
    CHECK(same_gzip->get_header_value("Vary") == "Accept-Encoding");
    const auto same_plain = client.Get(path.c_str(), {{"Accept-Encoding", "identity"}, {"If-None-Match", plain_etag}});
    REQUIRE(same_plain);
    CHECK(same_plain->status == 304);
}

TEST_CASE("tiles: byte ranges are not offered", "[tiles]") {
    TileData data;
    CitydProcess server(data.options());
    httplib::Client client("127.0.0.1", server.port());

    const auto head = client.Head("/tiles/badung/10/819/539.mvt");
    REQUIRE(head);
    CHECK(head->status == 200);
    CHECK(head->get_header_value("Accept-Ranges") == "none");

    // A Range header is ignored, so the whole tile comes back with 200.
    const auto ranged = client.Get("/tiles/badung/10/819/539.mvt", {{"Range", "bytes=0-9"}});
    REQUIRE(ranged);
    CHECK(ranged->status == 200);
    CHECK(ranged->get_header_value("Accept-Ranges") == "none");
    CHECK(ranged->body == data.plain_tile);
}

TEST_CASE("tiles: empty tiles and other zooms answer 204", "[tiles]") {
    TileData data;
    CitydProcess server(data.options());
    httplib::Client client("127.0.0.1", server.port());

    for (const char* path : {"/tiles/badung/14/0/0.mvt", "/tiles/badung/3/1/1.mvt", "/tiles/badung/17/0/0.mvt",
                             "/tiles/badung/22/4194303/4194303.mvt"}) {
        INFO("path " << path);
        const auto res = client.Get(path);
        REQUIRE(res);
        CHECK(res->status == 204);
        CHECK(res->body.empty());
    }
}

TEST_CASE("tiles: invalid addresses answer 400 with an exception", "[tiles]") {
    TileData data;
    CitydProcess server(data.options());
    httplib::Client client("127.0.0.1", server.port());

    const std::pair<const char*, const char*> cases[] = {
        {"/tiles/badung/23/0/0.mvt", "zoom '23'"},
        {"/tiles/badung/-1/0/0.mvt", "zoom '-1'"},
        {"/tiles/badung/a/0/0.mvt", "zoom 'a'"},
        {"/tiles/badung/14/16384/0.mvt", "x '16384'"},
        {"/tiles/badung/14/0/16384.mvt", "y '16384'"},
        {"/tiles/badung/14/1.5/0.mvt", "x '1.5'"},
        {"/tiles/badung/0/0/99999999999999999999.mvt", "y '99999999999999999999'"},
    };
    for (const auto& [path, named] : cases) {
        INFO("path " << path);
        const auto res = client.Get(path);
        REQUIRE(res);
        CHECK(res->status == 400);
        const auto doc = parse_json(res->body);
        CHECK(std::string(doc["code"].GetString()) == "InvalidParameterValue");
        CHECK(std::string(doc["description"].GetString()).find(named) != std::string::npos);
    }
}

TEST_CASE("tiles: a missing MBTiles file answers 404", "[tiles]") {
    CitydProcess server;
    httplib::Client client("127.0.0.1", server.port());

    const auto res = client.Get("/tiles/badung.json");
    REQUIRE(res);
    CHECK(res->status == 404);
    CHECK(std::string(parse_json(res->body)["code"].GetString()) == "NotFound");
}

namespace {

// Writes a pack.json over the two fixture tiles (inflated sizes) and a
// third listed tile that the store lacks when `with_missing_tile`.
void write_pack(const TileData& data, bool with_missing_tile = false) {
    const std::string kuta_size = std::to_string(mvt_fixture("043").size());
    const std::string plain_size = std::to_string(mvt_fixture("022").size());
    std::string entries = "[10, 819, 539, " + plain_size + ", \"00\"], [14, 13104, 8636, " + kuta_size + ", \"00\"]";
    if (with_missing_tile) {
        entries += ", [14, 13105, 8636, 10, \"00\"]";
    }
    std::ofstream(data.dir.path() / "pack.json")
        << R"({"format": 1, "data_version": "v1", "files": [], "tiles": {"url": "tiles/badung/{z}/{x}/{y}.mvt", "entries": [)"
        << entries << "]}}";
}

} // namespace

TEST_CASE("pack tiles: bundle concatenates inflated tiles", "[tiles][pack]") {
    TileData data;
    write_pack(data);
    CitydProcess server(data.options());
    httplib::Client client("127.0.0.1", server.port());

    const auto both = client.Get("/data/pack/tiles?version=v1&start=0&count=2", {{"Accept-Encoding", "identity"}});
    REQUIRE(both);
    CHECK(both->status == 200);
    CHECK(both->get_header_value("Content-Type") == "application/octet-stream");
    CHECK(both->body == mvt_fixture("022") + mvt_fixture("043"));

    const auto second = client.Get("/data/pack/tiles?version=v1&start=1&count=1", {{"Accept-Encoding", "identity"}});
    REQUIRE(second);
    CHECK(second->status == 200);
    CHECK(second->body == mvt_fixture("043"));
    // Bodies over 1 KiB go out gzipped; these fixture tiles are smaller.
    CHECK(both->get_header_value("Vary") == "Accept-Encoding");
}

TEST_CASE("pack tiles: bad ranges get 400", "[tiles][pack]") {
    TileData data;
    write_pack(data);
    CitydProcess server(data.options());
    httplib::Client client("127.0.0.1", server.port());

    const std::pair<const char*, const char*> cases[] = {
        {"version=v1&start=2&count=1", "invalid start '2': give an integer from 0 to 1"},
        {"version=v1&start=-1&count=1", "invalid start '-1'"},
        {"version=v1&start=0&count=0", "invalid count '0': give an integer from 1 to 2"},
        {"version=v1&start=1&count=2", "invalid count '2': give an integer from 1 to 1"},
        {"version=v1&start=0&count=x", "invalid count 'x'"},
        {"version=v1&start=0", "missing parameter 'count'"},
        {"start=0&count=1", "missing parameter 'version'"},
        {"version=v1&start=0&count=1&bbox=1", "unknown query parameter 'bbox'"},
        {"version=v1&start=0&start=1&count=1", "'start'"},
    };
    for (const auto& [query, message] : cases) {
        INFO("query " << query);
        const auto res = client.Get(std::string("/data/pack/tiles?") + query);
        REQUIRE(res);
        CHECK(res->status == 400);
        const auto doc = parse_json(res->body);
        REQUIRE(doc.HasMember("description"));
        CHECK_THAT(doc["description"].GetString(), Catch::Contains(message));
    }
}

TEST_CASE("pack tiles: stale version or tile gets 409", "[tiles][pack]") {
    TileData data;
    write_pack(data, true);
    CitydProcess server(data.options());
    httplib::Client client("127.0.0.1", server.port());

    const auto stale = client.Get("/data/pack/tiles?version=v0&start=0&count=1");
    REQUIRE(stale);
    CHECK(stale->status == 409);
    CHECK_THAT(parse_json(stale->body)["description"].GetString(), Catch::Contains("fetch data/pack.json again"));

    const auto missing = client.Get("/data/pack/tiles?version=v1&start=1&count=2");
    REQUIRE(missing);
    CHECK(missing->status == 409);
    CHECK_THAT(parse_json(missing->body)["description"].GetString(),
               Catch::Contains("tile 14/13105/8636 does not match pack.json"));
}

TEST_CASE("pack tiles: rebuilt data asks for a restart", "[tiles][pack]") {
    TileData data;
    write_pack(data);
    CitydProcess server(data.options());
    httplib::Client client("127.0.0.1", server.port());

    // A rebuild replaces the MBTiles file and pack.json while the server
    // runs. Here the z10 tile changes, so its size in pack.json changes too.
    const auto rebuilt = data.dir.path() / "rebuilt.mbtiles";
    std::filesystem::copy_file(data.dir.path() / "badung.mbtiles", rebuilt);
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open(rebuilt.string().c_str(), &db) == SQLITE_OK);
    exec(db, "DELETE FROM tiles WHERE zoom_level = 10");
    put_tile(db, 10, 819, 539, mvt_fixture("043"));
    sqlite3_close(db);
    std::filesystem::rename(rebuilt, data.dir.path() / "badung.mbtiles");
    const std::string new_size = std::to_string(mvt_fixture("043").size());
    std::ofstream(data.dir.path() / "pack.json")
        << R"({"format": 1, "data_version": "v2", "files": [], "tiles": {"url": "tiles/badung/{z}/{x}/{y}.mvt", )"
        << R"("entries": [[10, 819, 539, )" << new_size << R"(, "00"]]}})";

    const auto res = client.Get("/data/pack/tiles?version=v2&start=0&count=1");
    REQUIRE(res);
    CHECK(res->status == 409);
    const std::string description = parse_json(res->body)["description"].GetString();
    CHECK_THAT(description, Catch::Contains("tile 10/819/539 does not match pack.json"));
    CHECK_THAT(description, Catch::Contains("restart the server (./badung serve) to load the rebuilt data"));
    CHECK_THAT(description, !Catch::Contains("run badung-geodata build again"));
}

TEST_CASE("pack tiles: no pack gets 404", "[tiles][pack]") {
    TileData data;
    CitydProcess server(data.options());
    httplib::Client client("127.0.0.1", server.port());

    const auto res = client.Get("/data/pack/tiles?version=v1&start=0&count=1");
    REQUIRE(res);
    CHECK(res->status == 404);
    CHECK_THAT(parse_json(res->body)["description"].GetString(), Catch::Contains("no offline pack manifest"));
}

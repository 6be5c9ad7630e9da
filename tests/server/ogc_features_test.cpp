#include "cityd_process.hpp"

#include <catch2/catch.hpp>
#include <httplib.h>

#include <set>

using namespace badung::cityd::test;

namespace {

rapidjson::Document get_json(httplib::Client& client, const std::string& path, int expected_status,
                             const httplib::Headers& headers = {}) {
    const auto res = client.Get(path.c_str(), headers);
    REQUIRE(res);
    INFO("GET " << path << " -> " << res->body);
    REQUIRE(res->status == expected_status);
    return parse_json(res->body);
}

std::string link_href(const rapidjson::Value& document, const std::string& rel) {
    for (const auto& link : document["links"].GetArray()) {
        if (rel == link["rel"].GetString()) {
            return link["href"].GetString();
        }
    }
    return "";
}

// Returns the path and query of an absolute link to this server.
std::string local_path(const std::string& href, const CitydProcess& server) {
    const std::string base = server.base_url();
    REQUIRE(href.rfind(base, 0) == 0);
    return href.substr(base.size());
}

std::vector<std::string> feature_ids(const rapidjson::Value& collection) {
    std::vector<std::string> ids;
    for (const auto& feature : collection["features"].GetArray()) {
        ids.push_back(feature["id"].IsString() ? feature["id"].GetString()
                                               : std::to_string(feature["id"].GetInt()));
    }
    return ids;
}

void check_ogc_error(httplib::Client& client, const std::string& path, int status, const std::string& code,
                     const std::string& named_value) {
    const auto error = get_json(client, path, status);
    CHECK(std::string(error["code"].GetString()) == code);
    const std::string description = error["description"].GetString();
    INFO("description: " << description);
    CHECK(description.find(named_value) != std::string::npos);
}

} // namespace

TEST_CASE("landing page is JSON when JSON is asked for", "[ogc]") {
    CitydProcess server;
    httplib::Client client("127.0.0.1", server.port());

    for (const auto& [path, headers] : {std::pair{std::string("/?f=json"), httplib::Headers{}},
                                        std::pair{std::string("/"), httplib::Headers{{"Accept", "application/json"}}}}) {
        const auto landing = get_json(client, path, 200, headers);
        CHECK(landing.HasMember("title"));
        CHECK(link_href(landing, "conformance") == server.base_url() + "/conformance");
        CHECK(link_href(landing, "data") == server.base_url() + "/collections");
        CHECK_FALSE(link_href(landing, "self").empty());
    }
}

TEST_CASE("conformance lists core and geojson", "[ogc]") {
    CitydProcess server;
    httplib::Client client("127.0.0.1", server.port());

    const auto conformance = get_json(client, "/conformance", 200);
    std::set<std::string> classes;
    for (const auto& uri : conformance["conformsTo"].GetArray()) {
        classes.insert(uri.GetString());
    }
    CHECK(classes.count("http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core") == 1);
    CHECK(classes.count("http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson") == 1);
}

TEST_CASE("collections come from the catalog", "[ogc]") {
    CitydProcess server;
    httplib::Client client("127.0.0.1", server.port());

    const auto collections = get_json(client, "/collections", 200);
    std::vector<std::string> ids;
    for (const auto& collection : collections["collections"].GetArray()) {
        ids.emplace_back(collection["id"].GetString());
    }
    // "hilang" has no layer file, so it is dropped and the rest stays.
    CHECK(ids == std::vector<std::string>{"fasilitas", "kecamatan"});

    const auto& fasilitas = collections["collections"][0];
    CHECK(std::string(fasilitas["title"].GetString()) == "Fasilitas umum");
    CHECK(std::string(fasilitas["titles"]["en"].GetString()) == "Public facilities");
    CHECK(std::string(fasilitas["license"].GetString()) == "ODbL-1.0");
    const auto& bbox = fasilitas["extent"]["spatial"]["bbox"][0];
    CHECK(bbox[0].GetDouble() == Approx(115.10));
    CHECK(bbox[3].GetDouble() == Approx(-8.52));
    CHECK(link_href(fasilitas, "items") == server.base_url() + "/collections/fasilitas/items");

    // Without a catalog bbox the extent is computed from the features.
    const auto& kecamatan = collections["collections"][1];
    const auto& computed = kecamatan["extent"]["spatial"]["bbox"][0];
    CHECK(computed[0].GetDouble() == Approx(115.10));
    CHECK(computed[1].GetDouble() == Approx(-8.85));
    CHECK(computed[2].GetDouble() == Approx(115.25));
    CHECK(computed[3].GetDouble() == Approx(-8.24));
}

TEST_CASE("collection titles follow Accept-Language", "[ogc]") {
    CitydProcess server;
    httplib::Client client("127.0.0.1", server.port());

    const auto english = get_json(client, "/collections/fasilitas", 200, {{"Accept-Language", "en-US,en;q=0.9"}});
    CHECK(std::string(english["title"].GetString()) == "Public facilities");
    const auto indonesian = get_json(client, "/collections/fasilitas", 200, {{"Accept-Language", "id"}});
    CHECK(std::string(indonesian["title"].GetString()) == "Fasilitas umum");
}

TEST_CASE("items pages follow next links", "[ogc]") {
    CitydProcess server;
    httplib::Client client("127.0.0.1", server.port());

    std::vector<std::string> ids;
    std::string path = "/collections/fasilitas/items?limit=4";
    int pages = 0;
    while (!path.empty()) {
        const auto page = get_json(client, path, 200);
        ++pages;
        CHECK(page["numberMatched"].GetInt() == 15);
        CHECK(page["numberReturned"].GetInt() == static_cast<int>(page["features"].Size()));
        CHECK(std::string(page["type"].GetString()) == "FeatureCollection");
        CHECK_FALSE(link_href(page, "self").empty());
        const auto page_ids = feature_ids(page);
        ids.insert(ids.end(), page_ids.begin(), page_ids.end());

        const std::string next = link_href(page, "next");
        path = next.empty() ? "" : local_path(next, server);
        REQUIRE(pages <= 4);
    }
    CHECK(pages == 4);
    REQUIRE(ids.size() == 15);
    CHECK(ids.front() == "f01");
    CHECK(ids.back() == "f15");
    CHECK(std::set<std::string>(ids.begin(), ids.end()).size() == 15);
}

TEST_CASE("items default and maximum limit", "[ogc]") {
    CitydProcess server;
    httplib::Client client("127.0.0.1", server.port());

    const auto first = get_json(client, "/collections/fasilitas/items", 200);
    CHECK(first["numberReturned"].GetInt() == 10);
    CHECK(local_path(link_href(first, "next"), server) == "/collections/fasilitas/items?limit=10&offset=10");

    // A limit above the maximum is lowered to it, not rejected.
    const auto all = get_json(client, "/collections/fasilitas/items?limit=20000", 200);
    CHECK(all["numberReturned"].GetInt() == 15);
    CHECK(link_href(all, "next").empty());
    CHECK(link_href(all, "self").find("limit=10000") != std::string::npos);

    const auto past_end = get_json(client, "/collections/fasilitas/items?offset=100", 200);
    CHECK(past_end["numberMatched"].GetInt() == 15);
    CHECK(past_end["numberReturned"].GetInt() == 0);
    CHECK(link_href(past_end, "next").empty());
}

TEST_CASE("items page is gzipped on request", "[ogc]") {
    CitydProcess server;
    httplib::Client client("127.0.0.1", server.port());
    client.set_decompress(false);

    const auto plain = client.Get("/collections/fasilitas/items?limit=15");
    REQUIRE(plain);
    CHECK_FALSE(plain->has_header("Content-Encoding"));

    const auto compressed = client.Get("/collections/fasilitas/items?limit=15", {{"Accept-Encoding", "gzip"}});
    REQUIRE(compressed);
    CHECK(compressed->get_header_value("Content-Encoding") == "gzip");
    CHECK(compressed->get_header_value("Content-Type") == "application/geo+json");
    CHECK(compressed->body.size() < plain->body.size());

    httplib::Client decompressing("127.0.0.1", server.port());
    const auto decoded = decompressing.Get("/collections/fasilitas/items?limit=15", {{"Accept-Encoding", "gzip"}});
    REQUIRE(decoded);
    const auto page = parse_json(decoded->body);
    CHECK(page["numberReturned"].GetInt() == 15);
}

TEST_CASE("items timeStamp is in WITA", "[ogc]") {
    CitydProcess server;
    httplib::Client client("127.0.0.1", server.port());

    const auto page = get_json(client, "/collections/fasilitas/items?limit=1", 200);
    const std::string stamp = page["timeStamp"].GetString();
    CHECK(stamp.size() >= 25);
    CHECK(stamp.substr(stamp.size() - 6) == "+08:00");
}

TEST_CASE("items bbox filter uses closed boxes", "[ogc]") {
    CitydProcess server;
    httplib::Client client("127.0.0.1", server.port());

    const auto inside = get_json(client, "/collections/fasilitas/items?bbox=115.095,-8.805,115.125,-8.755", 200);
    CHECK(feature_ids(inside) == std::vector<std::string>{"f01", "f02", "f03"});
    CHECK(inside["numberMatched"].GetInt() == 3);

    // Edges exactly through f02 (115.11, -8.78) and f04 (115.13, -8.74).
    const auto edges = get_json(client, "/collections/fasilitas/items?bbox=115.11,-8.78,115.13,-8.74", 200);
    CHECK(feature_ids(edges) == std::vector<std::string>{"f02", "f03", "f04"});

    // A polygon matches when its bbox meets the box. A null geometry never does.
    const auto petang = get_json(client, "/collections/kecamatan/items?bbox=115.2,-8.3,115.3,-8.2", 200);
    CHECK(feature_ids(petang) == std::vector<std::string>{"2"});
    const auto unfiltered = get_json(client, "/collections/kecamatan/items", 200);
    CHECK(feature_ids(unfiltered) == std::vector<std::string>{"1", "2", "4", "node/77"});

    // The next link keeps the bbox.
    const auto paged = get_json(client, "/collections/fasilitas/items?bbox=115.0,-8.9,115.3,-8.4&limit=5", 200);
    CHECK(paged["numberMatched"].GetInt() == 15);
    CHECK(link_href(paged, "next").find("bbox=115.0%2C-8.9%2C115.3%2C-8.4") != std::string::npos);
}

TEST_CASE("item by id", "[ogc]") {
    CitydProcess server;
    httplib::Client client("127.0.0.1", server.port());

    const auto facility = get_json(client, "/collections/fasilitas/items/f07", 200);
    CHECK(std::string(facility["id"].GetString()) == "f07");
    CHECK(std::string(facility["properties"]["name"].GetString()) == "Fasilitas 7");
    CHECK(link_href(facility, "self") == server.base_url() + "/collections/fasilitas/items/f07");
    CHECK(link_href(facility, "collection") == server.base_url() + "/collections/fasilitas");

    const auto kecamatan = get_json(client, "/collections/kecamatan/items/2", 200);
    CHECK(kecamatan["id"].GetInt() == 2);
    CHECK(std::string(kecamatan["geometry"]["type"].GetString()) == "MultiPolygon");

    // Ids such as OSM's "node/77" contain a slash, sent encoded or not.
    for (const char* path : {"/collections/kecamatan/items/node%2F77", "/collections/kecamatan/items/node/77"}) {
        INFO("path " << path);
        const auto osm = get_json(client, path, 200);
        CHECK(std::string(osm["id"].GetString()) == "node/77");
        CHECK(link_href(osm, "self") == server.base_url() + "/collections/kecamatan/items/node%2F77");
    }

    const auto res = client.Get("/collections/fasilitas/items/f07");
    CHECK(res->get_header_value("Content-Type") == "application/geo+json");
}

TEST_CASE("broken features are dropped alone", "[ogc]") {
    CitydProcess server;
    httplib::Client client("127.0.0.1", server.port());

    // Position 2 has no id, 3 has a text coordinate, 4 repeats id 1.
    const auto first = get_json(client, "/collections/kecamatan/items/1", 200);
    CHECK(std::string(first["properties"]["nama"].GetString()) == "Kuta Selatan");
    get_json(client, "/collections/kecamatan/items/3", 404);
    CHECK(server.wait_for_output("reason=\"duplicate feature id 1\""));
    CHECK(server.wait_for_output("event=layer_dropped collection=hilang"));
}

TEST_CASE("OGC API error bodies name the bad value", "[ogc]") {
    CitydProcess server;
    httplib::Client client("127.0.0.1", server.port());

    check_ogc_error(client, "/collections/nope", 404, "NotFound", "nope");
    check_ogc_error(client, "/collections/nope", 404, "NotFound",
                    "a layer added by badung-geodata build is listed after a server restart");
    check_ogc_error(client, "/collections/nope/items", 404, "NotFound", "nope");
    check_ogc_error(client, "/collections/fasilitas/items/f99", 404, "NotFound", "f99");

    for (const char* limit : {"0", "-1", "abc", "1.5", ""}) {
        INFO("limit " << limit);
        check_ogc_error(client, std::string("/collections/fasilitas/items?limit=") + limit, 400,
                        "InvalidParameterValue", std::string("limit '") + limit + "'");
    }
    check_ogc_error(client, "/collections/fasilitas/items?offset=-3", 400, "InvalidParameterValue", "offset '-3'");

    check_ogc_error(client, "/collections/fasilitas/items?bbox=1,2,3", 400, "InvalidParameterValue", "'1,2,3'");
    check_ogc_error(client, "/collections/fasilitas/items?bbox=a,b,c,d", 400, "InvalidParameterValue", "'a'");
    check_ogc_error(client, "/collections/fasilitas/items?bbox=115,-8.4,115.3,-8.9", 400, "InvalidParameterValue",
                    "south");
    check_ogc_error(client, "/collections/fasilitas/items?bbox=115,-95,115.3,-8", 400, "InvalidParameterValue",
                    "-90..90");
    check_ogc_error(client, "/collections/fasilitas/items?bbox=115,nan,115.3,-8", 400, "InvalidParameterValue",
                    "'nan'");
    check_ogc_error(client, "/collections/fasilitas/items?bbox-crs=EPSG:4326", 400, "InvalidParameterValue",
                    "EPSG:4326");
    check_ogc_error(client, "/collections/fasilitas/items?colour=red", 400, "InvalidParameterValue", "'colour'");
    check_ogc_error(client, "/collections/fasilitas/items?limit=2&limit=3", 400, "InvalidParameterValue", "'limit'");
    check_ogc_error(client, "/collections?f=html", 400, "InvalidParameterValue", "f=html");
    check_ogc_error(client, "/?f=xml", 400, "InvalidParameterValue", "invalid f 'xml'");
}

TEST_CASE("items datetime must be RFC 3339", "[ogc]") {
    CitydProcess server;
    httplib::Client client("127.0.0.1", server.port());

    for (const char* bad : {"notadate", "2026-02-30", "2026-12-04T07:30", "../..", "/", "2026-12-04/x"}) {
        INFO("datetime " << bad);
        check_ogc_error(client, std::string("/collections/fasilitas/items?datetime=") + bad, 400,
                        "InvalidParameterValue", std::string("invalid datetime '") + bad + "'");
    }
    // Layers have no time property, so a valid datetime filters nothing.
    const auto all = client.Get("/collections/fasilitas/items");
    REQUIRE(all);
    for (const char* good : {"2026-12-04", "2026-12-04T07:30:00%2B08:00", "2026-12-04T00:00:00Z/..",
                             "../2026-12-04T00:00:00Z", "2026-01-01/2026-12-31"}) {
        INFO("datetime " << good);
        const auto res = client.Get((std::string("/collections/fasilitas/items?datetime=") + good).c_str());
        REQUIRE(res);
        CHECK(res->status == 200);
        CHECK(parse_json(res->body)["numberMatched"].GetInt() == parse_json(all->body)["numberMatched"].GetInt());
    }
}

// cpp-httplib 0.11.4 keeps one copy of a repeated key=value pair in
// req.params, so the same value twice needs its own check.
TEST_CASE("parameter repeated with same value gets 400", "[ogc]") {
    CitydProcess server;
    httplib::Client client("127.0.0.1", server.port());

    const std::vector<std::pair<std::string, std::string>> cases = {
        {"/collections/fasilitas/items?limit=1&limit=1", "'limit'"},
        {"/collections/fasilitas/items?bbox=115,-9,116,-8&bbox=115,-9,116,-8", "'bbox'"},
        {"/collections/fasilitas/items?f=json&f=json", "'f'"},
        {"/collections/fasilitas/items?limit=1&limit=%31", "'limit'"},
        {"/collections/fasilitas/items?offset=0&limit=2&offset=0", "'offset'"},
        {"/collections?f=json&f=json", "'f'"},
    };
    for (const auto& [path, name] : cases) {
        INFO(path);
        check_ogc_error(client, path, 400, "InvalidParameterValue", name);
        check_ogc_error(client, path, 400, "InvalidParameterValue", "appears more than once");
    }

    get_json(client, "/collections/fasilitas/items?limit=1&offset=0&f=json", 200);
}

#include "report_test_support.hpp"

#include <catch2/catch.hpp>

#include <chrono>
#include <string>
#include <thread>
#include <vector>

using namespace badung::cityd::test;

namespace {

const std::string personal_fields = "&first_name=Wayan&last_name=Sukerta&email=wayan%40contoh.id"
                                    "&phone=081234567890&device_id=perangkat-42";

int count_with_personal_data(const CitydProcess& server) {
    return std::stoi(query_database(server.database(),
                                    "SELECT COUNT(*) FROM service_requests WHERE first_name <> '' OR "
                                    "last_name <> '' OR email <> '' OR phone <> '' OR device_id <> ''")
                         .at(0));
}

} // namespace

TEST_CASE("personal fields need consent", "[personal]") {
    CitydProcess server;
    httplib::Client client("127.0.0.1", server.port());

    check_open311_error(post_road_report(client, personal_fields), 400, "consent is missing");
    check_open311_error(post_road_report(client, "&email=wayan%40contoh.id&consent=false"), 400,
                        "consent is missing");
    check_open311_error(post_road_report(client, "&phone=081234567890&consent=mungkin"), 400, "consent 'mungkin'");
    check_open311_error(client.Post("/open311/v2/requests.json",
                                    R"({"service_code": "SMP-01", "lat": -8.7, "long": 115.17, "device_id": "x1"})",
                                    "application/json"),
                        400, "consent is missing");
    CHECK(count_with_personal_data(server) == 0);

    const auto accepted = post_road_report(client, personal_fields + "&consent=true");
    REQUIRE(accepted);
    CHECK(accepted->status == 201);
    const auto without_personal = post_road_report(client);
    REQUIRE(without_personal);
    CHECK(without_personal->status == 201);

    CHECK(count_with_personal_data(server) == 1);
    CHECK(query_database(server.database(), "SELECT COUNT(*) FROM service_requests WHERE consent_at_ms IS NOT NULL")
              .at(0) == "1");
}

TEST_CASE("GET never returns personal fields", "[personal]") {
    CitydProcess server;
    httplib::Client client("127.0.0.1", server.port());
    const auto res = post_road_report(client, personal_fields + "&consent=true");
    REQUIRE(res);
    REQUIRE(res->status == 201);
    const std::string id = request_id_of(res->body);

    for (const std::string& path : {std::string("/open311/v2/requests.json"), "/open311/v2/requests/" + id + ".json",
                                   "/open311/v2/requests.json?service_request_id=" + id}) {
        INFO(path);
        const auto got = client.Get(path.c_str());
        REQUIRE(got);
        REQUIRE(got->status == 200);
        CHECK(got->body.find(id) != std::string::npos);
        for (const char* personal : {"Wayan", "Sukerta", "wayan@contoh.id", "081234567890", "perangkat-42",
                                     "first_name", "email", "phone", "device_id", "consent"}) {
            CHECK(got->body.find(personal) == std::string::npos);
        }
    }
}

TEST_CASE("personal fields are erased after the retention period", "[personal]") {
    TempDir dir;
    CitydOptions options;
    options.config = write_config(dir.path(), "personal_data_retention = 1s\npersonal_data_purge_interval = 1s");
    CitydProcess server(options);
    httplib::Client client("127.0.0.1", server.port());

    const auto res = post_road_report(client, personal_fields + "&consent=true",
                                      {{"Idempotency-Key", "retention-1"}});
    REQUIRE(res);
    REQUIRE(res->status == 201);
    const std::string id = request_id_of(res->body);
    CHECK(count_with_personal_data(server) == 1);

    bool erased = false;
    for (int attempt = 0; attempt < 100 && !erased; ++attempt) {
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
        erased = count_with_personal_data(server) == 0;
    }
    CHECK(erased);
    CHECK(server.wait_for_output("event=personal_data_erased service_requests=1"));

    // The report itself stays, and so do its public fields.
    const auto kept = client.Get(("/open311/v2/requests/" + id + ".json").c_str());
    REQUIRE(kept);
    CHECK(kept->status == 200);
    CHECK(kept->body.find("Jalan berlubang") != std::string::npos);
    CHECK(query_database(server.database(), "SELECT COUNT(*) FROM service_requests WHERE personal_erased_at_ms IS "
                                            "NOT NULL")
              .at(0) == "1");
    // Idempotency fingerprints contain the personal fields, so they go too.
    CHECK(query_database(server.database(), "SELECT COUNT(*) FROM idempotency_keys").at(0) == "0");
}

TEST_CASE("purge keeps data within the retention period", "[personal]") {
    TempDir dir;
    CitydOptions options;
    options.config = write_config(dir.path(), "personal_data_retention = 1d\npersonal_data_purge_interval = 1s");
    CitydProcess server(options);
    httplib::Client client("127.0.0.1", server.port());
    REQUIRE(post_road_report(client, personal_fields + "&consent=true")->status == 201);

    std::this_thread::sleep_for(std::chrono::milliseconds(2500));
    CHECK(count_with_personal_data(server) == 1);
    CHECK(server.output().find("personal_data_erased") == std::string::npos);
}

TEST_CASE("purge runs at start", "[personal]") {
    TempDir data_dir;
    TempDir config_dir;
    CitydOptions options;
    options.data_dir = data_dir.path();
    {
        CitydProcess server(options);
        httplib::Client client("127.0.0.1", server.port());
        REQUIRE(post_road_report(client, personal_fields + "&consent=true")->status == 201);
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(1100));

    options.config = write_config(config_dir.path(), "personal_data_retention = 1s\npersonal_data_purge_interval = 1d");
    CitydProcess server(options);
    CHECK(server.wait_for_output("event=personal_data_erased service_requests=1"));
    CHECK(count_with_personal_data(server) == 0);
}

TEST_CASE("invalid personal values stay out of the log", "[personal]") {
    CitydProcess server;
    httplib::Client client("127.0.0.1", server.port());

    struct Case {
        std::string fields;
        std::string value;
        std::string placeholder;
    };
    const std::vector<Case> cases = {
        {"&consent=true&email=budi.santoso%40gmail,com", "budi.santoso@gmail,com", "[email withheld]"},
        {"&consent=true&phone=0812-3456-789O", "0812-3456-789O", "[phone withheld]"},
        {"&consent=true&first_name=Ni+Luh+Putu+Ayu&email=ayu", "ayu", "[email withheld]"},
    };
    for (const auto& test : cases) {
        INFO(test.fields);
        // The client may see its own value, so it can correct it.
        check_open311_error(post_road_report(client, test.fields), 400, test.value);
    }

    const auto json = client.Post("/open311/v2/requests.json",
                                  R"({"service_code": "JLN-01", "lat": -8.7177, "long": 115.1691,
                                      "attribute": {"tingkat": "berat"}, "consent": true,
                                      "phone": "+62 361 KUTA 77"})",
                                  "application/json");
    check_open311_error(json, 400, "+62 361 KUTA 77");

    // The same connection serves one request after another, so this line
    // comes after those of the reports.
    REQUIRE(client.Get("/collections/log-marker")->status == 404);
    REQUIRE(server.wait_for_output("path=/collections/log-marker"));
    const std::string log = server.output();
    CHECK(log.find("[email withheld]' is not an address") != std::string::npos);
    for (const std::string value : {"budi.santoso", "0812-3456-789O", "'ayu'", "KUTA 77"}) {
        INFO(value);
        CHECK(log.find(value) == std::string::npos);
    }
}

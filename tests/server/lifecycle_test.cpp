#include "cityd_process.hpp"

#include <catch2/catch.hpp>
#include <httplib.h>

#include <csignal>
#include <fstream>

using namespace badung::cityd::test;

TEST_CASE("server prints its address and stops cleanly", "[lifecycle]") {
    for (const int signal_number : {SIGTERM, SIGINT}) {
        INFO("signal " << signal_number);
        CitydProcess server;
        CHECK(server.port() > 0);
        CHECK(server.output().find("badung-cityd: serving " + server.base_url()) != std::string::npos);
        CHECK(server.wait_for_output("event=start url=" + server.base_url()));

        CHECK(server.stop(signal_number) == 0);
        const std::string output = server.output();
        CHECK(output.find(signal_number == SIGINT ? "event=stop_requested signal=SIGINT"
                                                  : "event=stop_requested signal=SIGTERM") != std::string::npos);
        CHECK(output.find("result=clean") != std::string::npos);
    }
}

TEST_CASE("signal right after start stops the server", "[lifecycle]") {
    // The signal may arrive before the accept loop runs; it must still stop.
    for (int attempt = 0; attempt < 10; ++attempt) {
        INFO("attempt " << attempt);
        CitydProcess server;
        CHECK(server.stop(SIGTERM) == 0);
    }
}

TEST_CASE("failed requests are logged with the reason", "[lifecycle]") {
    CitydProcess server;
    httplib::Client client("127.0.0.1", server.port());
    const auto res = client.Get("/collections/nope");
    REQUIRE(res);
    CHECK(res->status == 404);

    CHECK(server.wait_for_output("event=request_failed method=GET path=/collections/nope status=404 "
                                 "reason=\"collection 'nope' does not exist"));
    const std::string output = server.output();
    const auto line_start = output.rfind('\n', output.find("event=request_failed")) + 1;
    CHECK(output.substr(line_start, 5) == "time=");
    CHECK(output.find("+08:00 event=request_failed") != std::string::npos);
}

TEST_CASE("restart keeps the requests and the schema", "[lifecycle]") {
    TempDir data_dir;
    CitydOptions options;
    options.data_dir = data_dir.path();
    std::string first_id;
    {
        CitydProcess server(options);
        httplib::Client client("127.0.0.1", server.port());
        const auto res = client.Post("/open311/v2/requests.json", "service_code=SMP-01&lat=-8.7&long=115.17",
                                     "application/x-www-form-urlencoded");
        REQUIRE(res);
        REQUIRE(res->status == 201);
        first_id = parse_json(res->body)[0]["service_request_id"].GetString();
    }
    CitydProcess server(options);
    CHECK(server.output().find("migration_applied") == std::string::npos);
    httplib::Client client("127.0.0.1", server.port());
    const auto res = client.Get(("/open311/v2/requests/" + first_id + ".json").c_str());
    REQUIRE(res);
    CHECK(res->status == 200);
}

TEST_CASE("CORS allows only listed origins", "[lifecycle]") {
    TempDir dir;
    const auto config = dir.path() / "cityd.conf";
    std::ofstream(config) << "cors_allow_origins = https://mitra.contoh.id\nservices_file = "
                          << (shipped_config().parent_path() / "services.json").string() << "\n";
    CitydOptions options;
    options.config = config;
    CitydProcess server(options);
    httplib::Client client("127.0.0.1", server.port());

    const auto allowed = client.Get("/collections", {{"Origin", "https://mitra.contoh.id"}});
    REQUIRE(allowed);
    CHECK(allowed->get_header_value("Access-Control-Allow-Origin") == "https://mitra.contoh.id");

    const auto other = client.Get("/collections", {{"Origin", "https://lain.contoh.id"}});
    REQUIRE(other);
    CHECK_FALSE(other->has_header("Access-Control-Allow-Origin"));

    const auto error = client.Post("/open311/v2/requests.json", {{"Origin", "https://mitra.contoh.id"}}, "x=1",
                                   "text/plain");
    REQUIRE(error);
    CHECK(error->status == 415);
    CHECK(error->get_header_value("Access-Control-Allow-Origin") == "https://mitra.contoh.id");

    const auto preflight = client.Options("/open311/v2/requests.json",
                                          {{"Origin", "https://mitra.contoh.id"},
                                           {"Access-Control-Request-Method", "POST"},
                                           {"Access-Control-Request-Headers", "content-type,idempotency-key"}});
    REQUIRE(preflight);
    CHECK(preflight->status == 204);
    CHECK(preflight->get_header_value("Access-Control-Allow-Headers").find("Idempotency-Key") != std::string::npos);
}

TEST_CASE("start-up errors name the problem", "[lifecycle]") {
    TempDir dir;
    const auto bad_config = dir.path() / "bad.conf";
    std::ofstream(bad_config) << "# comment\nthreads = 4\nbogus_key = 1\n";

    const std::vector<std::string> roots = {"--web-root", fixture_web_root().string(), "--data-root",
                                            fixture_data_root().string(), "--port", "0", "--data-dir",
                                            (dir.path() / "var").string()};

    auto args = roots;
    args.insert(args.end(), {"--config", bad_config.string()});
    const auto [config_status, config_output] = run_cityd_to_exit(args);
    CHECK(config_status == 1);
    CHECK(config_output.find("bad.conf:3: unknown key 'bogus_key'") != std::string::npos);

    const auto [usage_status, usage_output] = run_cityd_to_exit({"--port", "0"});
    CHECK(usage_status == 2);
    CHECK(usage_output.find("--web-root and --data-root are required") != std::string::npos);

    auto port_args = roots;
    port_args[5] = "http";
    const auto [port_status, port_output] = run_cityd_to_exit(port_args);
    CHECK(port_status == 2);
    CHECK(port_output.find("--port 'http'") != std::string::npos);

    const auto broken_services = dir.path() / "services.json";
    std::ofstream(broken_services) << R"({"services": [{"service_code": "A"}]})";
    const auto services_config = dir.path() / "services.conf";
    std::ofstream(services_config) << "services_file = services.json\n";
    auto services_args = roots;
    services_args.insert(services_args.end(), {"--config", services_config.string()});
    const auto [services_status, services_output] = run_cityd_to_exit(services_args);
    CHECK(services_status == 1);
    CHECK(services_output.find("service A: missing string field \"service_name\"") != std::string::npos);
}

TEST_CASE("missing served folder stops start-up", "[lifecycle]") {
    TempDir dir;
    const std::string missing = (dir.path() / "nonexistent").string();
    for (const std::size_t value_index : {std::size_t{1}, std::size_t{3}}) {
        std::vector<std::string> args = {"--web-root", fixture_web_root().string(), "--data-root",
                                         fixture_data_root().string(), "--port", "0", "--data-dir",
                                         (dir.path() / "var").string()};
        args[value_index] = missing;
        INFO(args[value_index - 1]);

        const auto [status, output] = run_cityd_to_exit(args);
        CHECK(status == 1);
        CHECK(output.find(args[value_index - 1] + " folder '" + missing + "' does not exist") != std::string::npos);
        CHECK(output.find("serving") == std::string::npos);
    }
}

TEST_CASE("busy port is a start-up error", "[lifecycle]") {
    CitydProcess first;
    TempDir dir;

    const auto [status, output] = run_cityd_to_exit(
        {"--web-root", fixture_web_root().string(), "--data-root", fixture_data_root().string(), "--port",
         std::to_string(first.port()), "--data-dir", (dir.path() / "var").string()});
    CHECK(status == 1);
    CHECK(output.find("cannot listen on 127.0.0.1:" + std::to_string(first.port())) != std::string::npos);
}

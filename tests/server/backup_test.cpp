#include "report_test_support.hpp"

#include <catch2/catch.hpp>

#include <atomic>
#include <mutex>
#include <set>
#include <thread>

using namespace badung::cityd::test;

TEST_CASE("online backup copies the database while clients post", "[backup]") {
    TempDir dir;
    CitydOptions options;
    options.config = write_config(dir.path(), "rate_limit_posts_per_minute = 0");
    CitydProcess server(options);

    std::atomic<bool> stop = false;
    std::mutex mutex;
    std::vector<std::string> acknowledged;
    std::atomic<int> failures = 0;
    std::vector<std::thread> senders;
    for (int t = 0; t < 4; ++t) {
        senders.emplace_back([&] {
            httplib::Client client("127.0.0.1", server.port());
            while (!stop) {
                const auto res = post_road_report(client);
                if (!res || res->status != 201) {
                    ++failures;
                    continue;
                }
                const std::lock_guard lock(mutex);
                acknowledged.push_back(request_id_of(res->body));
            }
        });
    }

    // Let some requests land, then back up three times while they go on.
    for (bool enough = false; !enough;) {
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
        const std::lock_guard lock(mutex);
        enough = acknowledged.size() >= 20;
    }
    std::vector<std::pair<std::size_t, std::filesystem::path>> backups;
    for (int round = 0; round < 3; ++round) {
        std::size_t before = 0;
        {
            const std::lock_guard lock(mutex);
            before = acknowledged.size();
        }
        const auto out = dir.path() / ("backup-" + std::to_string(round) + ".sqlite");
        const auto [status, output] = run_cityd_to_exit({"backup", "--data-dir", server.data_dir().string(), "--out",
                                                         out.string()});
        INFO(output);
        REQUIRE(status == 0);
        CHECK(output.find("service requests copied to " + out.string()) != std::string::npos);
        backups.emplace_back(before, out);
    }
    stop = true;
    for (auto& sender : senders) {
        sender.join();
    }
    CHECK(failures == 0);

    for (const auto& [before, file] : backups) {
        INFO(file.string());
        CHECK(query_database(file, "PRAGMA integrity_check").at(0) == "ok");
        CHECK(query_database(file, "PRAGMA journal_mode").at(0) == "delete");
        const auto ids = query_database(file, "SELECT service_request_id FROM service_requests");
        CHECK(ids.size() >= before);
        CHECK(std::set<std::string>(ids.begin(), ids.end()).size() == ids.size());
        CHECK(query_database(file, "SELECT MAX(version) FROM schema_migrations").at(0) == "2");
    }
    CHECK_FALSE(std::filesystem::exists(backups[0].second.string() + ".partial"));
}

TEST_CASE("backup reports a missing database and bad options", "[backup]") {
    TempDir dir;
    const auto [missing_status, missing_output] =
        run_cityd_to_exit({"backup", "--data-dir", (dir.path() / "nope").string(), "--out",
                           (dir.path() / "b.sqlite").string()});
    CHECK(missing_status == 1);
    CHECK(missing_output.find("no database at") != std::string::npos);

    const auto [usage_status, usage_output] = run_cityd_to_exit({"backup", "--data-dir", dir.path().string()});
    CHECK(usage_status == 2);
    CHECK(usage_output.find("--out is required") != std::string::npos);
}

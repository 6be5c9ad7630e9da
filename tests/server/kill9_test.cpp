// Durability under kill -9: clients keep posting while the server is killed
// with SIGKILL and restarted at random instants. Every request acknowledged
// with 201 must be stored exactly once, and a retry with the same
// Idempotency-Key after a restart must return the same service_request_id.
#include "report_test_support.hpp"

#include <catch2/catch.hpp>

#include <atomic>
#include <csignal>
#include <map>
#include <mutex>
#include <random>
#include <thread>

using namespace badung::cityd::test;

namespace {

constexpr int restart_cycles = 50;
constexpr int client_count = 8;

struct Acknowledged {
    std::string key;
    std::string service_request_id;
};

// Shared state of the sender threads. No Catch2 macros run in them.
struct Senders {
    std::atomic<int> port{0};
    std::atomic<bool> finish{false};
    std::atomic<int> attempts{0};
    std::atomic<int> unexpected{0};
    std::mutex mutex;
    std::vector<Acknowledged> acknowledged;
    std::vector<std::string> unexpected_bodies;
};

// Sends reports one after another. Each report is retried with its own key
// until the server acknowledges it, across any number of restarts.
void send_reports(Senders& senders, int client) {
    for (int n = 0; !senders.finish; ++n) {
        const std::string key = "kill9-" + std::to_string(client) + "-" + std::to_string(n);
        const std::string fields = "&service_code=SMP-01&description=" + key;
        while (true) {
            httplib::Client http("127.0.0.1", senders.port.load());
            http.set_connection_timeout(1);
            http.set_read_timeout(5);
            ++senders.attempts;
            const auto res = http.Post("/open311/v2/requests.json", {{"Idempotency-Key", key}},
                                       "lat=-8.7&long=115.17" + fields, form_type);
            if (res && res->status == 201) {
                const std::lock_guard lock(senders.mutex);
                senders.acknowledged.push_back({key, request_id_of(res->body)});
                break;
            }
            if (res) {
                // Any other status is a server bug, not a crash artefact.
                ++senders.unexpected;
                const std::lock_guard lock(senders.mutex);
                senders.unexpected_bodies.push_back(std::to_string(res->status) + " " + res->body);
                break;
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(5));
        }
    }
}

} // namespace

TEST_CASE("kill -9 loses and duplicates no acknowledged request", "[kill9]") {
    TempDir dir;
    TempDir data_dir;
    CitydOptions options;
    options.config = write_config(dir.path(), "rate_limit_posts_per_minute = 0");
    options.data_dir = data_dir.path();

    Senders senders;
    auto server = std::make_unique<CitydProcess>(options);
    senders.port = server->port();
    std::vector<std::thread> threads;
    for (int client = 0; client < client_count; ++client) {
        threads.emplace_back([&senders, client] { send_reports(senders, client); });
    }

    std::mt19937 random(20261204);
    std::uniform_int_distribution<int> alive_ms(5, 120);
    int killed = 0;
    for (int cycle = 0; cycle < restart_cycles; ++cycle) {
        std::this_thread::sleep_for(std::chrono::milliseconds(alive_ms(random)));
        if (server->stop(SIGKILL) == 128 + SIGKILL) {
            ++killed;
        }
        server = std::make_unique<CitydProcess>(options);
        senders.port = server->port();
    }

    // Let every client finish the report it is sending on the last server.
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    senders.finish = true;
    for (auto& thread : threads) {
        thread.join();
    }

    INFO("attempts " << senders.attempts << ", acknowledged " << senders.acknowledged.size());
    CHECK(killed == restart_cycles);
    CHECK(senders.unexpected == 0);
    for (const auto& body : senders.unexpected_bodies) {
        FAIL_CHECK("unexpected response: " << body);
    }
    REQUIRE(senders.acknowledged.size() > static_cast<std::size_t>(restart_cycles));

    std::map<std::string, std::string> stored_ids;
    for (const auto& row : query_database(server->database(),
                                          "SELECT description || ' ' || service_request_id FROM service_requests")) {
        const auto space = row.find(' ');
        const std::string key = row.substr(0, space);
        CHECK(stored_ids.count(key) == 0); // stored at most once
        stored_ids[key] = row.substr(space + 1);
    }
    for (const auto& [key, id] : senders.acknowledged) {
        INFO(key);
        REQUIRE(stored_ids.count(key) == 1);
        CHECK(stored_ids[key] == id);
    }
    // Every stored request was acknowledged: the clients retried each until 201.
    CHECK(stored_ids.size() == senders.acknowledged.size());
}

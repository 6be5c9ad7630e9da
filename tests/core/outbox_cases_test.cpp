#include "core/open311/form_fields.hpp"
#include "core/outbox/outbox.hpp"
#include "core/outbox/outbox_json.hpp"
#include "core/time/date_time.hpp"

#include "fake_open311_server.hpp"
#include "test_data.hpp"

#include <catch2/catch.hpp>
#include <rapidjson/document.h>

#include <map>
#include <memory>
#include <string>
#include <vector>

using namespace badung;
using badung::test::read_test_file;

namespace {

rapidjson::Document read_json(const std::string& relative_path) {
    rapidjson::Document doc;
    doc.Parse(read_test_file(relative_path).c_str());
    REQUIRE_FALSE(doc.HasParseError());
    return doc;
}

// A counter as the random source: deterministic keys and jitter.
outbox::RandomSource counting_random() {
    auto next = std::make_shared<std::uint32_t>(0x9E3779B9u);
    return [next] {
        *next = *next * 1'664'525u + 1'013'904'223u;
        return *next;
    };
}

// Splits a report object of a case file into its local id, created_at and
// the form fields to POST.
struct CaseReport {
    std::string local_id;
    time::DateTime created_at;
    open311::FormFields fields;
};

CaseReport case_report(const rapidjson::Value& object) {
    rapidjson::Document copy;
    copy.CopyFrom(object, copy.GetAllocator());

    CaseReport report;
    report.local_id = copy["local_id"].GetString();
    copy.RemoveMember("local_id");
    if (copy.HasMember("created_at")) {
        report.created_at = time::parse_date_time(copy["created_at"].GetString());
        copy.RemoveMember("created_at");
    }
    report.fields = open311::form_fields_from_json(copy);
    return report;
}

// The browser side of the outbox in miniature: a replay takes the next ticket,
// POSTs it to the fake server and, when the response arrives, records it and
// replays again, as the app's fetch adapter does.
class Replayer {
public:
    Replayer(outbox::Outbox& box, FakeClock& clock, FakeOpen311Server& server)
        : m_box(box), m_clock(clock), m_server(server) {}

    bool online = true;
    bool drop_next_response = false;
    std::int64_t client_timeout_ms = 30'000;

    void replay() {
        auto ticket = m_box.next_to_send(m_clock.now());
        if (!ticket) {
            return;
        }
        if (!online) {
            m_box.record_outcome(*ticket, outbox::SendOutcome::network_error("offline"), m_clock.now());
            schedule_due();
            return;
        }

        ++m_in_flight[ticket->local_id];
        m_max_in_flight = std::max(m_max_in_flight, m_in_flight[ticket->local_id]);
        auto [body, arrives_ms] = m_server.receive(ticket->idempotency_key, ticket->fields, m_clock.now());

        if (drop_next_response) {
            drop_next_response = false;
            m_clock.at(m_clock.now() + client_timeout_ms, [this, ticket = *ticket] {
                finish(ticket, outbox::SendOutcome::timed_out());
            });
            return;
        }
        m_clock.at(arrives_ms, [this, ticket = *ticket, body = body] {
            finish(ticket, outbox::outcome_from_http(201, body));
        });
    }

    int max_in_flight_per_item() const { return m_max_in_flight; }

private:
    void finish(const outbox::SendTicket& ticket, const outbox::SendOutcome& outcome) {
        --m_in_flight[ticket.local_id];
        m_box.record_outcome(ticket, outcome, m_clock.now());
        schedule_due();
        replay();
    }

    // The app's timer for the next resend after a backoff.
    void schedule_due() {
        if (const auto due = m_box.next_due_ms(); due && *due > m_clock.now()) {
            m_clock.at(*due, [this] { replay(); });
        }
    }

    outbox::Outbox& m_box;
    FakeClock& m_clock;
    FakeOpen311Server& m_server;
    std::map<std::string, int> m_in_flight;
    int m_max_in_flight = 0;
};

std::vector<std::string> response_ids(const rapidjson::Value& responses) {
    std::vector<std::string> ids;
    for (const auto& response : responses.GetArray()) {
        ids.emplace_back(response[0]["service_request_id"].GetString());
    }
    return ids;
}

std::map<std::string, std::string> sent_ids(outbox::Outbox& box) {
    std::map<std::string, std::string> ids;
    for (const auto& item : box.take_sent()) {
        ids[item.local_id] = item.service_request_id;
    }
    return ids;
}

const std::string case_022 = "cases/022-outbox-concurrent-replay/";
const std::string case_025 = "cases/025-double-submit/";

} // namespace

TEST_CASE("case 022 concurrent replays send once", "[outbox][case]") {
    const auto stored_reports = read_json(case_022 + "outbox.json");
    const auto scenario = read_json(case_022 + "scenario.json");
    const auto expected = read_json(case_022 + "expected.json");

    // The reports were queued offline in an earlier session and stored.
    outbox::Outbox earlier(counting_random());
    earlier.merge_loaded({});
    for (const auto& object : stored_reports.GetArray()) {
        CaseReport report = case_report(object);
        REQUIRE(earlier.enqueue(report.local_id, report.fields, report.created_at));
    }
    const std::string stored = outbox::items_to_json(earlier.items());

    FakeClock clock;
    FakeOpen311Server server(response_ids(scenario["server"]["responses_in_arrival_order"]),
                             scenario["server"]["latency_ms"].GetInt64());
    outbox::Outbox box(counting_random());
    Replayer replayer(box, clock, server);

    const auto loaded = outbox::items_from_json(stored);
    REQUIRE(loaded.problems.empty());
    box.merge_loaded(loaded.items);

    for (const auto& trigger : scenario["triggers"].GetArray()) {
        clock.at(trigger["t_ms"].GetInt64(), [&] { replayer.replay(); });
    }
    clock.run_until(60'000);

    CHECK(server.posts().size() == expected["posts_received"].GetUint());

    std::map<std::string, int> by_description;
    for (const auto& post : server.posts()) {
        ++by_description[std::string(post.fields.first("description").value_or(""))];
    }
    for (const auto& member : expected["posts_by_description"].GetObject()) {
        CHECK(by_description[member.name.GetString()] == member.value.GetInt());
    }

    // Match each POST to its report by idempotency key to get the post order.
    std::vector<std::string> post_order;
    for (const auto& post : server.posts()) {
        for (const auto& item : box.items()) {
            if (item.idempotency_key == post.idempotency_key) {
                post_order.push_back(item.local_id);
            }
        }
    }
    std::vector<std::string> expected_order;
    for (const auto& id : expected["post_order"].GetArray()) {
        expected_order.emplace_back(id.GetString());
    }
    CHECK(post_order == expected_order);
    CHECK(replayer.max_in_flight_per_item() == expected["max_in_flight_posts_per_item"].GetInt());

    CHECK(box.unsent_count() == expected["outbox_after"].Size());
    std::map<std::string, std::string> expected_records;
    for (const auto& member : expected["local_records"].GetObject()) {
        expected_records[member.name.GetString()] = member.value.GetString();
    }
    CHECK(sent_ids(box) == expected_records);
    CHECK(box.items().empty());
}

TEST_CASE("case 025 double tap online", "[outbox][case]") {
    const auto form = read_json(case_025 + "form.json");
    const auto scenario = read_json(case_025 + "scenario.json");
    const auto expected = read_json(case_025 + "expected.json");
    const CaseReport report = case_report(form);

    FakeClock clock;
    FakeOpen311Server server({scenario["server_response"][0]["service_request_id"].GetString()},
                             scenario["server_latency_ms"].GetInt64());
    outbox::Outbox box(counting_random());
    box.merge_loaded({});
    Replayer replayer(box, clock, server);

    // Every tap and the Enter key submit the same form: enqueue, then replay.
    for (const auto& event : scenario["online"].GetArray()) {
        clock.at(event["t_ms"].GetInt64(), [&] {
            box.enqueue(report.local_id, report.fields, time::DateTime{clock.now(), 480});
            replayer.replay();
        });
    }
    clock.run_until(10'000);

    CHECK(server.posts().size() == expected["online"]["posts"].GetUint());
    CHECK(box.items().size() == expected["online"]["local_records"].GetUint());

    std::vector<std::string> shown;
    for (const auto& item : box.items()) {
        shown.push_back(item.service_request_id);
    }
    std::vector<std::string> expected_shown;
    for (const auto& id : expected["online"]["shown_request_ids"].GetArray()) {
        expected_shown.emplace_back(id.GetString());
    }
    CHECK(shown == expected_shown);
}

TEST_CASE("case 025 double tap offline", "[outbox][case]") {
    const auto form = read_json(case_025 + "form.json");
    const auto scenario = read_json(case_025 + "scenario.json");
    const auto expected = read_json(case_025 + "expected.json");
    const CaseReport report = case_report(form);

    FakeClock clock;
    FakeOpen311Server server({scenario["server_response"][0]["service_request_id"].GetString()},
                             scenario["server_latency_ms"].GetInt64());
    outbox::Outbox box(counting_random());
    box.merge_loaded({});
    Replayer replayer(box, clock, server);
    replayer.online = false;

    const auto& events = scenario["offline"].GetArray();
    const std::int64_t online_at = events[events.Size() - 1]["t_ms"].GetInt64();
    for (rapidjson::SizeType i = 0; i + 1 < events.Size(); ++i) {
        clock.at(events[i]["t_ms"].GetInt64(), [&] {
            box.enqueue(report.local_id, report.fields, time::DateTime{clock.now(), 480});
            replayer.replay();
        });
    }
    clock.run_until(online_at - 1);
    CHECK(box.unsent_count() == expected["offline"]["outbox_items_before_online"].GetUint());
    CHECK(server.posts().empty());

    clock.at(online_at, [&] {
        replayer.online = true;
        box.reset_backoff(clock.now());
        replayer.replay();
    });
    clock.run_until(online_at + 60'000);

    CHECK(server.posts().size() == expected["offline"]["posts_after_online"].GetUint());
    REQUIRE(box.items().size() == 1);
    CHECK(box.items()[0].state == outbox::ItemState::sent);
    CHECK(box.items()[0].service_request_id == "BDG-3001");
}

TEST_CASE("case 025 lost response reuses key", "[outbox][case]") {
    const auto form = read_json(case_025 + "form.json");
    const auto scenario = read_json(case_025 + "scenario.json");
    const CaseReport report = case_report(form);

    FakeClock clock;
    FakeOpen311Server server({"BDG-3001", "BDG-3002"}, scenario["server_latency_ms"].GetInt64());
    outbox::Outbox box(counting_random());
    box.merge_loaded({});
    Replayer replayer(box, clock, server);

    // The server commits the first POST, but its response never arrives: the
    // client times out after 30 s and resends after the backoff.
    replayer.drop_next_response = true;
    clock.at(0, [&] {
        box.enqueue(report.local_id, report.fields, time::DateTime{0, 480});
        replayer.replay();
    });
    clock.run_until(10 * 60'000);

    REQUIRE(server.posts().size() == 2);
    CHECK(server.posts()[0].idempotency_key == server.posts()[1].idempotency_key);
    CHECK(server.posts()[1].received_ms > 30'000);
    CHECK(server.created_count() == 1);
    REQUIRE(box.items().size() == 1);
    CHECK(box.items()[0].state == outbox::ItemState::sent);
    CHECK(box.items()[0].service_request_id == "BDG-3001");
    CHECK(box.items()[0].attempts == 2);
}

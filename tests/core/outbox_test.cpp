#include "core/outbox/outbox.hpp"
#include "core/outbox/outbox_json.hpp"
#include "core/outbox/retry_policy.hpp"
#include "core/outbox/send_outcome.hpp"
#include "core/time/date_time.hpp"
#include "core/time/local_day.hpp"

#include <catch2/catch.hpp>

#include <memory>
#include <set>
#include <string>
#include <vector>

using namespace badung;
using outbox::ItemState;
using outbox::Outbox;
using outbox::SendOutcome;

namespace {

// Returns the values in order, then repeats them.
outbox::RandomSource fixed_random(std::vector<std::uint32_t> values) {
    auto state = std::make_shared<std::pair<std::vector<std::uint32_t>, std::size_t>>(std::move(values), 0);
    return [state] {
        const std::uint32_t value = state->first[state->second % state->first.size()];
        ++state->second;
        return value;
    };
}

outbox::RandomSource counting_random() {
    auto next = std::make_shared<std::uint32_t>(1);
    return [next] {
        *next = *next * 1'664'525u + 1'013'904'223u;
        return *next;
    };
}

open311::FormFields report_fields(const std::string& description) {
    return {{"service_code", "JLN-01"}, {"lat", "-8.7177"}, {"long", "115.1691"}, {"description", description}};
}

time::DateTime created(std::int64_t ms = 0) {
    return time::DateTime{ms, time::wita_offset_minutes};
}

Outbox loaded_outbox(outbox::RetryPolicy policy = {}) {
    Outbox box(counting_random(), policy);
    box.merge_loaded({});
    return box;
}

} // namespace

TEST_CASE("outbox enqueue same local id", "[outbox]") {
    Outbox box = loaded_outbox();
    CHECK(box.enqueue("u9", report_fields("first"), created()));
    CHECK_FALSE(box.enqueue("u9", report_fields("second"), created(120)));

    REQUIRE(box.items().size() == 1);
    CHECK(box.items()[0].fields.first("description") == "first");
    CHECK_THROWS_AS(box.enqueue("", report_fields("x"), created()), std::invalid_argument);
}

TEST_CASE("outbox needs a random source", "[outbox]") {
    CHECK_THROWS_AS(Outbox(outbox::RandomSource{}), std::invalid_argument);
}

TEST_CASE("idempotency key is a UUID v4", "[outbox]") {
    const std::string key = outbox::make_uuid_v4(fixed_random({0xFFFFFFFFu}));
    CHECK(key == "ffffffff-ffff-4fff-bfff-ffffffffffff");
    CHECK(outbox::make_uuid_v4(fixed_random({0u})) == "00000000-0000-4000-8000-000000000000");
    CHECK(outbox::make_uuid_v4(fixed_random({0x01234567u, 0x89ABCDEFu, 0x01234567u, 0x89ABCDEFu})) ==
          "01234567-89ab-4def-8123-456789abcdef");

    Outbox box = loaded_outbox();
    box.enqueue("u1", report_fields("a"), created());
    box.enqueue("u2", report_fields("b"), created());
    CHECK(box.items()[0].idempotency_key != box.items()[1].idempotency_key);
    CHECK(box.items()[0].idempotency_key.size() == 36);
}

TEST_CASE("outbox sends nothing before load", "[outbox]") {
    Outbox box(counting_random());
    box.enqueue("u1", report_fields("a"), created());
    CHECK_FALSE(box.loaded());
    CHECK_FALSE(box.next_to_send(0));

    box.merge_loaded({});
    CHECK(box.loaded());
    CHECK(box.next_to_send(0));
}

TEST_CASE("outbox one send in flight, FIFO", "[outbox]") {
    Outbox box = loaded_outbox();
    box.enqueue("u1", report_fields("a"), created());
    box.enqueue("u2", report_fields("b"), created());

    const auto first = box.next_to_send(0);
    REQUIRE(first);
    CHECK(first->local_id == "u1");
    CHECK(first->attempt == 1);
    CHECK(first->idempotency_key == box.items()[0].idempotency_key);
    CHECK(first->fields.first("description") == "a");
    CHECK(box.items()[0].state == ItemState::sending);

    CHECK_FALSE(box.next_to_send(5));
    CHECK_FALSE(box.next_to_send(900));
    CHECK_FALSE(box.next_due_ms());

    CHECK(box.record_outcome(*first, SendOutcome::accepted("BDG-1001"), 2000));
    CHECK(box.items()[0].state == ItemState::sent);
    CHECK(box.items()[0].service_request_id == "BDG-1001");

    const auto second = box.next_to_send(2000);
    REQUIRE(second);
    CHECK(second->local_id == "u2");
    CHECK(box.unsent_count() == 1);
}

TEST_CASE("outbox retry keeps key, backs off", "[outbox]") {
    outbox::RetryPolicy policy;
    policy.base_delay_ms = 1000;
    policy.jitter = 0.0;
    Outbox box = loaded_outbox(policy);
    box.enqueue("u1", report_fields("a"), created());
    box.enqueue("u2", report_fields("b"), created());

    const auto first = box.next_to_send(0);
    REQUIRE(first);
    box.record_outcome(*first, outbox::outcome_from_http(503, "busy"), 100);
    CHECK(box.items()[0].state == ItemState::pending);
    CHECK(box.items()[0].next_attempt_ms == 1100);
    CHECK(box.items()[0].last_error == "HTTP 503");
    CHECK(box.next_due_ms() == 1100);

    // The head waits for its backoff and u2 waits behind it.
    CHECK_FALSE(box.next_to_send(1099));

    const auto second = box.next_to_send(1100);
    REQUIRE(second);
    CHECK(second->local_id == "u1");
    CHECK(second->attempt == 2);
    CHECK(second->idempotency_key == first->idempotency_key);

    box.record_outcome(*second, SendOutcome::network_error("offline"), 1200);
    CHECK(box.items()[0].next_attempt_ms == 1200 + 2000);

    box.reset_backoff(1300);
    CHECK(box.next_due_ms() == 1300);
}

TEST_CASE("outbox Retry-After lengthens backoff", "[outbox]") {
    outbox::RetryPolicy policy;
    policy.jitter = 0.0;
    Outbox box = loaded_outbox(policy);
    box.enqueue("u1", report_fields("a"), created());

    const auto ticket = box.next_to_send(0);
    REQUIRE(ticket);
    box.record_outcome(*ticket, outbox::outcome_from_http(429, "", 60'000), 0);
    CHECK(box.items()[0].next_attempt_ms == 60'000);
}

TEST_CASE("outbox rejected item needs fix", "[outbox]") {
    Outbox box = loaded_outbox();
    box.enqueue("u1", report_fields("a"), created());
    box.enqueue("u2", report_fields("b"), created());

    const auto first = box.next_to_send(0);
    REQUIRE(first);
    const auto outcome =
        outbox::outcome_from_http(400, R"([{"code":400,"description":"lat is outside Badung"}])");
    CHECK(box.record_outcome(*first, outcome, 10));
    CHECK(box.items()[0].state == ItemState::needs_fix);
    CHECK(box.items()[0].http_status == 400);
    CHECK(box.items()[0].last_error == "HTTP 400; lat is outside Badung");

    // The rejected item no longer blocks the queue.
    const auto second = box.next_to_send(10);
    REQUIRE(second);
    CHECK(second->local_id == "u2");
    box.record_outcome(*second, SendOutcome::accepted("BDG-2"), 20);

    CHECK_FALSE(box.resubmit("u2", report_fields("b"), 30));
    CHECK(box.resubmit("u1", report_fields("a, fixed"), 30));
    CHECK(box.items()[0].state == ItemState::pending);
    CHECK(box.items()[0].idempotency_key != first->idempotency_key);

    const auto again = box.next_to_send(30);
    REQUIRE(again);
    CHECK(again->local_id == "u1");
    CHECK(again->attempt == 1);
    CHECK(again->fields.first("description") == "a, fixed");
}

TEST_CASE("outbox send timeout and late outcome", "[outbox]") {
    outbox::RetryPolicy policy;
    policy.send_timeout_ms = 60'000;
    policy.jitter = 0.0;
    policy.base_delay_ms = 1000;
    Outbox box = loaded_outbox(policy);
    box.enqueue("u1", report_fields("a"), created());

    const auto lost = box.next_to_send(0);
    REQUIRE(lost);
    CHECK_FALSE(box.next_to_send(59'999));

    // The lost send is taken as failed, and the resend waits its backoff.
    CHECK_FALSE(box.next_to_send(60'000));
    const auto resend = box.next_to_send(61'000);
    REQUIRE(resend);
    CHECK(resend->idempotency_key == lost->idempotency_key);
    CHECK(resend->attempt == 2);

    // A late failure of the lost send changes nothing; a late success counts.
    CHECK_FALSE(box.record_outcome(*lost, SendOutcome::timed_out(), 61'500));
    CHECK(box.items()[0].state == ItemState::sending);
    CHECK(box.record_outcome(*lost, SendOutcome::accepted("BDG-7"), 61'600));
    CHECK(box.items()[0].state == ItemState::sent);
    CHECK_FALSE(box.record_outcome(*resend, SendOutcome::accepted("BDG-7"), 61'700));
    CHECK(box.items()[0].service_request_id == "BDG-7");
}

TEST_CASE("outbox ignores foreign tickets", "[outbox]") {
    Outbox box = loaded_outbox();
    box.enqueue("u1", report_fields("a"), created());
    auto ticket = box.next_to_send(0);
    REQUIRE(ticket);

    outbox::SendTicket other = *ticket;
    other.idempotency_key = "another-key";
    CHECK_FALSE(box.record_outcome(other, SendOutcome::accepted("X"), 1));
    other.local_id = "u404";
    CHECK_FALSE(box.record_outcome(other, SendOutcome::accepted("X"), 1));
    CHECK(box.items()[0].state == ItemState::sending);
}

TEST_CASE("outbox discard and take sent", "[outbox]") {
    Outbox box = loaded_outbox();
    box.enqueue("u1", report_fields("a"), created());
    box.enqueue("u2", report_fields("b"), created());
    box.enqueue("u3", report_fields("c"), created());

    const auto ticket = box.next_to_send(0);
    REQUIRE(ticket);
    CHECK_FALSE(box.discard("u1"));
    CHECK(box.discard("u3"));
    CHECK_FALSE(box.discard("u3"));

    box.record_outcome(*ticket, SendOutcome::accepted("BDG-1"), 1);
    const auto sent = box.take_sent();
    REQUIRE(sent.size() == 1);
    CHECK(sent[0].local_id == "u1");
    REQUIRE(box.items().size() == 1);
    CHECK(box.items()[0].local_id == "u2");
}

TEST_CASE("retry delay grows with jitter", "[outbox]") {
    outbox::RetryPolicy policy;
    policy.base_delay_ms = 2000;
    policy.max_delay_ms = 300'000;
    policy.jitter = 0.5;

    CHECK(outbox::retry_delay_ms(policy, 1, 0.0) == 1000);
    CHECK(outbox::retry_delay_ms(policy, 1, 0.999) == 1999);
    CHECK(outbox::retry_delay_ms(policy, 2, 0.0) == 2000);
    CHECK(outbox::retry_delay_ms(policy, 3, 0.5) == 6000);
    CHECK(outbox::retry_delay_ms(policy, 20, 0.0) == 150'000);
    CHECK(outbox::retry_delay_ms(policy, 1000, 1.0) == 300'000);

    policy.jitter = 0.0;
    CHECK(outbox::retry_delay_ms(policy, 4, 0.7) == 16'000);
}

TEST_CASE("HTTP status classification", "[outbox]") {
    using Kind = SendOutcome::Kind;
    CHECK(outbox::outcome_from_http(201, R"([{"service_request_id":"BDG-1"}])").kind == Kind::accepted);
    CHECK(outbox::outcome_from_http(200, R"([{"token":"t-1"}])").token == "t-1");
    CHECK(outbox::outcome_from_http(200, "<html>").kind == Kind::retry);
    CHECK(outbox::outcome_from_http(400, "").kind == Kind::rejected);
    CHECK(outbox::outcome_from_http(403, "").kind == Kind::rejected);
    CHECK(outbox::outcome_from_http(422, "").kind == Kind::rejected);
    CHECK(outbox::outcome_from_http(404, "Not Found").reason == "HTTP 404: Not Found");
    for (const int status : {408, 409, 425, 429, 500, 502, 503, 504, 302}) {
        INFO("status " << status);
        CHECK(outbox::outcome_from_http(status, "").kind == Kind::retry);
    }
    CHECK(SendOutcome::timed_out().kind == Kind::retry);
    CHECK(SendOutcome::timed_out().http_status == 0);
}

TEST_CASE("outbox JSON round trip", "[outbox]") {
    Outbox box = loaded_outbox();
    box.enqueue("u1", {{"description", "Jalan \"berlubang\"\ndi depan"}, {"attribute[JENIS][]", "a"},
                       {"attribute[JENIS][]", "b"}},
                time::parse_date_time("2026-12-04T06:10:00+08:00"));
    box.enqueue("u2", report_fields("b"), time::parse_date_time("2026-12-04T06:25:00.125Z"));
    box.enqueue("u3", report_fields("c"), created());

    const auto ticket = box.next_to_send(0);
    box.record_outcome(*ticket, outbox::outcome_from_http(503, ""), 10);
    const auto second_box_ticket = box.next_to_send(1'000'000);
    REQUIRE(second_box_ticket);

    const std::string json = outbox::items_to_json(box.items());
    CHECK_THAT(json, Catch::Contains("\"created_at\":\"2026-12-04T06:10:00+08:00\""));
    CHECK_THAT(json, Catch::Contains("\"created_at\":\"2026-12-04T06:25:00.125Z\""));

    // Everything but the start of a send in flight is stored, because a
    // stored send in flight is resent after loading anyway.
    auto expected = box.items();
    REQUIRE(expected[0].state == ItemState::sending);
    expected[0].sending_since_ms = 0;

    const auto loaded = outbox::items_from_json(json);
    CHECK(loaded.problems.empty());
    CHECK(loaded.items == expected);
}

TEST_CASE("outbox JSON keeps good items", "[outbox]") {
    const auto loaded = outbox::items_from_json(R"({"format":"badung-outbox","version":1,"items":[
        {"local_id":"u1","idempotency_key":"k1","state":"pending","created_at":"2026-12-04T06:10:00+08:00",
         "fields":[["description","ok"]]},
        {"local_id":"u2","idempotency_key":"k2","state":"pending","created_at":"2026-12-04T06:10:00"},
        {"local_id":"u3","state":"pending","created_at":"2026-12-04T06:10:00Z"},
        {"local_id":"u4","idempotency_key":"k4","state":"lost","created_at":"2026-12-04T06:10:00Z"},
        {"local_id":"u5","idempotency_key":"k5","state":"sent","created_at":"2026-12-04T06:10:00Z",
         "fields":[["description"]]},
        7
    ]})");

    REQUIRE(loaded.items.size() == 1);
    CHECK(loaded.items[0].local_id == "u1");
    CHECK(loaded.items[0].fields.first("description") == "ok");

    REQUIRE(loaded.problems.size() == 5);
    CHECK(loaded.problems[0].local_id == "u2");
    CHECK_THAT(loaded.problems[0].message, Catch::Contains("offset is missing"));
    CHECK_THAT(loaded.problems[1].message, Catch::Contains("\"idempotency_key\" is missing"));
    CHECK_THAT(loaded.problems[2].message, Catch::Contains("state \"lost\""));
    CHECK_THAT(loaded.problems[3].message, Catch::Contains("[name, value]"));
    CHECK(loaded.problems[4].index == 5);
}

TEST_CASE("outbox JSON rejects other documents", "[outbox]") {
    CHECK_THROWS_AS(outbox::items_from_json("[1,2"), outbox::InvalidOutboxJson);
    CHECK_THROWS_AS(outbox::items_from_json("[]"), outbox::InvalidOutboxJson);
    CHECK_THROWS_AS(outbox::items_from_json(R"({"format":"badung-outbox","version":2,"items":[]})"),
                    outbox::InvalidOutboxJson);
    CHECK_THROWS_AS(outbox::items_from_json(R"({"format":"badung-outbox","version":1})"),
                    outbox::InvalidOutboxJson);
}

TEST_CASE("outbox merge keeps early enqueue", "[outbox]") {
    // The stored outbox from the last session holds u1 and u2.
    Outbox earlier = loaded_outbox();
    earlier.enqueue("u1", report_fields("a"), created());
    earlier.enqueue("u2", report_fields("b"), created());
    const auto in_flight = earlier.next_to_send(0); // the page closed during this send
    REQUIRE(in_flight);
    const auto stored = outbox::items_from_json(outbox::items_to_json(earlier.items())).items;

    // Before the store finished loading, the user submitted u3 and tapped u2 again.
    Outbox box(counting_random());
    CHECK(box.enqueue("u3", report_fields("c"), created()));
    CHECK(box.enqueue("u2", report_fields("b"), created()));
    box.merge_loaded(stored);

    REQUIRE(box.items().size() == 3);
    CHECK(box.items()[0].local_id == "u1");
    CHECK(box.items()[1].local_id == "u2");
    CHECK(box.items()[2].local_id == "u3");

    // u2 keeps its stored key; the cut-off send of u1 goes out again with its key.
    CHECK(box.items()[1].idempotency_key == earlier.items()[1].idempotency_key);
    CHECK(box.items()[0].state == ItemState::pending);
    const auto resend = box.next_to_send(0);
    REQUIRE(resend);
    CHECK(resend->local_id == "u1");
    CHECK(resend->idempotency_key == in_flight->idempotency_key);
}

TEST_CASE("outbox merge prefers progress", "[outbox]") {
    outbox::OutboxItem stored_sent;
    stored_sent.local_id = "u1";
    stored_sent.idempotency_key = "stored-key";
    stored_sent.state = ItemState::sent;
    stored_sent.service_request_id = "BDG-1";

    outbox::OutboxItem stored_pending = stored_sent;
    stored_pending.local_id = "u2";
    stored_pending.state = ItemState::pending;
    stored_pending.service_request_id.clear();

    Outbox box = loaded_outbox();
    box.enqueue("u1", report_fields("a"), created());
    box.enqueue("u2", report_fields("b"), created());
    const auto ticket = box.next_to_send(0);
    REQUIRE(ticket);
    REQUIRE(ticket->local_id == "u1");

    // A second merge (another tab's write) arrives while u1 is in flight here.
    box.merge_loaded({stored_sent, stored_pending, stored_pending});

    REQUIRE(box.items().size() == 2);
    CHECK(box.items()[0].state == ItemState::sent);
    CHECK(box.items()[0].service_request_id == "BDG-1");
    CHECK(box.items()[1].idempotency_key == "stored-key");
    CHECK_FALSE(box.record_outcome(*ticket, SendOutcome::accepted("BDG-1"), 5));
}

TEST_CASE("outbox keys differ across items", "[outbox]") {
    Outbox box = loaded_outbox();
    std::set<std::string> keys;
    for (int i = 0; i < 200; ++i) {
        std::string local_id = "u";
        local_id += std::to_string(i);
        box.enqueue(local_id, report_fields("x"), created());
        keys.insert(box.items().back().idempotency_key);
    }
    CHECK(keys.size() == 200);
}

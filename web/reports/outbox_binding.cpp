// The core outbox (core/outbox) for the shell's IndexedDB outbox
// (shell/reports/outbox.js): Embind class ReportOutbox. The shell stores
// the items, takes the cross-tab lock and moves the bytes; every state change,
// Idempotency-Key and retry delay comes from here.
#include "core/json/parse.hpp"
#include "core/outbox/outbox.hpp"
#include "core/outbox/outbox_json.hpp"
#include "core/outbox/send_outcome.hpp"
#include "core/time/local_day.hpp"
#include "web/json_writer.hpp"

#include <emscripten.h>
#include <emscripten/bind.h>

#include <rapidjson/document.h>

#include <cmath>
#include <cstdint>
#include <stdexcept>
#include <string>

namespace {

// clang-format off
EM_JS(std::uint32_t, badung_js_random_uint32, (), {
    const word = new Uint32Array(1);
    crypto.getRandomValues(word);
    return word[0];
});
// clang-format on

using badung::outbox::Outbox;
using badung::outbox::SendOutcome;
using badung::outbox::SendTicket;

// Reads [["name", "value"], ...] as form fields, keeping order and repeats.
// @throws std::invalid_argument for any other shape.
badung::open311::FormFields fields_from_pairs(const std::string& json) {
    rapidjson::Document document;
    badung::json::parse(document, json);
    if (document.HasParseError() || !document.IsArray()) {
        throw std::invalid_argument("report fields must be a JSON array of [name, value] pairs");
    }

    badung::open311::FormFields fields;
    for (const rapidjson::Value& pair : document.GetArray()) {
        if (!pair.IsArray() || pair.Size() != 2 || !pair[0].IsString() || !pair[1].IsString()) {
            throw std::invalid_argument("each report field must be a [name, value] pair of strings");
        }
        fields.add(pair[0].GetString(), pair[1].GetString());
    }
    return fields;
}

std::string ticket_json(const SendTicket& ticket) {
    rapidjson::StringBuffer buffer;
    badung::web::JsonWriter writer(buffer);
    writer.StartObject();
    writer.Key("local_id");
    writer.String(ticket.local_id.c_str());
    writer.Key("idempotency_key");
    writer.String(ticket.idempotency_key.c_str());
    writer.Key("attempt");
    writer.Int(ticket.attempt);
    writer.Key("fields");
    writer.StartArray();
    for (const auto& field : ticket.fields.entries()) {
        writer.StartArray();
        writer.String(field.name.c_str(), static_cast<rapidjson::SizeType>(field.name.size()));
        writer.String(field.value.c_str(), static_cast<rapidjson::SizeType>(field.value.size()));
        writer.EndArray();
    }
    writer.EndArray();
    writer.EndObject();
    return buffer.GetString();
}

std::int64_t to_ms(double ms) {
    return static_cast<std::int64_t>(std::llround(ms));
}

// A core Outbox for one read-change-write of the stored items (the shell
// makes a new one each time, so every tab starts from what is stored).
// Instants are milliseconds since the epoch (Date.now()).
class ReportOutbox {
public:
    ReportOutbox() : m_outbox([] { return badung_js_random_uint32(); }) {}

    // Returns false when local_id is already queued (a second tap on "Kirim").
    bool enqueue(const std::string& local_id, const std::string& fields_json, double created_at_ms) {
        const badung::time::DateTime created{to_ms(created_at_ms), badung::time::wita_offset_minutes};
        return m_outbox.enqueue(local_id, fields_from_pairs(fields_json), created);
    }

    // Returns the ticket of the next send as JSON, or "" when nothing is due.
    std::string next_to_send(double now_ms) {
        const auto ticket = m_outbox.next_to_send(to_ms(now_ms));
        return ticket ? ticket_json(*ticket) : std::string();
    }

    // Applies an HTTP response to the send of (local_id, key, attempt);
    // retry_after_ms < 0 means no Retry-After header.
    bool record_response(const std::string& local_id, const std::string& key, int attempt, int status,
                         const std::string& body, double retry_after_ms, double now_ms) {
        std::optional<std::int64_t> retry_after;
        if (retry_after_ms >= 0.0) {
            retry_after = to_ms(retry_after_ms);
        }
        return record(local_id, key, attempt, badung::outbox::outcome_from_http(status, body, retry_after),
                      now_ms);
    }

    bool record_network_error(const std::string& local_id, const std::string& key, int attempt,
                              const std::string& reason, double now_ms) {
        return record(local_id, key, attempt, SendOutcome::network_error(reason), now_ms);
    }

    bool record_timeout(const std::string& local_id, const std::string& key, int attempt, double now_ms) {
        return record(local_id, key, attempt, SendOutcome::timed_out(), now_ms);
    }

    bool resubmit(const std::string& local_id, const std::string& fields_json, double now_ms) {
        return m_outbox.resubmit(local_id, fields_from_pairs(fields_json), to_ms(now_ms));
    }

    void reset_backoff(double now_ms) { m_outbox.reset_backoff(to_ms(now_ms)); }

    bool discard(const std::string& local_id) { return m_outbox.discard(local_id); }

    // Merges a stored document (items_to_json form; "" for none) and returns
    // {"problems": ["…"]} for items that could not be read, or {"error": "…"}
    // when the document is unreadable as a whole (nothing is merged then).
    std::string merge_stored(const std::string& document) {
        badung::outbox::LoadedItems loaded;
        std::string error;
        if (!document.empty()) {
            try {
                loaded = badung::outbox::items_from_json(document);
            } catch (const badung::outbox::InvalidOutboxJson& invalid) {
                error = invalid.what();
            }
        }
        m_outbox.merge_loaded(std::move(loaded.items));

        rapidjson::StringBuffer buffer;
        badung::web::JsonWriter writer(buffer);
        writer.StartObject();
        if (!error.empty()) {
            writer.Key("error");
            writer.String(error.c_str(), static_cast<rapidjson::SizeType>(error.size()));
        }
        writer.Key("problems");
        writer.StartArray();
        for (const auto& problem : loaded.problems) {
            const std::string text = "item " + std::to_string(problem.index) + " '" + problem.local_id +
                                     "': " + problem.message;
            writer.String(text.c_str(), static_cast<rapidjson::SizeType>(text.size()));
        }
        writer.EndArray();
        writer.EndObject();
        return buffer.GetString();
    }

    // Returns every item, sent ones included, as the stored JSON document.
    std::string items_json() const { return badung::outbox::items_to_json(m_outbox.items()); }

    // Returns when a send is next due, or -1 when none is.
    double next_due_ms() const {
        const auto due = m_outbox.next_due_ms();
        return due ? static_cast<double>(*due) : -1.0;
    }

    bool loaded() const { return m_outbox.loaded(); }

private:
    bool record(const std::string& local_id, const std::string& key, int attempt, const SendOutcome& outcome,
                double now_ms) {
        const SendTicket ticket{local_id, key, {}, attempt};
        return m_outbox.record_outcome(ticket, outcome, to_ms(now_ms));
    }

    Outbox m_outbox;
};

} // namespace

EMSCRIPTEN_BINDINGS(badung_report_outbox) {
    emscripten::class_<ReportOutbox>("ReportOutbox")
        .constructor<>()
        .function("enqueue", &ReportOutbox::enqueue)
        .function("nextToSend", &ReportOutbox::next_to_send)
        .function("recordResponse", &ReportOutbox::record_response)
        .function("recordNetworkError", &ReportOutbox::record_network_error)
        .function("recordTimeout", &ReportOutbox::record_timeout)
        .function("resubmit", &ReportOutbox::resubmit)
        .function("resetBackoff", &ReportOutbox::reset_backoff)
        .function("discard", &ReportOutbox::discard)
        .function("mergeStored", &ReportOutbox::merge_stored)
        .function("itemsJson", &ReportOutbox::items_json)
        .function("nextDueMs", &ReportOutbox::next_due_ms)
        .function("loaded", &ReportOutbox::loaded);
}

// ReportStore members for city staff and for personal data retention:
// status changes with their history, and erasure of personal fields.
#include "server/report_rows.hpp"
#include "server/report_store.hpp"
#include "server/sqlite_database.hpp"
#include "server/wita_time.hpp"

#include <sqlite3.h>

namespace badung::cityd {

namespace {

std::optional<PublicServiceRequest> select_request(sqlite3* db, const std::string& service_request_id) {
    Statement select(db, (std::string("SELECT ") + public_request_columns +
                          " FROM service_requests WHERE service_request_id = ?")
                             .c_str());
    select.bind(1, service_request_id);
    if (!select.step()) {
        return std::nullopt;
    }
    return read_public_request(select);
}

void apply_change(PublicServiceRequest& request, const StatusChange& change) {
    request.status = change.status.value_or(request.status);
    request.status_notes = change.status_notes.value_or(request.status_notes);
    request.agency_responsible = change.agency_responsible.value_or(request.agency_responsible);
    if (change.expected_at_ms) {
        request.expected_at_ms = change.expected_at_ms;
    }
}

} // namespace

std::optional<std::pair<PublicServiceRequest, std::string>> ReportStore::change_status(const std::string& service_request_id,
                                                               const StatusChange& change) {
    const std::lock_guard lock(mutex_);
    Transaction transaction(db_);

    auto request = select_request(db_, service_request_id);
    if (!request) {
        return std::nullopt;
    }
    if (change.seen_updated_at_ms && *change.seen_updated_at_ms != request->updated_at_ms) {
        throw StaleChangeError("service request " + service_request_id + " changed at " +
                               format_wita(request->updated_at_ms) + ", after the updated_datetime " +
                               format_wita(*change.seen_updated_at_ms) +
                               " the change was based on; reload the request and apply the change again");
    }
    const std::string previous_status = request->status;
    apply_change(*request, change);

    // updated_datetime never goes back, even when the host clock does.
    request->updated_at_ms = std::max(now_unix_ms(), request->updated_at_ms + 1);

    Statement update(db_, "UPDATE service_requests SET status = ?, status_notes = ?, agency_responsible = ?, "
                          "expected_at_ms = ?, updated_at_ms = ? WHERE service_request_id = ?");
    update.bind(1, request->status)
        .bind(2, request->status_notes)
        .bind(3, request->agency_responsible)
        .bind(4, request->expected_at_ms)
        .bind(5, request->updated_at_ms)
        .bind(6, service_request_id);
    update.step();

    Statement record(db_, "INSERT INTO service_request_history (service_request_id, changed_at_ms, "
                          "previous_status, status, status_notes, agency_responsible, expected_at_ms) "
                          "VALUES (?, ?, ?, ?, ?, ?, ?)");
    record.bind(1, service_request_id)
        .bind(2, request->updated_at_ms)
        .bind(3, previous_status)
        .bind(4, request->status)
        .bind(5, request->status_notes)
        .bind(6, request->agency_responsible)
        .bind(7, request->expected_at_ms);
    record.step();

    transaction.commit();
    return std::pair{*request, previous_status};
}

std::optional<std::vector<HistoryEntry>> ReportStore::history(const std::string& service_request_id) {
    const std::lock_guard lock(mutex_);
    if (!select_request(db_, service_request_id)) {
        return std::nullopt;
    }

    Statement select(db_, "SELECT changed_at_ms, previous_status, status, status_notes, agency_responsible, "
                          "expected_at_ms FROM service_request_history WHERE service_request_id = ? ORDER BY id");
    select.bind(1, service_request_id);
    std::vector<HistoryEntry> entries;
    while (select.step()) {
        HistoryEntry entry;
        entry.changed_at_ms = select.integer(0);
        entry.previous_status = select.text(1);
        entry.status = select.text(2);
        entry.status_notes = select.text(3);
        entry.agency_responsible = select.text(4);
        entry.expected_at_ms = select.optional_integer(5);
        entries.push_back(std::move(entry));
    }
    return entries;
}

std::size_t ReportStore::erase_personal_data(std::int64_t cutoff_ms) {
    const std::lock_guard lock(mutex_);
    Transaction transaction(db_);

    Statement erase(db_, "UPDATE service_requests SET first_name = '', last_name = '', email = '', phone = '', "
                         "device_id = '', personal_erased_at_ms = ? WHERE requested_at_ms < ? AND "
                         "personal_erased_at_ms IS NULL AND (first_name <> '' OR last_name <> '' OR email <> '' "
                         "OR phone <> '' OR device_id <> '')");
    erase.bind(1, now_unix_ms()).bind(2, cutoff_ms);
    erase.step();
    const auto erased = static_cast<std::size_t>(sqlite3_changes(db_));

    Statement forget(db_, "DELETE FROM idempotency_keys WHERE created_at_ms < ?");
    forget.bind(1, cutoff_ms);
    forget.step();

    transaction.commit();
    return erased;
}

} // namespace badung::cityd

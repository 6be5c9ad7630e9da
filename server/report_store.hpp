#pragma once

#include "server/report_validation.hpp"

#include <cstdint>
#include <filesystem>
#include <functional>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

struct sqlite3;

namespace badung::cityd {

// The result of storing a service request.
struct CreateOutcome {
    enum class Kind {
        created,      // a new request was stored
        replayed,     // the idempotency key was seen with the same request: first response returned
        key_conflict, // the idempotency key was seen with a different request: nothing stored
    };
    Kind kind = Kind::created;
    std::string service_request_id;
    int status = 201;
    std::string response_body;
};

// The public fields of a stored service request (no personal fields).
struct PublicServiceRequest {
    std::string service_request_id;
    std::string service_code;
    std::string status;
    std::string status_notes;
    std::string agency_responsible;
    std::string description;
    std::string address_string;
    std::string media_url;
    std::optional<double> lat;
    std::optional<double> lon;
    std::int64_t requested_at_ms = 0;
    std::int64_t updated_at_ms = 0;
    std::optional<std::int64_t> expected_at_ms;
};

// A staff change of a service request. Members left empty keep their value.
struct StatusChange {
    std::optional<std::string> status; // "open" or "closed"
    std::optional<std::string> status_notes;
    std::optional<std::string> agency_responsible;
    std::optional<std::int64_t> expected_at_ms;

    // updated_datetime as the staff member last saw it. When set and the
    // request changed since, the change is rejected with StaleChangeError.
    std::optional<std::int64_t> seen_updated_at_ms;
};

// Raised when a staff change was based on an older state of the request.
class StaleChangeError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// One staff change as stored in the history, with the values after it.
struct HistoryEntry {
    std::int64_t changed_at_ms = 0;
    std::string previous_status;
    std::string status;
    std::string status_notes;
    std::string agency_responsible;
    std::optional<std::int64_t> expected_at_ms;
};

// Filters of GET /requests.json. Empty members do not filter.
struct RequestQuery {
    std::vector<std::string> service_request_ids;
    std::string service_code;
    std::string status;
    std::optional<std::int64_t> start_ms; // inclusive
    std::optional<std::int64_t> end_ms;   // exclusive
    std::size_t limit = 1000;
    std::size_t offset = 0;
};

// Service requests in SQLite (WAL journal, synchronous=FULL, so a 201 means
// the request is on disk). One connection serialised by a mutex.
class ReportStore {
public:
    // Opens or creates the database file and applies pending migrations.
    // Throws DatabaseError.
    explicit ReportStore(const std::filesystem::path& database_file);
    ~ReportStore();
    ReportStore(const ReportStore&) = delete;
    ReportStore& operator=(const ReportStore&) = delete;

    // Stores a request and returns 201 with the body from `make_body(id)`.
    // With an idempotency key seen before: the same fingerprint returns the
    // first response and stores nothing, and another fingerprint returns
    // key_conflict. Throws DatabaseError.
    CreateOutcome create(const ServiceRequestDraft& draft, const std::string& request_fingerprint,
                         const std::optional<std::string>& idempotency_key,
                         const std::function<std::string(const std::string&)>& make_body);

    std::optional<PublicServiceRequest> find(const std::string& service_request_id);
    std::vector<PublicServiceRequest> list(const RequestQuery& query);

    // Applies a staff change, appends it to the history and sets
    // updated_datetime, in one transaction. Returns the request after the
    // change and its status before, or nothing when no request has that id.
    // Throws StaleChangeError or DatabaseError.
    std::optional<std::pair<PublicServiceRequest, std::string>> change_status(const std::string& service_request_id,
                                                      const StatusChange& change);

    // Returns the staff changes of a request, oldest first, or nothing when
    // no request has that id. Throws DatabaseError.
    std::optional<std::vector<HistoryEntry>> history(const std::string& service_request_id);

    // Erases the personal fields of requests made before `cutoff_ms` and
    // forgets idempotency keys from before it (their fingerprints contain the
    // personal fields). Returns the number of requests erased. Throws DatabaseError.
    std::size_t erase_personal_data(std::int64_t cutoff_ms);

    // The SQLite connection, for the online backup. Lock mutex() around its use.
    sqlite3* connection() noexcept { return db_; }
    std::mutex& mutex() noexcept { return mutex_; }

    int schema_version() const noexcept { return schema_version_; }

private:
    std::mutex mutex_;
    sqlite3* db_ = nullptr;
    int schema_version_ = 0;
};

} // namespace badung::cityd

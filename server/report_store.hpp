#pragma once

#include "server/report_validation.hpp"

#include <cstdint>
#include <filesystem>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
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
};

// Filters of GET /requests.json. Empty members do not filter.
struct RequestQuery {
    std::vector<std::string> service_request_ids;
    std::string service_code;
    std::string status;
    std::optional<std::int64_t> start_ms; // inclusive
    std::optional<std::int64_t> end_ms;   // exclusive
    std::size_t limit = 1000;
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

    int schema_version() const noexcept { return schema_version_; }

private:
    std::mutex mutex_;
    sqlite3* db_ = nullptr;
    int schema_version_ = 0;
};

} // namespace badung::cityd

#include "server/report_store.hpp"

#include "server/report_migrations.hpp"
#include "server/report_rows.hpp"
#include "server/sqlite_database.hpp"
#include "server/wita_time.hpp"

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>
#include <sqlite3.h>

namespace badung::cityd {

extern const char* const public_request_columns;
const char* const public_request_columns = "service_request_id, service_code, status, status_notes, agency_responsible, "
                                   "description, address_string, media_url, lat, long, requested_at_ms, "
                                   "updated_at_ms, expected_at_ms";

PublicServiceRequest read_public_request(const Statement& row) {
    PublicServiceRequest request;
    request.service_request_id = row.text(0);
    request.service_code = row.text(1);
    request.status = row.text(2);
    request.status_notes = row.text(3);
    request.agency_responsible = row.text(4);
    request.description = row.text(5);
    request.address_string = row.text(6);
    request.media_url = row.text(7);
    request.lat = row.real(8);
    request.lon = row.real(9);
    request.requested_at_ms = row.integer(10);
    request.updated_at_ms = row.integer(11);
    request.expected_at_ms = row.optional_integer(12);
    return request;
}

namespace {

std::string attributes_json(const ServiceRequestDraft& draft) {
    rapidjson::StringBuffer buffer;
    rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
    writer.StartObject();
    for (const auto& [code, values] : draft.attributes) {
        writer.Key(code.c_str(), static_cast<rapidjson::SizeType>(code.size()));
        writer.StartArray();
        for (const auto& value : values) {
            writer.String(value);
        }
        writer.EndArray();
    }
    writer.EndObject();
    return buffer.GetString();
}

std::string insert_request(sqlite3* db, const ServiceRequestDraft& draft, std::int64_t now_ms) {
    Statement insert(db, "INSERT INTO service_requests (service_code, lat, long, address_string, description, "
                         "media_url, attributes_json, first_name, last_name, email, phone, device_id, "
                         "requested_at_ms, updated_at_ms, consent_at_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    insert.bind(1, draft.service_code)
        .bind(2, draft.lat)
        .bind(3, draft.lon)
        .bind(4, draft.address_string)
        .bind(5, draft.description)
        .bind(6, draft.media_url)
        .bind(7, attributes_json(draft))
        .bind(8, draft.first_name)
        .bind(9, draft.last_name)
        .bind(10, draft.email)
        .bind(11, draft.phone)
        .bind(12, draft.device_id)
        .bind(13, now_ms)
        .bind(14, now_ms);
    if (draft.consent) {
        insert.bind(15, now_ms);
    } else {
        insert.bind_null(15);
    }
    insert.step();

    const std::string id = "BDG-" + std::to_string(sqlite3_last_insert_rowid(db));
    Statement name(db, "UPDATE service_requests SET service_request_id = ? WHERE id = ?");
    name.bind(1, id).bind(2, static_cast<std::int64_t>(sqlite3_last_insert_rowid(db)));
    name.step();
    return id;
}

} // namespace

ReportStore::ReportStore(const std::filesystem::path& database_file) {
    const std::string path = database_file.string();
    if (sqlite3_open_v2(path.c_str(), &db_, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX,
                        nullptr) != SQLITE_OK) {
        const std::string error = db_ != nullptr ? sqlite3_errmsg(db_) : "out of memory";
        sqlite3_close(db_);
        db_ = nullptr;
        throw DatabaseError("cannot open database " + path + ": " + error + "; check --data-dir");
    }

    try {
        sqlite3_busy_timeout(db_, 5000);
        execute(db_, "PRAGMA journal_mode=WAL");
        execute(db_, "PRAGMA synchronous=FULL");
        execute(db_, "PRAGMA foreign_keys=ON");
        schema_version_ = apply_migrations(db_);
    } catch (...) {
        sqlite3_close(db_);
        db_ = nullptr;
        throw;
    }
}

ReportStore::~ReportStore() {
    sqlite3_close(db_);
}

CreateOutcome ReportStore::create(const ServiceRequestDraft& draft, const std::string& request_fingerprint,
                                  const std::optional<std::string>& idempotency_key,
                                  const std::function<std::string(const std::string&)>& make_body) {
    const std::lock_guard lock(mutex_);
    Transaction transaction(db_);

    if (idempotency_key) {
        Statement seen(db_, "SELECT request_fingerprint, status, response_body, service_request_id "
                            "FROM idempotency_keys WHERE key = ?");
        seen.bind(1, *idempotency_key);
        if (seen.step()) {
            CreateOutcome outcome;
            outcome.kind = seen.text(0) == request_fingerprint ? CreateOutcome::Kind::replayed
                                                               : CreateOutcome::Kind::key_conflict;
            outcome.status = static_cast<int>(seen.integer(1));
            outcome.response_body = seen.text(2);
            outcome.service_request_id = seen.text(3);
            return outcome;
        }
    }

    const std::int64_t now_ms = now_unix_ms();
    CreateOutcome outcome;
    outcome.service_request_id = insert_request(db_, draft, now_ms);
    outcome.response_body = make_body(outcome.service_request_id);

    if (idempotency_key) {
        Statement remember(db_, "INSERT INTO idempotency_keys (key, request_fingerprint, status, response_body, "
                                "service_request_id, created_at_ms) VALUES (?, ?, ?, ?, ?, ?)");
        remember.bind(1, *idempotency_key)
            .bind(2, request_fingerprint)
            .bind(3, std::int64_t{outcome.status})
            .bind(4, outcome.response_body)
            .bind(5, outcome.service_request_id)
            .bind(6, now_ms);
        remember.step();
    }
    transaction.commit();
    return outcome;
}

std::optional<PublicServiceRequest> ReportStore::find(const std::string& service_request_id) {
    const std::lock_guard lock(mutex_);
    Statement select(db_, (std::string("SELECT ") + public_request_columns +
                           " FROM service_requests WHERE service_request_id = ?")
                              .c_str());
    select.bind(1, service_request_id);
    if (!select.step()) {
        return std::nullopt;
    }
    return read_public_request(select);
}

std::vector<PublicServiceRequest> ReportStore::list(const RequestQuery& query) {
    std::string sql = std::string("SELECT ") + public_request_columns + " FROM service_requests WHERE 1 = 1";
    if (!query.service_request_ids.empty()) {
        sql += " AND service_request_id IN (";
        for (std::size_t i = 0; i < query.service_request_ids.size(); ++i) {
            sql += i == 0 ? "?" : ", ?";
        }
        sql += ")";
    }
    sql += query.service_code.empty() ? "" : " AND service_code = ?";
    sql += query.status.empty() ? "" : " AND status = ?";
    sql += query.start_ms ? " AND requested_at_ms >= ?" : "";
    sql += query.end_ms ? " AND requested_at_ms < ?" : "";
    sql += " ORDER BY requested_at_ms DESC, id DESC LIMIT ? OFFSET ?";

    const std::lock_guard lock(mutex_);
    Statement select(db_, sql.c_str());
    int position = 1;
    for (const auto& id : query.service_request_ids) {
        select.bind(position++, id);
    }
    if (!query.service_code.empty()) {
        select.bind(position++, query.service_code);
    }
    if (!query.status.empty()) {
        select.bind(position++, query.status);
    }
    if (query.start_ms) {
        select.bind(position++, *query.start_ms);
    }
    if (query.end_ms) {
        select.bind(position++, *query.end_ms);
    }
    select.bind(position++, static_cast<std::int64_t>(query.limit));
    select.bind(position, static_cast<std::int64_t>(query.offset));

    std::vector<PublicServiceRequest> requests;
    while (select.step()) {
        requests.push_back(read_public_request(select));
    }
    return requests;
}

} // namespace badung::cityd

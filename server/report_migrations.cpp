#include "server/report_migrations.hpp"

#include "server/log.hpp"
#include "server/sqlite_database.hpp"
#include "server/wita_time.hpp"

namespace badung::cityd {

namespace {

struct Migration {
    int version;
    const char* name;
    const char* sql;
};

// New migrations go at the end. A migration that has shipped is never edited.
const Migration migrations[] = {
    {1, "create service requests and idempotency keys",
     R"sql(
        CREATE TABLE service_requests (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            service_request_id TEXT UNIQUE,
            service_code TEXT NOT NULL,
            status TEXT NOT NULL DEFAULT 'open',
            status_notes TEXT NOT NULL DEFAULT '',
            agency_responsible TEXT NOT NULL DEFAULT '',
            lat REAL,
            long REAL,
            address_string TEXT NOT NULL DEFAULT '',
            description TEXT NOT NULL DEFAULT '',
            media_url TEXT NOT NULL DEFAULT '',
            attributes_json TEXT NOT NULL DEFAULT '{}',
            first_name TEXT NOT NULL DEFAULT '',
            last_name TEXT NOT NULL DEFAULT '',
            email TEXT NOT NULL DEFAULT '',
            phone TEXT NOT NULL DEFAULT '',
            device_id TEXT NOT NULL DEFAULT '',
            requested_at_ms INTEGER NOT NULL,
            updated_at_ms INTEGER NOT NULL
        );
        CREATE INDEX service_requests_requested_at ON service_requests (requested_at_ms);
        CREATE TABLE idempotency_keys (
            key TEXT PRIMARY KEY,
            request_fingerprint TEXT NOT NULL,
            status INTEGER NOT NULL,
            response_body TEXT NOT NULL,
            service_request_id TEXT NOT NULL,
            created_at_ms INTEGER NOT NULL
        );
     )sql"},
    {2, "add staff status history, expected time, consent and personal data erasure",
     R"sql(
        ALTER TABLE service_requests ADD COLUMN expected_at_ms INTEGER;
        ALTER TABLE service_requests ADD COLUMN consent_at_ms INTEGER;
        ALTER TABLE service_requests ADD COLUMN personal_erased_at_ms INTEGER;
        CREATE TABLE service_request_history (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            service_request_id TEXT NOT NULL REFERENCES service_requests (service_request_id),
            changed_at_ms INTEGER NOT NULL,
            previous_status TEXT NOT NULL,
            status TEXT NOT NULL,
            status_notes TEXT NOT NULL,
            agency_responsible TEXT NOT NULL,
            expected_at_ms INTEGER
        );
        CREATE INDEX service_request_history_request ON service_request_history (service_request_id, id);
     )sql"},
};

int current_version(sqlite3* db) {
    Statement statement(db, "SELECT COALESCE(MAX(version), 0) FROM schema_migrations");
    statement.step();
    return static_cast<int>(statement.integer(0));
}

} // namespace

int apply_migrations(sqlite3* db) {
    execute(db, "CREATE TABLE IF NOT EXISTS schema_migrations ("
                "version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)");

    int version = current_version(db);
    for (const auto& migration : migrations) {
        if (migration.version <= version) {
            continue;
        }
        Transaction transaction(db);
        execute(db, migration.sql);
        Statement record(db, "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)");
        record.bind(1, std::int64_t{migration.version}).bind(2, std::string(migration.name)).bind(3, now_wita());
        record.step();
        transaction.commit();

        version = migration.version;
        log_event("migration_applied", {{"version", std::to_string(version)}, {"name", migration.name}});
    }
    return version;
}

} // namespace badung::cityd

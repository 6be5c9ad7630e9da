#pragma once

struct sqlite3;

namespace badung::cityd {

// Brings the report database schema up to date: each migration runs once,
// in version order, in its own transaction, and is recorded in
// schema_migrations (version, name, applied_at). Returns the schema version.
// Throws DatabaseError, leaving a failed migration unapplied.
int apply_migrations(sqlite3* db);

} // namespace badung::cityd

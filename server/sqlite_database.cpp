#include "server/sqlite_database.hpp"

#include "server/log.hpp"

#include <sqlite3.h>

namespace badung::cityd {

Statement::Statement(sqlite3* db, const char* sql) : db_(db), sql_(sql) {
    if (sqlite3_prepare_v2(db, sql, -1, &statement_, nullptr) != SQLITE_OK) {
        throw DatabaseError("cannot prepare '" + sql_ + "': " + sqlite3_errmsg(db));
    }
}

Statement::~Statement() {
    sqlite3_finalize(statement_);
}

Statement& Statement::bind(int position, const std::string& text) {
    sqlite3_bind_text(statement_, position, text.data(), static_cast<int>(text.size()), SQLITE_TRANSIENT);
    return *this;
}

Statement& Statement::bind(int position, std::int64_t number) {
    sqlite3_bind_int64(statement_, position, number);
    return *this;
}

Statement& Statement::bind(int position, const std::optional<double>& number) {
    if (number) {
        sqlite3_bind_double(statement_, position, *number);
    } else {
        sqlite3_bind_null(statement_, position);
    }
    return *this;
}

Statement& Statement::bind_null(int position) {
    sqlite3_bind_null(statement_, position);
    return *this;
}

bool Statement::step() {
    const int result = sqlite3_step(statement_);
    if (result == SQLITE_ROW) {
        return true;
    }
    if (result == SQLITE_DONE) {
        return false;
    }
    throw DatabaseError("cannot run '" + sql_ + "': " + sqlite3_errmsg(db_));
}

std::string Statement::text(int column) const {
    const auto* value = sqlite3_column_text(statement_, column);
    if (value == nullptr) {
        return "";
    }
    return std::string(reinterpret_cast<const char*>(value), static_cast<std::size_t>(sqlite3_column_bytes(statement_, column)));
}

std::int64_t Statement::integer(int column) const {
    return sqlite3_column_int64(statement_, column);
}

std::optional<double> Statement::real(int column) const {
    if (sqlite3_column_type(statement_, column) == SQLITE_NULL) {
        return std::nullopt;
    }
    return sqlite3_column_double(statement_, column);
}

std::optional<std::int64_t> Statement::optional_integer(int column) const {
    if (sqlite3_column_type(statement_, column) == SQLITE_NULL) {
        return std::nullopt;
    }
    return sqlite3_column_int64(statement_, column);
}

Statement& Statement::bind(int position, const std::optional<std::int64_t>& number) {
    return number ? bind(position, *number) : bind_null(position);
}

void execute(sqlite3* db, const char* sql) {
    char* message = nullptr;
    if (sqlite3_exec(db, sql, nullptr, nullptr, &message) != SQLITE_OK) {
        const std::string error = message != nullptr ? message : sqlite3_errmsg(db);
        sqlite3_free(message);
        throw DatabaseError(std::string("cannot run '") + sql + "': " + error);
    }
}

Transaction::Transaction(sqlite3* db) : db_(db) {
    execute(db_, "BEGIN IMMEDIATE");
}

Transaction::~Transaction() {
    if (done_) {
        return;
    }
    if (sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr) != SQLITE_OK) {
        log_event("rollback_failed", {{"reason", sqlite3_errmsg(db_)}});
    }
}

void Transaction::commit() {
    execute(db_, "COMMIT");
    done_ = true;
}

} // namespace badung::cityd

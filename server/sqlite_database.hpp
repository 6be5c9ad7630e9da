#pragma once

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>

struct sqlite3;
struct sqlite3_stmt;

namespace badung::cityd {

// Raised when SQLite fails. The message names the statement or file and
// SQLite's own error text.
class DatabaseError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// A prepared statement, finalized on destruction. Binding positions start at 1.
class Statement {
public:
    Statement(sqlite3* db, const char* sql);
    ~Statement();
    Statement(const Statement&) = delete;
    Statement& operator=(const Statement&) = delete;

    Statement& bind(int position, const std::string& text);
    Statement& bind(int position, std::int64_t number);
    Statement& bind(int position, const std::optional<double>& number);
    Statement& bind_null(int position);
    Statement& bind(int position, const std::optional<std::int64_t>& number);

    // Steps once. Returns true while a row is available. Throws DatabaseError.
    bool step();

    std::string text(int column) const;
    std::int64_t integer(int column) const;
    std::optional<double> real(int column) const;
    std::optional<std::int64_t> optional_integer(int column) const;

private:
    sqlite3* db_;
    sqlite3_stmt* statement_ = nullptr;
    std::string sql_;
};

// Runs SQL without results (one or more statements). Throws DatabaseError.
void execute(sqlite3* db, const char* sql);

// A transaction begun with BEGIN IMMEDIATE (so concurrent writers wait for
// each other) that rolls back unless committed.
class Transaction {
public:
    explicit Transaction(sqlite3* db);
    ~Transaction();
    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;

    void commit();

private:
    sqlite3* db_;
    bool done_ = false;
};

} // namespace badung::cityd

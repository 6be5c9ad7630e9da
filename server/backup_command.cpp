#include "server/backup_command.hpp"

#include "server/log.hpp"
#include "server/sqlite_database.hpp"

#include <sqlite3.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <thread>

namespace badung::cityd {

namespace {

const char* const backup_usage = "usage: badung-cityd backup --data-dir DIR --out FILE\n"
                                 "\n"
                                 "  --data-dir DIR  folder of the report database cityd.sqlite (default ./var)\n"
                                 "  --out FILE      file to write the copy to; replaced when it exists\n";

// An SQLite connection closed on destruction.
class Connection {
public:
    Connection(const std::filesystem::path& file, int flags) {
        if (sqlite3_open_v2(file.c_str(), &db_, flags, nullptr) != SQLITE_OK) {
            const std::string error = db_ != nullptr ? sqlite3_errmsg(db_) : "out of memory";
            sqlite3_close(db_);
            db_ = nullptr;
            throw DatabaseError("cannot open " + file.string() + ": " + error);
        }
        sqlite3_busy_timeout(db_, 10000);
    }
    ~Connection() { sqlite3_close(db_); }
    Connection(const Connection&) = delete;
    Connection& operator=(const Connection&) = delete;
    sqlite3* get() const noexcept { return db_; }

private:
    sqlite3* db_ = nullptr;
};

// Copies every page in one step, which reads one consistent snapshot. In
// WAL mode the server's writers go on meanwhile, and a busy source (a
// checkpoint holding a lock) is retried.
void copy_database(sqlite3* source, sqlite3* destination) {
    sqlite3_backup* backup = sqlite3_backup_init(destination, "main", source, "main");
    if (backup == nullptr) {
        throw DatabaseError(std::string("cannot start the backup: ") + sqlite3_errmsg(destination));
    }
    int result = SQLITE_OK;
    for (int attempt = 0; attempt < 200; ++attempt) {
        result = sqlite3_backup_step(backup, -1);
        if (result != SQLITE_BUSY && result != SQLITE_LOCKED) {
            break;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    sqlite3_backup_finish(backup);
    if (result != SQLITE_DONE) {
        throw DatabaseError(std::string("the backup failed: ") + sqlite3_errstr(result));
    }
}

// Makes the copy a single self-contained file and checks it.
std::int64_t finish_copy(sqlite3* destination) {
    execute(destination, "PRAGMA journal_mode=DELETE");
    Statement check(destination, "PRAGMA integrity_check");
    check.step();
    if (check.text(0) != "ok") {
        throw DatabaseError("the copy failed its integrity check: " + check.text(0));
    }
    Statement count(destination, "SELECT COUNT(*) FROM service_requests");
    count.step();
    return count.integer(0);
}

int backup(const std::filesystem::path& data_dir, const std::filesystem::path& out) {
    const std::filesystem::path database = data_dir / "cityd.sqlite";
    std::error_code error;
    if (!std::filesystem::is_regular_file(database, error)) {
        std::cerr << "badung-cityd backup: error: no database at " << database.string()
                  << "; pass the --data-dir the server uses\n";
        return 1;
    }

    const std::filesystem::path temporary = out.string() + ".partial";
    std::filesystem::remove(temporary, error);
    std::int64_t requests = 0;
    {
        const Connection source(database, SQLITE_OPEN_READWRITE);
        const Connection destination(temporary, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
        copy_database(source.get(), destination.get());
        requests = finish_copy(destination.get());
    }
    std::filesystem::rename(temporary, out);

    log_event("backup_written", {{"database", database.string()},
                                 {"out", out.string()},
                                 {"service_requests", std::to_string(requests)}});
    std::cout << "badung-cityd backup: " << requests << " service requests copied to " << out.string() << '\n';
    return 0;
}

} // namespace

int run_backup_command(const std::vector<std::string>& args) {
    std::filesystem::path data_dir = "var";
    std::filesystem::path out;
    for (std::size_t i = 0; i < args.size(); ++i) {
        if (args[i] == "--help" || args[i] == "-h") {
            std::cout << backup_usage;
            return 0;
        }
        if (i + 1 >= args.size() || (args[i] != "--data-dir" && args[i] != "--out")) {
            std::cerr << "badung-cityd backup: unknown option or missing value '" << args[i] << "'\n\n"
                      << backup_usage;
            return 2;
        }
        (args[i] == "--data-dir" ? data_dir : out) = args[i + 1];
        ++i;
    }
    if (out.empty()) {
        std::cerr << "badung-cityd backup: --out is required\n\n" << backup_usage;
        return 2;
    }

    try {
        return backup(data_dir, out);
    } catch (const std::exception& error) {
        std::cerr << "badung-cityd backup: error: " << error.what() << '\n';
        log_event("backup_failed", {{"out", out.string()}, {"reason", error.what()}});
        std::filesystem::remove(out.string() + ".partial");
        return 1;
    }
}

} // namespace badung::cityd

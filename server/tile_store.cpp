#include "server/tile_store.hpp"

#include "server/sqlite_database.hpp"

#include <sqlite3.h>

namespace badung::cityd {

namespace {

// A statement finalized when it goes out of scope.
struct Query {
    sqlite3_stmt* statement = nullptr;
    ~Query() { sqlite3_finalize(statement); }
};

} // namespace

TileStore::TileStore(const std::filesystem::path& file) {
    const std::string uri = file.string();
    if (sqlite3_open_v2(uri.c_str(), &db_, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, nullptr) != SQLITE_OK) {
        const std::string reason = db_ != nullptr ? sqlite3_errmsg(db_) : "out of memory";
        sqlite3_close(db_);
        db_ = nullptr;
        throw DatabaseError("cannot open tiles " + uri + ": " + reason + "; run badung-geodata build");
    }

    Query query;
    if (sqlite3_prepare_v2(db_, "SELECT name, value FROM metadata", -1, &query.statement, nullptr) != SQLITE_OK) {
        const std::string reason = sqlite3_errmsg(db_);
        sqlite3_close(db_);
        db_ = nullptr;
        throw DatabaseError("tiles " + uri + " is not an MBTiles file (" + reason + ")");
    }
    while (sqlite3_step(query.statement) == SQLITE_ROW) {
        const auto* name = sqlite3_column_text(query.statement, 0);
        const auto* value = sqlite3_column_text(query.statement, 1);
        if (name != nullptr) {
            metadata_[reinterpret_cast<const char*>(name)] =
                value != nullptr ? reinterpret_cast<const char*>(value) : "";
        }
    }
}

TileStore::~TileStore() {
    sqlite3_close(db_);
}

std::string TileStore::metadata(const std::string& name) const {
    const auto found = metadata_.find(name);
    return found == metadata_.end() ? std::string() : found->second;
}

std::optional<std::string> TileStore::tile(int z, std::uint32_t x, std::uint32_t y) const {
    const std::uint32_t tms_row = ((std::uint32_t{1} << z) - 1) - y;
    const std::lock_guard<std::mutex> lock(mutex_);
    Query query;
    const char* sql = "SELECT tile_data FROM tiles WHERE zoom_level = ? AND tile_column = ? AND tile_row = ?";
    if (sqlite3_prepare_v2(db_, sql, -1, &query.statement, nullptr) != SQLITE_OK) {
        throw DatabaseError(std::string("cannot read tiles: ") + sqlite3_errmsg(db_));
    }
    sqlite3_bind_int(query.statement, 1, z);
    sqlite3_bind_int64(query.statement, 2, x);
    sqlite3_bind_int64(query.statement, 3, tms_row);
    if (sqlite3_step(query.statement) != SQLITE_ROW) {
        return std::nullopt;
    }
    const void* data = sqlite3_column_blob(query.statement, 0);
    const int size = sqlite3_column_bytes(query.statement, 0);
    if (data == nullptr || size <= 0) {
        return std::nullopt;
    }
    return std::string(static_cast<const char*>(data), static_cast<std::size_t>(size));
}

} // namespace badung::cityd

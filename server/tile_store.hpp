#pragma once

#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

struct sqlite3;

namespace badung::cityd {

// An MBTiles file opened read-only. Tiles are stored in TMS rows; tile()
// takes XYZ rows and flips them. One connection behind a mutex, so any
// worker thread may call it.
class TileStore {
public:
    // Opens `file` read-only and reads its metadata table. Throws
    // DatabaseError naming the file when it cannot be opened or is no MBTiles.
    explicit TileStore(const std::filesystem::path& file);
    ~TileStore();

    TileStore(const TileStore&) = delete;
    TileStore& operator=(const TileStore&) = delete;

    // The metadata value of `name` ("" when absent).
    std::string metadata(const std::string& name) const;

    // The stored bytes of tile z/x/y (XYZ), or nothing when there is none.
    // Precondition: x and y within 0..2^z - 1.
    std::optional<std::string> tile(int z, std::uint32_t x, std::uint32_t y) const;

private:
    sqlite3* db_ = nullptr;
    mutable std::mutex mutex_;
    std::map<std::string, std::string> metadata_;
};

} // namespace badung::cityd

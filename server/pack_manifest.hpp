#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace badung::cityd {

// One tile of the offline pack: its XYZ address and the size in bytes of
// the tile as a client receives it (inflated).
struct PackTile {
    int z = 0;
    std::uint32_t x = 0;
    std::uint32_t y = 0;
    std::uint64_t size = 0;
};

// pack.json as last read: its bytes, their gzip form and strong ETag, and
// the data version and tile list parsed from it. `tiles` is empty and
// `parse_error` gives the reason when the file is no readable pack manifest.
struct PackFile {
    std::uintmax_t file_size = 0;
    std::filesystem::file_time_type modified;
    std::string body;
    std::optional<std::string> gzipped;
    std::string etag;
    std::string data_version;
    std::vector<PackTile> tiles;
    std::string parse_error;
};

// Reads pack.json again only when its size or modification time changes,
// so the digest, the gzip body and the parse happen once per build. Any
// worker thread may call get().
class PackCache {
public:
    explicit PackCache(std::filesystem::path file) : file_(std::move(file)) {}

    // Returns the current file, or null when it cannot be read.
    std::shared_ptr<const PackFile> get();

private:
    std::filesystem::path file_;
    std::mutex mutex_;
    std::shared_ptr<const PackFile> current_;
};

} // namespace badung::cityd

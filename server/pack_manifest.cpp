#include "server/pack_manifest.hpp"

#include "server/gzip_body.hpp"

#include <openssl/evp.h>
#include <rapidjson/document.h>

#include <fstream>
#include <iterator>

namespace badung::cityd {

namespace {

std::string sha256_etag(const std::string& bytes) {
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    EVP_Digest(bytes.data(), bytes.size(), digest, &length, EVP_sha256(), nullptr);
    static const char* hex = "0123456789abcdef";
    std::string etag = "\"";
    for (unsigned int i = 0; i < length; ++i) {
        etag += hex[digest[i] >> 4];
        etag += hex[digest[i] & 15];
    }
    return etag + "\"";
}

bool is_index(const rapidjson::Value& value, std::uint64_t limit) {
    return value.IsUint64() && value.GetUint64() <= limit;
}

// Reads data_version and tiles.entries ([z, x, y, size, sha256] each) into
// `pack`, or sets its parse_error.
void parse_manifest(PackFile& pack) {
    rapidjson::Document json;
    json.Parse(pack.body.data(), pack.body.size());
    if (json.HasParseError() || !json.IsObject() || !json.HasMember("data_version") ||
        !json["data_version"].IsString()) {
        pack.parse_error = "pack.json is not a pack manifest (no data_version)";
        return;
    }
    pack.data_version = json["data_version"].GetString();
    if (!json.HasMember("tiles") || !json["tiles"].IsObject() || !json["tiles"].HasMember("entries") ||
        !json["tiles"]["entries"].IsArray()) {
        return;
    }

    for (const auto& entry : json["tiles"]["entries"].GetArray()) {
        if (!entry.IsArray() || entry.Size() < 4 || !is_index(entry[0], 22)) {
            pack.tiles.clear();
            pack.parse_error = "pack.json has an invalid tile entry; run badung-geodata build again";
            return;
        }
        const std::uint64_t limit = (std::uint64_t{1} << entry[0].GetUint64()) - 1;
        if (!is_index(entry[1], limit) || !is_index(entry[2], limit) || !entry[3].IsUint64()) {
            pack.tiles.clear();
            pack.parse_error = "pack.json has an invalid tile entry; run badung-geodata build again";
            return;
        }
        pack.tiles.push_back({static_cast<int>(entry[0].GetUint64()), static_cast<std::uint32_t>(entry[1].GetUint64()),
                              static_cast<std::uint32_t>(entry[2].GetUint64()), entry[3].GetUint64()});
    }
}

} // namespace

std::shared_ptr<const PackFile> PackCache::get() {
    std::error_code error;
    const auto size = std::filesystem::file_size(file_, error);
    const auto modified = std::filesystem::last_write_time(file_, error);
    if (error) {
        return nullptr;
    }
    const std::lock_guard lock(mutex_);
    if (current_ && current_->file_size == size && current_->modified == modified) {
        return current_;
    }
    std::ifstream stream(file_, std::ios::binary);
    std::string body((std::istreambuf_iterator<char>(stream)), std::istreambuf_iterator<char>());
    if (!stream.good() && !stream.eof()) {
        return nullptr;
    }

    auto loaded = std::make_shared<PackFile>();
    loaded->file_size = size;
    loaded->modified = modified;
    loaded->etag = sha256_etag(body);
    loaded->gzipped = gzip_compress(body);
    loaded->body = std::move(body);
    parse_manifest(*loaded);
    current_ = loaded;
    return current_;
}

} // namespace badung::cityd

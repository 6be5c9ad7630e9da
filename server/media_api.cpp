#include "server/media_api.hpp"

#include "server/http_errors.hpp"
#include "server/image_metadata.hpp"
#include "server/image_size.hpp"
#include "server/log.hpp"
#include "server/request_helpers.hpp"
#include "server/static_files.hpp"

#include <httplib.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <fcntl.h>
#include <unistd.h>

#include <random>

namespace badung::cityd {

namespace {

// Multipart boundaries, part headers and a file name fit in this.
constexpr std::size_t multipart_overhead_bytes = 16 * 1024;

// Largest width x height of a photo. A few kilobytes can declare a size
// whose decoded pixels fill gigabytes in the browsers and tools that show
// the photo later, while 40 megapixels decode to 160 MB at 4 bytes a pixel.
// The web app sends at most 1600 px on the longest edge (shell/reports/photo.js).
// NOTE: 40 MP is a judgement for other Open311 clients, not a measured need.
constexpr std::uint64_t max_image_pixels = 40'000'000;

std::string random_name(ImageFormat format) {
    static thread_local std::random_device device;
    static const char* const hex = "0123456789abcdef";
    std::string name;
    for (int i = 0; i < 4; ++i) {
        std::uint32_t value = device();
        for (int k = 0; k < 8; ++k) {
            name += hex[value & 0xF];
            value >>= 4;
        }
    }
    return name + "." + image_extension(format);
}

// Writes the file under a temporary name, flushes it to disk and renames it,
// so a stored name never shows a partial file. Returns false on failure.
bool write_durably(const std::filesystem::path& file, const std::string& bytes) {
    const std::filesystem::path temporary = file.string() + ".tmp";
    const int fd = ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0) {
        return false;
    }
    std::size_t written = 0;
    while (written < bytes.size()) {
        const ssize_t n = ::write(fd, bytes.data() + written, bytes.size() - written);
        if (n <= 0) {
            ::close(fd);
            ::unlink(temporary.c_str());
            return false;
        }
        written += static_cast<std::size_t>(n);
    }
    const bool synced = ::fsync(fd) == 0;
    ::close(fd);
    if (!synced || std::rename(temporary.c_str(), file.c_str()) != 0) {
        ::unlink(temporary.c_str());
        return false;
    }
    return true;
}

const httplib::MultipartFormData* uploaded_file(const httplib::Request& req) {
    if (req.has_file("media")) {
        return &req.files.find("media")->second;
    }
    for (const auto& [name, part] : req.files) {
        if (!part.filename.empty()) {
            return &part;
        }
    }
    return nullptr;
}

std::string created_body(const std::string& url, ImageFormat format, std::size_t size) {
    rapidjson::StringBuffer buffer;
    rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
    writer.StartObject();
    writer.Key("media_url");
    writer.String(url);
    writer.Key("media_type");
    writer.String(image_media_type(format));
    writer.Key("size");
    writer.Uint64(size);
    writer.EndObject();
    return buffer.GetString();
}

// Rejects an image whose header declares more than max_image_pixels with
// 413, or a header without a size with 400. Returns whether it rejected.
bool reject_image_size(const std::string& bytes, ImageFormat format, const std::string& filename,
                       httplib::Response& res) {
    ImageSize size;
    try {
        size = read_image_size(bytes, format);
    } catch (const ImageStructureError& error) {
        send_open311_error(res, 400, std::string("media: ") + error.what());
        return true;
    }
    if (size.pixels() <= max_image_pixels) {
        return false;
    }
    send_open311_error(res, 413, "media '" + filename + "' declares " + std::to_string(size.width) + "x" +
                                     std::to_string(size.height) + " pixels (" + std::to_string(size.pixels()) +
                                     "), more than the maximum of " + std::to_string(max_image_pixels) +
                                     " pixels (40 megapixels); resize it before sending");
    return true;
}

void handle_upload(const httplib::Request& req, httplib::Response& res, MediaContext& context) {
    if (!req.is_multipart_form_data()) {
        send_open311_error(res, 415, "Content-Type '" + req.get_header_value("Content-Type") +
                                         "' is not accepted; send the photo as multipart/form-data in a part "
                                         "named media");
        return;
    }
    const httplib::MultipartFormData* file = uploaded_file(req);
    if (file == nullptr || file->content.empty()) {
        send_open311_error(res, 400, "no file part named media: the multipart body has no part named media and "
                                     "no part with a filename; send the photo in a part named media");
        return;
    }
    if (file->content.size() > context.config.media_max_bytes) {
        send_open311_error(res, 413, "the photo has " + std::to_string(file->content.size()) +
                                         " bytes; the maximum is " + std::to_string(context.config.media_max_bytes) +
                                         ", so resize it before sending");
        return;
    }

    const ImageFormat format = sniff_image_format(file->content);
    if (format == ImageFormat::unknown) {
        send_open311_error(res, 415, "media '" + file->filename +
                                         "' is not a JPEG, PNG or WebP image by its content; send a photo in "
                                         "one of those formats");
        return;
    }

    std::string stripped;
    try {
        stripped = strip_image_metadata(file->content, format);
    } catch (const ImageStructureError& error) {
        send_open311_error(res, 400, std::string("media: ") + error.what());
        return;
    }
    if (reject_image_size(stripped, format, file->filename, res)) {
        return;
    }

    std::error_code error;
    std::filesystem::create_directories(context.folder, error);
    const std::string name = random_name(format);
    if (error || !write_durably(context.folder / name, stripped)) {
        log_event("media_store_failed", {{"folder", context.folder.string()}, {"name", name}});
        send_open311_error(res, 500, "the photo could not be stored; try again later");
        return;
    }

    const std::string url = base_url(req, context.config) + "/media/" + name;
    log_event("media_stored", {{"name", name},
                               {"media_type", image_media_type(format)},
                               {"bytes", std::to_string(stripped.size())},
                               {"removed_bytes", std::to_string(file->content.size() - stripped.size())}});
    res.status = 201;
    res.set_header("Location", url);
    res.set_content(created_body(url, format, stripped.size()), "application/json");
}

void handle_download(const httplib::Request& req, httplib::Response& res, MediaContext& context) {
    const std::string name = req.matches[1];
    if (!send_file(context.folder / name, req, res)) {
        send_open311_error(res, 404, "no photo named '" + name + "'; use the media_url returned by POST /media");
        return;
    }
    // Stored photos never change, and nosniff keeps browsers to the declared type.
    res.headers.erase("Cache-Control");
    res.set_header("Cache-Control", "public, max-age=31536000, immutable");
}

} // namespace

std::size_t body_limit_for(const std::string& path, const Config& config) {
    if (path == "/media") {
        return std::max(config.max_request_bytes, config.media_max_bytes + multipart_overhead_bytes);
    }
    return config.max_request_bytes;
}

void register_media_routes(httplib::Server& server, MediaContext& context) {
    server.Post("/media", [&context](const httplib::Request& req, httplib::Response& res) {
        handle_upload(req, res, context);
    });
    server.Get(R"(/media/([0-9a-f]{32}\.(?:jpg|png|webp)))",
               [&context](const httplib::Request& req, httplib::Response& res) { handle_download(req, res, context); });
}

} // namespace badung::cityd

#include "server/styles_api.hpp"

#include "server/http_errors.hpp"
#include "server/log.hpp"
#include "server/request_helpers.hpp"

#include <httplib.h>
#include <protozero/pbf_writer.hpp>
#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <cctype>
#include <fstream>
#include <iterator>
#include <optional>
#include <stdexcept>

namespace badung::cityd {

namespace {

namespace fs = std::filesystem;

constexpr std::uint64_t glyph_range_size = 256;
constexpr std::uint64_t max_code_point = 65535;

std::optional<std::string> read_file(const fs::path& file) {
    std::ifstream stream(file, std::ios::binary);
    if (!stream) {
        return std::nullopt;
    }
    return std::string((std::istreambuf_iterator<char>(stream)), std::istreambuf_iterator<char>());
}

void prefix_if_relative(rapidjson::Value& value, const std::string& base, rapidjson::Document::AllocatorType& alloc) {
    if (value.IsString() && value.GetStringLength() > 0 && value.GetString()[0] == '/' &&
        !(value.GetStringLength() > 1 && value.GetString()[1] == '/')) {
        const std::string absolute = base + value.GetString();
        value.SetString(absolute.c_str(), static_cast<rapidjson::SizeType>(absolute.size()), alloc);
    }
}

// True for a name made of letters, digits, blanks, '-' and '_' only, so it
// can never leave the fonts or styles folder.
bool is_plain_name(const std::string& name) {
    if (name.empty() || name.size() > 200) {
        return false;
    }
    for (const char c : name) {
        const bool allowed = std::isalnum(static_cast<unsigned char>(c)) != 0 || c == ' ' || c == '-' || c == '_';
        if (!allowed) {
            return false;
        }
    }
    return true;
}

// The first font of a comma-separated fontstack that the fonts folder has.
std::optional<std::string> pick_font(const fs::path& fonts, const std::string& fontstack) {
    std::size_t start = 0;
    while (start <= fontstack.size()) {
        std::size_t comma = fontstack.find(',', start);
        if (comma == std::string::npos) {
            comma = fontstack.size();
        }
        std::string name = fontstack.substr(start, comma - start);
        while (!name.empty() && name.front() == ' ') {
            name.erase(0, 1);
        }
        while (!name.empty() && name.back() == ' ') {
            name.pop_back();
        }
        std::error_code error;
        if (is_plain_name(name) && fs::is_directory(fonts / name, error)) {
            return name;
        }
        start = comma + 1;
    }
    return std::nullopt;
}

// A glyphs message with one fontstack and no glyphs, for a range the font
// does not cover.
std::string empty_glyph_range(const std::string& font, std::uint64_t start, std::uint64_t end) {
    std::string data;
    protozero::pbf_writer glyphs(data);
    protozero::pbf_writer stack(glyphs, 1);
    stack.add_string(1, font);
    stack.add_string(2, std::to_string(start) + "-" + std::to_string(end));
    return data;
}

void serve_style(const fs::path& data_root, const Config& config, const httplib::Request& req,
                 httplib::Response& res) {
    const std::string name = req.matches[1];
    const auto text = is_plain_name(name) ? read_file(data_root / "styles" / (name + ".json")) : std::nullopt;
    if (!text) {
        send_ogc_error(res, 404, "NotFound",
                       "no style '" + name + "' on this server; the map style is /styles/badung.json");
        return;
    }
    try {
        res.set_header("Cache-Control", "no-cache");
        // cpp-httplib compresses JSON for clients that accept it.
        res.set_header("Vary", "X-Badung-Pack, Accept-Encoding");
        // The offline pack stores the style as built, the bytes whose
        // SHA-256 pack.json lists; absolute URLs would depend on the Host.
        if (req.get_header_value("X-Badung-Pack") == "download") {
            res.set_content(*text, "application/json");
            return;
        }
        res.set_content(absolute_style_urls(*text, base_url(req, config)), "application/json");
    } catch (const std::runtime_error& error) {
        log_event("style_invalid", {{"style", name}, {"error", error.what()}});
        send_ogc_error(res, 500, "ServerError", "style '" + name + "' is not valid JSON; rebuild the data");
    }
}

void serve_glyphs(const fs::path& fonts, const httplib::Request& req, httplib::Response& res) {
    const std::string fontstack = req.matches[1];
    const auto start = parse_index(req.matches[2]);
    const auto end = parse_index(req.matches[3]);
    if (!start || !end || *start % glyph_range_size != 0 || *end != *start + glyph_range_size - 1 ||
        *end > max_code_point) {
        send_ogc_error(res, 400, "InvalidParameterValue",
                       "invalid glyph range '" + std::string(req.matches[2]) + "-" + std::string(req.matches[3]) +
                           "': give START-END with START a multiple of 256 up to 65280 and END = START + 255");
        return;
    }
    const auto font = pick_font(fonts, fontstack);
    if (!font) {
        send_ogc_error(res, 404, "NotFound",
                       "no font '" + fontstack + "' on this server; the fonts are listed in /styles/badung.json");
        return;
    }
    const std::string range = std::to_string(*start) + "-" + std::to_string(*end);
    auto bytes = read_file(fonts / *font / (range + ".pbf"));
    res.set_header("Cache-Control", "public, max-age=86400");
    res.set_content(bytes ? std::move(*bytes) : empty_glyph_range(*font, *start, *end), "application/x-protobuf");
}

} // namespace

std::string absolute_style_urls(const std::string& style_json, const std::string& base) {
    rapidjson::Document style;
    style.Parse(style_json.c_str(), style_json.size());
    if (style.HasParseError() || !style.IsObject()) {
        throw std::runtime_error("style is not a JSON object");
    }
    auto& alloc = style.GetAllocator();
    for (const char* key : {"glyphs", "sprite"}) {
        if (style.HasMember(key)) {
            prefix_if_relative(style[key], base, alloc);
        }
    }
    if (style.HasMember("sources") && style["sources"].IsObject()) {
        for (auto& source : style["sources"].GetObject()) {
            if (!source.value.IsObject()) {
                continue;
            }
            if (source.value.HasMember("url")) {
                prefix_if_relative(source.value["url"], base, alloc);
            }
            if (source.value.HasMember("tiles") && source.value["tiles"].IsArray()) {
                for (auto& tile : source.value["tiles"].GetArray()) {
                    prefix_if_relative(tile, base, alloc);
                }
            }
        }
    }
    rapidjson::StringBuffer buffer;
    rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
    style.Accept(writer);
    return {buffer.GetString(), buffer.GetSize()};
}

void register_style_routes(httplib::Server& http, const fs::path& data_root, const Config& config) {
    http.Get(R"(/styles/([^/]+)\.json)", [data_root, &config](const httplib::Request& req, httplib::Response& res) {
        serve_style(data_root, config, req, res);
    });
    const fs::path fonts = data_root / "fonts";
    // Any text before ".pbf" reaches serve_glyphs, so a malformed range
    // ("-256--1") gets its 400 instead of a 404 from the static files.
    http.Get(R"(/fonts/([^/]+)/([^/-]*)-([^/]*)\.pbf)",
             [fonts](const httplib::Request& req, httplib::Response& res) { serve_glyphs(fonts, req, res); });
}

} // namespace badung::cityd

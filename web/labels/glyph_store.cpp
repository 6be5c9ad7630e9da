#include "web/labels/glyph_store.hpp"

#include "core/glyphs/glyph_pbf.hpp"

#include <emscripten.h>
#include <emscripten/bind.h>

#include <cstdio>

namespace badung::web::labels {

namespace {

GlyphStore* active_store = nullptr;

constexpr std::uint32_t range_size = 256;

// clang-format off
EM_JS(void, badung_js_fetch_glyphs, (int request, const char* url), {
    const address = UTF8ToString(url);
    fetch(address)
        .then((response) => response.arrayBuffer().then((body) =>
            Module["glyphsArrived"](request, response.status, new Uint8Array(body))))
        .catch((error) => Module["glyphsArrived"](request, 0, address + ": " + ((error && error.message) || error)));
});
// clang-format on

// Percent-encodes what a fontstack may hold that a URL path may not.
std::string encode_path_part(const std::string& text) {
    std::string out;
    for (const char c : text) {
        const auto byte = static_cast<unsigned char>(c);
        if (std::isalnum(byte) != 0 || c == '-' || c == '_' || c == '.') {
            out.push_back(c);
        } else {
            char escaped[4];
            std::snprintf(escaped, sizeof escaped, "%%%02X", byte);
            out += escaped;
        }
    }
    return out;
}

std::string replace(std::string text, const std::string& token, const std::string& value) {
    const std::size_t at = text.find(token);
    if (at != std::string::npos) {
        text.replace(at, token.size(), value);
    }
    return text;
}

} // namespace

GlyphStore::GlyphStore() {
    active_store = this;
    glGenTextures(1, &texture_);
    glBindTexture(GL_TEXTURE_2D, texture_);
    const std::vector<unsigned char> zeros(static_cast<std::size_t>(atlas_size) * atlas_size, 0);
    glPixelStorei(GL_UNPACK_ALIGNMENT, 1);
    glTexImage2D(GL_TEXTURE_2D, 0, GL_R8, atlas_size, atlas_size, 0, GL_RED, GL_UNSIGNED_BYTE, zeros.data());
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_LINEAR);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_LINEAR);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
}

GlyphStore::~GlyphStore() {
    if (active_store == this) {
        active_store = nullptr;
    }
    glDeleteTextures(1, &texture_);
}

void GlyphStore::set_url(std::string url_template) {
    url_template_ = std::move(url_template);
}

const AtlasGlyph* GlyphStore::glyph(const std::string& fontstack, char32_t code_point) {
    const auto font = fonts_.find(fontstack);
    if (font != fonts_.end()) {
        const auto it = font->second.find(code_point);
        if (it != font->second.end()) {
            return &it->second;
        }
    }
    if (code_point <= 0xFFFF) {
        request_range(fontstack, code_point / range_size * range_size);
    }
    return nullptr;
}

void GlyphStore::request_range(const std::string& fontstack, std::uint32_t start) {
    const std::string key = fontstack + "/" + std::to_string(start);
    if (url_template_.empty() || ranges_.contains(key)) {
        return;
    }
    ranges_[key] = true;
    const std::string range = std::to_string(start) + "-" + std::to_string(start + range_size - 1);
    const std::string url =
        replace(replace(url_template_, "{fontstack}", encode_path_part(fontstack)), "{range}", range);
    const int request = next_request_++;
    requests_[request] = fontstack;
    badung_js_fetch_glyphs(request, url.c_str());
}

void GlyphStore::arrived(int request, int status, const std::string& body) {
    if (active_store == nullptr) {
        return;
    }
    active_store->arrivals_.push_back({request, status, body});
    if (active_store->on_arrival_) {
        active_store->on_arrival_();
    }
}

bool GlyphStore::upload_arrived() {
    if (arrivals_.empty()) {
        return false;
    }
    glBindTexture(GL_TEXTURE_2D, texture_);
    glPixelStorei(GL_UNPACK_ALIGNMENT, 1);
    for (const Arrival& arrival : arrivals_) {
        const auto it = requests_.find(arrival.request);
        if (it == requests_.end()) {
            continue;
        }
        const std::string fontstack = it->second;
        requests_.erase(it);
        if (arrival.status != 200) {
            // A missing range leaves its code points without glyphs; the
            // labels that need them are not drawn.
            emscripten_log(EM_LOG_WARN, "labels: glyph range of '%s' not loaded (status %d)", fontstack.c_str(),
                           arrival.status);
            continue;
        }
        add_range(fontstack, arrival.body);
    }
    arrivals_.clear();
    return true;
}

void GlyphStore::add_range(const std::string& fontstack, const std::string& body) {
    glyphs::GlyphRange range;
    try {
        range = glyphs::decode_glyph_pbf(body);
    } catch (const glyphs::GlyphError& error) {
        emscripten_log(EM_LOG_WARN, "labels: glyphs of '%s' dropped: %s", fontstack.c_str(), error.what());
        return;
    }
    auto& font = fonts_[fontstack];
    for (const glyphs::Glyph& glyph : range.glyphs) {
        AtlasGlyph entry;
        entry.metrics = {glyph.left, glyph.top, static_cast<int>(glyph.width), static_cast<int>(glyph.height),
                         static_cast<int>(glyph.advance)};
        if (!glyph.bitmap.empty()) {
            const int w = entry.metrics.width + 2 * glyphs::glyph_buffer;
            const int h = entry.metrics.height + 2 * glyphs::glyph_buffer;
            const auto rect = packer_.add(w, h);
            if (!rect) {
                if (!atlas_full_reported_) {
                    emscripten_log(EM_LOG_WARN, "labels: glyph atlas full; glyph %u of '%s' left out",
                                   static_cast<unsigned>(glyph.id), fontstack.c_str());
                    atlas_full_reported_ = true;
                }
                continue;
            }
            entry.rect = *rect;
            glTexSubImage2D(GL_TEXTURE_2D, 0, rect->x, rect->y, w, h, GL_RED, GL_UNSIGNED_BYTE, glyph.bitmap.data());
        }
        font[glyph.id] = entry;
    }
}

} // namespace badung::web::labels

EMSCRIPTEN_BINDINGS(badung_labels_glyphs) {
    emscripten::function("glyphsArrived", &badung::web::labels::GlyphStore::arrived);
}

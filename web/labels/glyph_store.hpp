#pragma once

#include "core/glyphs/glyph_atlas.hpp"
#include "core/glyphs/text_layout.hpp"

#include <GLES3/gl3.h>

#include <functional>
#include <map>
#include <string>
#include <unordered_map>
#include <vector>

namespace badung::web::labels {

// A glyph ready to draw: its metrics and where its signed distance field
// sits in the atlas texture (no rectangle for glyphs without ink).
struct AtlasGlyph {
    glyphs::GlyphMetrics metrics;
    glyphs::AtlasRect rect;
};

// The glyphs of the map's labels: fetches each glyph range (256 code
// points of a fontstack) once from the style's glyphs URL when a label
// first needs it, decodes it and packs its signed distance fields into one
// single-channel atlas texture. Needs a current WebGL2 context.
class GlyphStore {
public:
    static constexpr int atlas_size = 1024;

    GlyphStore();
    ~GlyphStore();
    GlyphStore(const GlyphStore&) = delete;
    GlyphStore& operator=(const GlyphStore&) = delete;

    // The style's glyphs URL template with {fontstack} and {range}.
    void set_url(std::string url_template);

    // The glyph, or nullptr while its range loads (the fetch then starts)
    // or when the font has none.
    const AtlasGlyph* glyph(const std::string& fontstack, char32_t code_point);

    // Uploads the ranges that arrived since the last call; true when any did.
    bool upload_arrived();

    // Called when a range arrives (to ask for a frame).
    void on_arrival(std::function<void()> callback) { on_arrival_ = std::move(callback); }

    GLuint texture() const noexcept { return texture_; }

    // The fetch callback (bound to JavaScript as Module.glyphsArrived).
    static void arrived(int request, int status, const std::string& body);

private:
    struct Arrival {
        int request = 0;
        int status = 0;
        std::string body;
    };

    void request_range(const std::string& fontstack, std::uint32_t start);
    void add_range(const std::string& fontstack, const std::string& body);

    std::string url_template_;
    GLuint texture_ = 0;
    glyphs::ShelfPacker packer_{atlas_size, atlas_size};
    std::map<std::string, std::unordered_map<char32_t, AtlasGlyph>> fonts_;
    std::map<std::string, bool> ranges_;          // "fontstack/start" once requested
    std::map<int, std::string> requests_;         // request → fontstack
    std::vector<Arrival> arrivals_;
    std::function<void()> on_arrival_;
    int next_request_ = 1;
    bool atlas_full_reported_ = false;
};

} // namespace badung::web::labels

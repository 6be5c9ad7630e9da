#pragma once

#include "core/camera/camera.hpp"
#include "core/style/style.hpp"
#include "web/gl/program.hpp"
#include "web/labels/glyph_store.hpp"
#include "web/tiles/tile.hpp"

#include <cstdint>
#include <functional>
#include <unordered_set>

#include <string>
#include <vector>

namespace badung::web::labels {

// A placed label: its text as drawn, style layer id and box in CSS
// pixels relative to the placement origin.
struct PlacedLabel {
    std::string text;
    std::string layer;
    double x = 0.0; // box top-left
    double y = 0.0;
    double width = 0.0;
    double height = 0.0;
};

// The labels of the map's symbol layers, drawn from the tiles' features:
// point labels for points, a label point inside each polygon, text along
// the line for "symbol-placement": "line". Placement (core/labels
// collision by priority) runs when the tiles, the zoom or the glyphs
// change, not while the view only pans: a pan moves the placed labels as
// they are, so it keeps the same labels. A new placement keeps the labels
// of the last one ahead of new ones of their kind. Needs a current WebGL2 context.
class LabelLayer {
public:
    LabelLayer();
    ~LabelLayer();
    LabelLayer(const LabelLayer&) = delete;
    LabelLayer& operator=(const LabelLayer&) = delete;

    // Called when glyphs arrive, to ask for a frame.
    void on_change(std::function<void()> callback) { glyphs_.on_arrival(std::move(callback)); }

    // Places the labels again when needed. `moving`: the view is being
    // animated or dragged; a zoom then scales the last placement until a
    // new one is cheap enough or the view rests. True when a placement was
    // put off: the caller then asks for another frame.
    bool update(const camera::Camera& camera, const std::vector<tiles::DrawItem>& items,
                const style::Style* map_style, bool moving, double now_ms);

    void draw(const camera::Camera& camera, double pixel_ratio) const;

    // Places the labels again on the next update (after a new style).
    void invalidate() { placed_key_.clear(); }

    // The labels drawn in the view: [{text, layer, x, y, width, height}],
    // boxes in CSS pixels (top-left, size), in placement priority order.
    std::string rendered_labels_json(const camera::Camera& camera) const;

private:
    struct Vertex;
    struct Builder;

    void place(const camera::Camera& camera, const std::vector<tiles::DrawItem>& items,
               const style::Style& map_style);
    void upload(const std::vector<Vertex>& vertices);

    GlyphStore glyphs_;
    gl::Program program_;
    GLuint vertex_array_ = 0;
    GLuint vertex_buffer_ = 0;
    GLsizei vertex_count_ = 0;

    std::vector<PlacedLabel> placed_;
    std::unordered_set<std::uint64_t> placed_keys_; // candidate keys of placed_
    geo::WorldPoint origin_;     // placement origin
    double placed_world_size_ = 0.0;
    std::string placed_key_;     // tiles and style the placement was made for
    double placed_zoom_ = -1.0;
    double placed_at_ms_ = 0.0;
    double place_cost_ms_ = 0.0;
};

} // namespace badung::web::labels

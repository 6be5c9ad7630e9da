#pragma once

#include "core/camera/camera.hpp"
#include "web/tiles/tile.hpp"

#include <functional>
#include <map>
#include <string>
#include <vector>

namespace badung::web::tiles {

// Limits of the pyramid; the defaults suit a phone as well as a desktop.
struct PyramidOptions {
    double margin_px = 128.0;              // fetched around the viewport
    std::size_t max_tiles = 96;            // cached tiles (LRU beyond)
    std::size_t max_bytes = 48u << 20U;    // cached bytes, GPU and decoded
    std::size_t max_requests = 8;          // fetches at once
};

// The vector tiles of one source for the current view: picks the tiles the
// view needs, fetches them, decodes and tessellates them in slices, uploads
// them, draws loaded ancestors or descendants in place of tiles still
// loading, and keeps an LRU cache bounded in tiles and bytes. A fetch that
// failed for a transient reason (offline, timeout, 5xx) is tried again
// with back-off while the view needs the tile, and at once when the
// browser goes back online. Needs a current WebGL2 context.
class TilePyramid {
public:
    explicit TilePyramid(PyramidOptions options = {});
    ~TilePyramid();

    TilePyramid(const TilePyramid&) = delete;
    TilePyramid& operator=(const TilePyramid&) = delete;

    // Sets the source: a URL template with {z}, {x} and {y}, and its zoom
    // range. Drops every cached tile.
    void set_source(std::string url_template, int min_zoom, int max_zoom);
    bool has_source() const noexcept { return !url_template_.empty(); }
    int min_zoom() const noexcept { return min_zoom_; }
    int max_zoom() const noexcept { return max_zoom_; }

    // Called when a fetch finished or work is waiting, so the app draws.
    void on_change(std::function<void()> callback) { on_change_ = std::move(callback); }

    // The URLs of the tiles update() would fetch for this camera, nearest
    // to the view centre first.
    static std::vector<std::string> wanted_urls(const camera::Camera& camera, const std::string& url_template,
                                                int min_zoom, int max_zoom, const PyramidOptions& options = {});

    // Works out the tiles the view needs, starts their fetches (nearest
    // first), cancels fetches no longer needed and evicts beyond the limits.
    void update(const camera::Camera& camera);

    // Decodes and tessellates waiting tiles until `budget_ms` has passed;
    // returns true when work is left for the next frame.
    bool process(double budget_ms);

    // What to draw for the view of the last update(), in no special order.
    std::vector<DrawItem> draw_items();

    // True when every tile the view needs is drawable or failed.
    bool complete() const;
    // Tiles the view needs that are not yet drawable (or failed).
    std::size_t pending() const;
    // Tiles the view needs whose last fetch or decoding failed.
    std::size_t failed() const;

    // The cached tiles as JSON: [{z, x, y, state, wanted, drawn}].
    std::string tiles_json() const;

    const std::map<geo::TileId, Tile>& tiles() const noexcept { return tiles_; }
    const std::vector<geo::TileId>& wanted() const noexcept { return wanted_; }
    std::size_t byte_size() const noexcept;

private:
    void receive(int request, int status, std::string body);
    void fail_fetch(Tile& tile, int status, std::string error);
    void restart_due_fetches(double now_ms);
    void schedule_retry();
    void retry_now();
    static void on_retry_timer(void* self);
    void start_fetches();
    void cancel_unwanted();
    void evict();
    bool step_tile(Tile& tile, const std::function<bool()>& out_of_time);
    const Tile* find_drawable(geo::TileId id) const;
    std::string url_of(geo::TileId id) const;
    bool is_wanted(geo::TileId id) const;

    PyramidOptions options_;
    std::string url_template_;
    int min_zoom_ = 0;
    int max_zoom_ = 22;
    std::function<void()> on_change_;

    std::map<geo::TileId, Tile> tiles_;
    std::vector<geo::TileId> wanted_;          // nearest first
    std::vector<geo::TileId> drawn_;           // tiles drawn by the last draw_items()
    std::map<int, geo::TileId> requests_;      // running fetches
    int next_request_ = 1;
    long retry_timer_ = 0;                     // emscripten_set_timeout id, 0 when none
    double retry_timer_at_ms_ = 0.0;           // when it fires
    std::uint64_t frame_ = 0;
};

} // namespace badung::web::tiles

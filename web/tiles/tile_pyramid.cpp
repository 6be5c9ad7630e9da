#include "web/tiles/tile_pyramid.hpp"

#include "core/camera/tile_cover.hpp"
#include "core/mvt/decoder.hpp"
#include "web/json_writer.hpp"
#include "web/tiles/tile_fetch.hpp"

#include <emscripten.h>
#include <emscripten/eventloop.h>

#include <algorithm>
#include <exception>

namespace badung::web::tiles {

namespace {

// Decoded tiles take about this many times their encoded size in memory.
constexpr std::size_t decoded_size_factor = 4;

void replace_all(std::string& text, const std::string& key, const std::string& value) {
    for (std::size_t at = text.find(key); at != std::string::npos; at = text.find(key, at)) {
        text.replace(at, key.size(), value);
        at += value.size();
    }
}

std::string expand_url(std::string url_template, geo::TileId id) {
    replace_all(url_template, "{z}", std::to_string(id.z));
    replace_all(url_template, "{x}", std::to_string(id.x));
    replace_all(url_template, "{y}", std::to_string(id.y));
    return url_template;
}

geo::TileId ancestor_at(geo::TileId id, int z) {
    const int shift = id.z - z;
    return {static_cast<std::uint8_t>(z), id.x >> shift, id.y >> shift};
}

} // namespace

const char* to_string(TileState state) noexcept {
    switch (state) {
    case TileState::loading:
        return "loading";
    case TileState::decoding:
        return "decoding";
    case TileState::ready:
        return "ready";
    case TileState::empty:
        return "empty";
    case TileState::failed:
        return "failed";
    }
    return "failed";
}

TilePyramid::TilePyramid(PyramidOptions options) : options_(options) {
    set_fetch_handler([this](int request, int status, std::string body) {
        receive(request, status, std::move(body));
    });
    set_online_handler([this] { retry_now(); });
}

TilePyramid::~TilePyramid() {
    for (const auto& [request, id] : requests_) {
        abort_tile(request);
    }
    set_fetch_handler(nullptr);
    set_online_handler(nullptr);
    if (retry_timer_ != 0) {
        emscripten_clear_timeout(retry_timer_);
    }
}

void TilePyramid::set_source(std::string url_template, int min_zoom, int max_zoom) {
    for (const auto& [request, id] : requests_) {
        abort_tile(request);
    }
    requests_.clear();
    tiles_.clear();
    wanted_.clear();
    drawn_.clear();
    url_template_ = std::move(url_template);
    min_zoom_ = std::clamp(min_zoom, 0, geo::max_tile_zoom);
    max_zoom_ = std::clamp(max_zoom, min_zoom_, geo::max_tile_zoom);
}

std::string TilePyramid::url_of(geo::TileId id) const {
    return expand_url(url_template_, id);
}

std::vector<std::string> TilePyramid::wanted_urls(const camera::Camera& camera, const std::string& url_template,
                                                  int min_zoom, int max_zoom, const PyramidOptions& options) {
    const int low = std::clamp(min_zoom, 0, geo::max_tile_zoom);
    const int high = std::clamp(max_zoom, low, geo::max_tile_zoom);
    std::vector<std::string> urls;
    for (const geo::TileId& id : camera::covering_tiles(camera, {low, high, options.margin_px})) {
        urls.push_back(expand_url(url_template, id));
    }
    return urls;
}

bool TilePyramid::is_wanted(geo::TileId id) const {
    return std::find(wanted_.begin(), wanted_.end(), id) != wanted_.end();
}

void TilePyramid::update(const camera::Camera& camera) {
    ++frame_;
    if (!has_source()) {
        return;
    }
    wanted_ = camera::covering_tiles(camera, {min_zoom_, max_zoom_, options_.margin_px});
    for (const geo::TileId& id : wanted_) {
        Tile& tile = tiles_[id];
        tile.id = id;
        tile.last_used = frame_;
    }
    restart_due_fetches(emscripten_get_now());
    schedule_retry();
    cancel_unwanted();
    start_fetches();
}

void TilePyramid::restart_due_fetches(double now_ms) {
    for (const geo::TileId& id : wanted_) {
        Tile& tile = tiles_.at(id);
        if (tile.state == TileState::failed && tile.retry_at_ms >= 0.0 && tile.retry_at_ms <= now_ms) {
            tile.state = TileState::loading;
            tile.retry_at_ms = -1.0;
        }
    }
}

void TilePyramid::fail_fetch(Tile& tile, int status, std::string error) {
    tile.state = TileState::failed;
    tile.error = std::move(error);
    ++tile.failed_fetches;
    if (!is_transient_failure(status)) {
        tile.retry_at_ms = -1.0;
        emscripten_log(EM_LOG_WARN, "badungMap: tile %s failed: %s", url_of(tile.id).c_str(), tile.error.c_str());
        return;
    }
    const double delay_ms = retry_delay_ms(tile.failed_fetches);
    tile.retry_at_ms = emscripten_get_now() + delay_ms;
    emscripten_log(EM_LOG_WARN, "badungMap: tile %s failed (attempt %d), retrying in %.0f s: %s",
                   url_of(tile.id).c_str(), tile.failed_fetches, delay_ms / 1000.0, tile.error.c_str());
    schedule_retry();
}

// Keeps one timer, for the earliest retry still to come. When it fires the
// app draws a frame, whose update() restarts the fetches that are due and
// schedules the next. A due tile the view does not need waits until it is
// needed again, and sets no timer.
void TilePyramid::schedule_retry() {
    const double now_ms = emscripten_get_now();
    double earliest = -1.0;
    for (const auto& [id, tile] : tiles_) {
        if (tile.state == TileState::failed && tile.retry_at_ms > now_ms &&
            (earliest < 0.0 || tile.retry_at_ms < earliest)) {
            earliest = tile.retry_at_ms;
        }
    }
    if (earliest < 0.0 || (retry_timer_ != 0 && retry_timer_at_ms_ <= earliest)) {
        return;
    }
    if (retry_timer_ != 0) {
        emscripten_clear_timeout(retry_timer_);
    }
    retry_timer_at_ms_ = earliest;
    retry_timer_ = emscripten_set_timeout(&TilePyramid::on_retry_timer, earliest - now_ms, this);
}

void TilePyramid::on_retry_timer(void* self) {
    auto& pyramid = *static_cast<TilePyramid*>(self);
    pyramid.retry_timer_ = 0;
    if (pyramid.on_change_) {
        pyramid.on_change_();
    }
}

void TilePyramid::retry_now() {
    for (auto& [id, tile] : tiles_) {
        if (tile.state == TileState::failed && tile.retry_at_ms >= 0.0) {
            tile.retry_at_ms = 0.0;
        }
    }
    if (on_change_) {
        on_change_();
    }
}

void TilePyramid::cancel_unwanted() {
    for (auto it = tiles_.begin(); it != tiles_.end();) {
        Tile& tile = it->second;
        if (tile.state == TileState::loading && !is_wanted(tile.id)) {
            if (tile.request != 0) {
                abort_tile(tile.request);
                requests_.erase(tile.request);
            }
            it = tiles_.erase(it);
        } else {
            ++it;
        }
    }
}

void TilePyramid::start_fetches() {
    for (const geo::TileId& id : wanted_) {
        if (requests_.size() >= options_.max_requests) {
            return;
        }
        const auto it = tiles_.find(id);
        if (it == tiles_.end() || it->second.state != TileState::loading || it->second.request != 0) {
            continue;
        }
        const int request = next_request_++;
        it->second.request = request;
        requests_[request] = id;
        fetch_tile(request, url_of(id));
    }
}

void TilePyramid::receive(int request, int status, std::string body) {
    const auto found = requests_.find(request);
    if (found == requests_.end()) {
        return; // stale: the tile was dropped meanwhile
    }
    const geo::TileId id = found->second;
    requests_.erase(found);
    const auto it = tiles_.find(id);
    if (it != tiles_.end() && it->second.request == request) {
        Tile& tile = it->second;
        tile.request = 0;
        if (status == 200 && !body.empty()) {
            tile.state = TileState::decoding;
            tile.failed_fetches = 0;
            tile.body = std::move(body);
        } else if (status == 200 || status == 204) {
            tile.state = TileState::empty;
            tile.failed_fetches = 0;
        } else {
            fail_fetch(tile, status, status == 0 ? body : url_of(id) + ": HTTP " + std::to_string(status));
        }
    }
    start_fetches();
    if (on_change_) {
        on_change_();
    }
}

bool TilePyramid::step_tile(Tile& tile, const std::function<bool()>& out_of_time) {
    try {
        if (!tile.data) {
            tile.data = std::make_unique<mvt::Tile>(mvt::decode_tile(tile.body));
            tile.data_bytes = tile.body.size() * decoded_size_factor;
            std::string().swap(tile.body);
            tile.builder = std::make_unique<TileBuilder>(*tile.data);
        }
        if (!tile.builder->step(out_of_time)) {
            return true;
        }
        const TileGeometry geometry = tile.builder->take();
        tile.builder.reset();
        tile.mesh = std::make_unique<TileMesh>(geometry);
        tile.state = TileState::ready;
    } catch (const std::exception& error) {
        tile.state = TileState::failed;
        tile.retry_at_ms = -1.0; // the same bytes would fail again
        tile.error = url_of(tile.id) + " could not be decoded: " + error.what();
        tile.builder.reset();
        tile.data.reset();
        std::string().swap(tile.body);
        emscripten_log(EM_LOG_WARN, "badungMap: %s", tile.error.c_str());
    }
    return out_of_time();
}

bool TilePyramid::process(double budget_ms) {
    const double deadline = emscripten_get_now() + budget_ms;
    const std::function<bool()> out_of_time = [deadline] { return emscripten_get_now() >= deadline; };

    // Wanted tiles first, nearest first; then tiles kept for later.
    std::vector<Tile*> queue;
    for (const geo::TileId& id : wanted_) {
        const auto it = tiles_.find(id);
        if (it != tiles_.end() && it->second.state == TileState::decoding) {
            queue.push_back(&it->second);
        }
    }
    for (auto& [id, tile] : tiles_) {
        if (tile.state == TileState::decoding && !is_wanted(id)) {
            queue.push_back(&tile);
        }
    }

    for (Tile* tile : queue) {
        if (step_tile(*tile, out_of_time)) {
            break;
        }
    }
    return std::any_of(tiles_.begin(), tiles_.end(), [](const auto& entry) {
        return entry.second.state == TileState::decoding;
    });
}

const Tile* TilePyramid::find_drawable(geo::TileId id) const {
    const auto it = tiles_.find(id);
    return it != tiles_.end() && it->second.drawable() ? &it->second : nullptr;
}

std::vector<DrawItem> TilePyramid::draw_items() {
    std::vector<DrawItem> items;
    drawn_.clear();
    const auto add = [&](const Tile* tile, geo::TileId clip) {
        items.push_back({tile, clip});
        drawn_.push_back(tile->id);
        tiles_.at(tile->id).last_used = frame_;
    };

    for (const geo::TileId& id : wanted_) {
        if (const Tile* tile = find_drawable(id)) {
            add(tile, id);
            continue;
        }
        // The nearest drawable ancestor, scaled up and clipped to this tile.
        bool covered = false;
        for (int z = id.z - 1; z >= min_zoom_ && !covered; --z) {
            if (const Tile* ancestor = find_drawable(ancestor_at(id, z))) {
                add(ancestor, id);
                covered = true;
            }
        }
        // Else the drawable children, as after zooming out.
        if (!covered && id.z < max_zoom_) {
            for (std::uint32_t i = 0; i < 4; ++i) {
                const geo::TileId child{static_cast<std::uint8_t>(id.z + 1), id.x * 2 + (i & 1U),
                                        id.y * 2 + (i >> 1U)};
                if (const Tile* tile = find_drawable(child)) {
                    add(tile, child);
                }
            }
        }
    }
    evict();
    return items;
}

std::size_t TilePyramid::byte_size() const noexcept {
    std::size_t total = 0;
    for (const auto& [id, tile] : tiles_) {
        total += tile.byte_size();
    }
    return total;
}

void TilePyramid::evict() {
    std::size_t bytes = byte_size();
    while (tiles_.size() > options_.max_tiles || bytes > options_.max_bytes) {
        auto oldest = tiles_.end();
        for (auto it = tiles_.begin(); it != tiles_.end(); ++it) {
            const Tile& tile = it->second;
            if (tile.last_used == frame_ || tile.state == TileState::loading) {
                continue; // in use this frame, or a wanted fetch
            }
            if (oldest == tiles_.end() || tile.last_used < oldest->second.last_used) {
                oldest = it;
            }
        }
        if (oldest == tiles_.end()) {
            return;
        }
        bytes -= std::min(bytes, oldest->second.byte_size());
        tiles_.erase(oldest); // the mesh frees its GL buffers
    }
}

bool TilePyramid::complete() const {
    return has_source() && pending() == 0;
}

std::size_t TilePyramid::pending() const {
    return static_cast<std::size_t>(std::count_if(wanted_.begin(), wanted_.end(), [&](geo::TileId id) {
        const auto it = tiles_.find(id);
        return it == tiles_.end() ||
               (!it->second.drawable() && it->second.state != TileState::failed);
    }));
}

std::size_t TilePyramid::failed() const {
    return static_cast<std::size_t>(std::count_if(wanted_.begin(), wanted_.end(), [&](geo::TileId id) {
        const auto it = tiles_.find(id);
        return it != tiles_.end() && it->second.state == TileState::failed;
    }));
}

std::string TilePyramid::tiles_json() const {
    rapidjson::StringBuffer buffer;
    JsonWriter writer(buffer);
    writer.StartArray();
    for (const auto& [id, tile] : tiles_) {
        writer.StartObject();
        writer.Key("z");
        writer.Uint(id.z);
        writer.Key("x");
        writer.Uint(id.x);
        writer.Key("y");
        writer.Uint(id.y);
        writer.Key("state");
        writer.String(to_string(tile.state));
        writer.Key("wanted");
        writer.Bool(is_wanted(id));
        writer.Key("drawn");
        writer.Bool(std::find(drawn_.begin(), drawn_.end(), id) != drawn_.end());
        writer.Key("bytes");
        writer.Uint64(tile.byte_size());
        writer.Key("vertices");
        writer.Uint64(tile.mesh ? tile.mesh->vertex_count() : 0);
        if (tile.state == TileState::failed) {
            writer.Key("error");
            writer.String(tile.error.c_str());
        }
        writer.EndObject();
    }
    writer.EndArray();
    return buffer.GetString();
}

} // namespace badung::web::tiles

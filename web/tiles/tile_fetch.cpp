#include "web/tiles/tile_fetch.hpp"

#include <emscripten.h>
#include <emscripten/bind.h>

#include <algorithm>
#include <utility>

namespace {

badung::web::tiles::FetchHandler fetch_handler;
std::function<void()> online_handler;

constexpr double first_retry_delay_ms = 1000.0;
constexpr double max_retry_delay_ms = 30000.0;

// A tile request with no complete response by then is aborted and the tile
// marked failed, so a server that never responds cannot hold back the
// first complete frame. Counts the whole response, body included.
constexpr int tile_timeout_ms = 15000;

// clang-format off
EM_JS(void, badung_js_fetch_tile, (int request, const char* url, int timeout_ms), {
    const fetches = Module["badungTileFetches"] || (Module["badungTileFetches"] = new Map());
    const controller = new AbortController();
    fetches.set(request, controller);
    const address = UTF8ToString(url);
    let timer = 0;
    const finish = (status, body) => {
        if (fetches.get(request) !== controller) return;
        clearTimeout(timer);
        fetches.delete(request);
        Module["tileArrived"](request, status, body);
    };
    timer = setTimeout(() => {
        finish(0, address + ": timed out after " + timeout_ms + " ms");
        controller.abort();
    }, timeout_ms);
    fetch(address, { signal: controller.signal })
        .then((response) => response.arrayBuffer().then((body) => finish(response.status, new Uint8Array(body))))
        .catch((error) => {
            if (controller.signal.aborted) return;
            finish(0, address + ": " + ((error && error.message) || error));
        });
});

EM_JS(void, badung_js_watch_online, (), {
    if (Module["badungWatchesOnline"]) return;
    Module["badungWatchesOnline"] = true;
    window.addEventListener("online", () => Module["tilesOnline"]());
});

EM_JS(void, badung_js_abort_tile, (int request), {
    const fetches = Module["badungTileFetches"];
    const controller = fetches && fetches.get(request);
    if (controller) {
        fetches.delete(request);
        controller.abort();
    }
});
// clang-format on

void tile_arrived(int request, int status, const std::string& body) {
    if (fetch_handler) {
        fetch_handler(request, status, body);
    }
}

void tiles_online() {
    if (online_handler) {
        online_handler();
    }
}

} // namespace

namespace badung::web::tiles {

void set_fetch_handler(FetchHandler handler) {
    fetch_handler = std::move(handler);
}

void fetch_tile(int request, const std::string& url) {
    badung_js_fetch_tile(request, url.c_str(), tile_timeout_ms);
}

void abort_tile(int request) {
    badung_js_abort_tile(request);
}

void set_online_handler(std::function<void()> handler) {
    online_handler = std::move(handler);
    badung_js_watch_online();
}

bool is_transient_failure(int status) noexcept {
    return status == 0 || status == 408 || status == 429 || (status >= 500 && status <= 599);
}

double retry_delay_ms(int failures) noexcept {
    double delay = first_retry_delay_ms;
    for (int i = 1; i < failures && delay < max_retry_delay_ms; ++i) {
        delay *= 2.0;
    }
    return std::min(delay, max_retry_delay_ms);
}

} // namespace badung::web::tiles

EMSCRIPTEN_BINDINGS(badung_tiles_fetch) {
    emscripten::function("tileArrived", &tile_arrived);
    emscripten::function("tilesOnline", &tiles_online);
}

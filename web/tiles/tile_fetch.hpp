#pragma once

#include <functional>
#include <string>

// Tile downloads through the browser's fetch(): the HTTP layer inflates
// gzip-encoded tiles, and an AbortController cancels a tile the view no
// longer needs.
namespace badung::web::tiles {

// Called once per request that was not aborted: the HTTP status (0 when
// the request failed without one) and the body, or the error text for
// status 0.
using FetchHandler = std::function<void(int request, int status, std::string body)>;

// Installs the handler every finished request goes to (one at a time).
void set_fetch_handler(FetchHandler handler);

// Starts a GET of url as request number `request`.
void fetch_tile(int request, const std::string& url);

// Cancels a request; its handler is then never called.
void abort_tile(int request);

// Installs the handler called when the browser goes back online (the
// window's `online` event), one at a time.
void set_online_handler(std::function<void()> handler);

// True for a failed fetch that may succeed when tried again later: no
// response at all (status 0: offline, timed out, refused), 408, 429 or a
// server error (5xx). Any other status will not change on its own.
bool is_transient_failure(int status) noexcept;

// Milliseconds to wait before fetching a tile again after `failures`
// failed fetches in a row: 1 s, doubling up to 30 s.
double retry_delay_ms(int failures) noexcept;

} // namespace badung::web::tiles

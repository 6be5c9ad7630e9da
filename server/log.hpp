#pragma once

#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

namespace badung::cityd {

using LogField = std::pair<std::string_view, std::string>;

// Writes one structured log line to stderr in logfmt form:
// `time=<WITA ISO 8601> event=<event> key=value ...`. Values with spaces,
// quotes or '=' are quoted with backslash escapes. Lines from concurrent
// threads never interleave.
void log_event(std::string_view event, std::initializer_list<LogField> fields = {});

// Sets the reason that the `request_failed` line of the request served on
// this thread logs, in place of the description in the response body.
// Handlers use it to keep personal values out of the log.
void set_request_log_reason(std::string reason);

// Returns the reason set for the request on this thread, and clears it.
std::optional<std::string> take_request_log_reason();

// Quotes a value for a logfmt line when it needs quoting.
std::string logfmt_value(std::string_view value);

} // namespace badung::cityd

#pragma once

#include <initializer_list>
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

// Quotes a value for a logfmt line when it needs quoting.
std::string logfmt_value(std::string_view value);

} // namespace badung::cityd

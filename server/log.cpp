#include "server/log.hpp"

#include "server/wita_time.hpp"

#include <cstdio>
#include <mutex>

namespace badung::cityd {

namespace {

std::mutex log_mutex;

// One request is served at a time per worker thread, from its handler to
// the logger callback after the response is written.
thread_local std::optional<std::string> request_log_reason;

bool needs_quotes(std::string_view value) {
    if (value.empty()) {
        return true;
    }
    for (const char c : value) {
        if (c == ' ' || c == '"' || c == '=' || c == '\\' || static_cast<unsigned char>(c) < 0x20) {
            return true;
        }
    }
    return false;
}

} // namespace

std::string logfmt_value(std::string_view value) {
    if (!needs_quotes(value)) {
        return std::string(value);
    }

    std::string quoted = "\"";
    for (const char c : value) {
        if (c == '"' || c == '\\') {
            quoted += '\\';
            quoted += c;
        } else if (c == '\n') {
            quoted += "\\n";
        } else if (static_cast<unsigned char>(c) < 0x20) {
            quoted += ' ';
        } else {
            quoted += c;
        }
    }
    quoted += '"';
    return quoted;
}

void set_request_log_reason(std::string reason) {
    request_log_reason = std::move(reason);
}

std::optional<std::string> take_request_log_reason() {
    std::optional<std::string> reason = std::move(request_log_reason);
    request_log_reason.reset();
    return reason;
}

void log_event(std::string_view event, std::initializer_list<LogField> fields) {
    std::string line = "time=" + now_wita() + " event=" + logfmt_value(event);
    for (const auto& [key, value] : fields) {
        line += ' ';
        line += key;
        line += '=';
        line += logfmt_value(value);
    }
    line += '\n';

    const std::lock_guard lock(log_mutex);
    std::fputs(line.c_str(), stderr);
    std::fflush(stderr);
}

} // namespace badung::cityd

#include "server/config.hpp"

#include "server/embed_headers.hpp"

#include <charconv>
#include <cstdint>
#include <fstream>
#include <sstream>

namespace badung::cityd {

namespace {

std::string trim(const std::string& text) {
    const auto first = text.find_first_not_of(" \t\r");
    if (first == std::string::npos) {
        return "";
    }
    const auto last = text.find_last_not_of(" \t\r");
    return text.substr(first, last - first + 1);
}

std::vector<std::string> split_list(const std::string& value) {
    std::vector<std::string> items;
    std::stringstream stream(value);
    std::string item;
    while (std::getline(stream, item, ',')) {
        item = trim(item);
        if (!item.empty()) {
            items.push_back(item);
        }
    }
    return items;
}

std::size_t parse_size(const std::string& value, const std::string& where) {
    std::size_t number = 0;
    const auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), number);
    if (ec != std::errc{} || end != value.data() + value.size() || number == 0) {
        throw ConfigError(where + ": '" + value + "' is not a positive whole number");
    }
    return number;
}

LonLatBox parse_box(const std::string& value, const std::string& where) {
    const auto parts = split_list(value);
    double numbers[4] = {};
    bool valid = parts.size() == 4;
    for (std::size_t i = 0; valid && i < 4; ++i) {
        const auto& part = parts[i];
        const auto [end, ec] = std::from_chars(part.data(), part.data() + part.size(), numbers[i]);
        valid = ec == std::errc{} && end == part.data() + part.size();
    }

    const LonLatBox box{numbers[0], numbers[1], numbers[2], numbers[3]};
    valid = valid && box.west >= -180 && box.east <= 180 && box.west < box.east && box.south >= -90 &&
            box.north <= 90 && box.south < box.north;
    if (!valid) {
        throw ConfigError(where + ": '" + value +
                          "' is not a box; write west,south,east,north in degrees with west < east "
                          "and south < north");
    }
    return box;
}

// Reads a duration such as 90s, 30m, 12h or 365d into seconds.
std::int64_t parse_duration(const std::string& value, const std::string& where) {
    std::int64_t number = 0;
    const auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), number);
    const std::string unit(end, value.data() + value.size());
    std::int64_t scale = 0;
    if (unit == "s") {
        scale = 1;
    } else if (unit == "m") {
        scale = 60;
    } else if (unit == "h") {
        scale = 3600;
    } else if (unit == "d") {
        scale = 86400;
    }
    if (ec != std::errc{} || number <= 0 || scale == 0 || number > INT64_C(100000000000) / scale) {
        throw ConfigError(where + ": '" + value +
                          "' is not a duration; write a positive whole number with s, m, h or d, e.g. 365d");
    }
    return number * scale;
}

std::size_t parse_count(const std::string& value, const std::string& where) {
    return value == "0" ? 0 : parse_size(value, where);
}

// Applies the keys of service requests: staff, photos, personal data,
// rate limits and headers. Returns false for a key it does not know.
bool apply_report_setting(Config& config, const std::string& key, const std::string& value,
                          const std::string& where) {
    if (key == "staff_token") {
        if (!value.empty() && value.size() < 16) {
            throw ConfigError(where + ": staff_token is shorter than 16 characters; use a long random value");
        }
        config.staff_token = value;
    } else if (key == "media_max_bytes") {
        config.media_max_bytes = parse_size(value, where);
    } else if (key == "personal_data_retention") {
        config.personal_data_retention_seconds = parse_duration(value, where);
    } else if (key == "personal_data_purge_interval") {
        config.personal_data_purge_interval_seconds = parse_duration(value, where);
    } else if (key == "rate_limit_posts_per_minute") {
        config.rate_limit_posts_per_minute = parse_count(value, where);
    } else if (key == "rate_limit_burst") {
        config.rate_limit_burst = parse_size(value, where);
    } else if (key == "content_security_policy") {
        config.content_security_policy = value;
    } else {
        return false;
    }
    return true;
}

void apply_setting(Config& config, const std::string& key, const std::string& value, const std::string& where) {
    if (key == "cors_allow_origins") {
        config.cors_allow_origins = split_list(value);
    } else if (key == "embed_allow_origins") {
        config.embed_allow_origins.clear();
        for (const auto& origin : split_list(value)) {
            config.embed_allow_origins.push_back(normalize_embed_origin(origin, where));
        }
    } else if (key == "max_request_bytes") {
        config.max_request_bytes = parse_size(value, where);
    } else if (key == "items_limit_default") {
        config.items_limit_default = parse_size(value, where);
    } else if (key == "items_limit_max") {
        config.items_limit_max = parse_size(value, where);
    } else if (key == "report_area_bbox") {
        config.report_area = parse_box(value, where);
    } else if (key == "report_area_layer") {
        config.report_area_layer = value;
    } else if (key == "report_area_margin_m") {
        config.report_area_margin_m = static_cast<double>(parse_size(value, where));
    } else if (key == "services_file") {
        config.services_file = value;
    } else if (key == "threads") {
        config.threads = parse_size(value, where);
    } else if (key == "request_head_timeout") {
        config.request_head_timeout_seconds = parse_duration(value, where);
    } else if (key == "request_body_timeout") {
        config.request_body_timeout_seconds = parse_duration(value, where);
    } else if (key == "public_base_url") {
        config.public_base_url = value;
        while (!config.public_base_url.empty() && config.public_base_url.back() == '/') {
            config.public_base_url.pop_back();
        }
    } else if (!apply_report_setting(config, key, value, where)) {
        throw ConfigError(where + ": unknown key '" + key +
                          "'; known keys are cors_allow_origins, embed_allow_origins, max_request_bytes, items_limit_default, "
                          "items_limit_max, report_area_bbox, report_area_layer, report_area_margin_m, "
                          "services_file, threads, request_head_timeout, request_body_timeout, public_base_url, staff_token, media_max_bytes, "
                          "personal_data_retention, personal_data_purge_interval, rate_limit_posts_per_minute, "
                          "rate_limit_burst, content_security_policy");
    }
}

} // namespace

Config parse_config(const std::string& text, const std::string& origin) {
    Config config;
    std::stringstream stream(text);
    std::string line;
    int line_number = 0;
    while (std::getline(stream, line)) {
        ++line_number;
        line = trim(line);
        if (line.empty() || line.front() == '#') {
            continue;
        }

        const std::string where = origin + ":" + std::to_string(line_number);
        const auto equals = line.find('=');
        if (equals == std::string::npos) {
            throw ConfigError(where + ": '" + line + "' is not a 'key = value' line");
        }
        apply_setting(config, trim(line.substr(0, equals)), trim(line.substr(equals + 1)), where);
    }

    if (config.items_limit_default > config.items_limit_max) {
        throw ConfigError(origin + ": items_limit_default " + std::to_string(config.items_limit_default) +
                          " is above items_limit_max " + std::to_string(config.items_limit_max));
    }
    return config;
}

Config load_config(const std::filesystem::path& file) {
    std::ifstream stream(file, std::ios::binary);
    if (!stream) {
        throw ConfigError("cannot read config file " + file.string() + "; check the --config path");
    }
    std::stringstream text;
    text << stream.rdbuf();

    Config config = parse_config(text.str(), file.string());
    if (config.services_file.is_relative()) {
        config.services_file = file.parent_path() / config.services_file;
    }
    return config;
}

} // namespace badung::cityd

#include "server/ogc_items.hpp"

#include "core/time/civil_date.hpp"

#include "server/bbox_parameter.hpp"
#include "server/gzip_body.hpp"
#include "server/http_errors.hpp"
#include "server/ogc_common.hpp"
#include "server/request_helpers.hpp"
#include "server/wita_time.hpp"

#include <httplib.h>

#include <charconv>
#include <limits>

namespace badung::cityd {

namespace {

struct PageRequest {
    std::vector<LonLatBox> boxes;
    std::size_t limit = 0;
    std::size_t offset = 0;
};

// Parses a whole number of decimal digits. A value too large for size_t
// becomes the largest size_t, since callers only compare it with a maximum.
std::optional<std::size_t> parse_count(const std::string& text) {
    if (text.empty() || text.find_first_not_of("0123456789") != std::string::npos) {
        return std::nullopt;
    }
    std::size_t value = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec == std::errc::result_out_of_range) {
        return std::numeric_limits<std::size_t>::max();
    }
    return value;
}

// Reads bbox, bbox-crs, limit and offset. Writes a 400 and returns nothing
// for an invalid value.
std::optional<PageRequest> read_page_request(const httplib::Request& req, httplib::Response& res,
                                             const Config& config) {
    PageRequest page;
    page.limit = config.items_limit_default;

    if (req.has_param("limit")) {
        const std::string text = req.get_param_value("limit");
        const auto limit = parse_count(text);
        if (!limit || *limit == 0) {
            send_ogc_error(res, 400, "InvalidParameterValue",
                           "limit '" + text + "' is not a whole number from 1 to " +
                               std::to_string(config.items_limit_max) + "; page with limit and offset");
            return std::nullopt;
        }
        page.limit = std::min(*limit, config.items_limit_max);
    }

    if (req.has_param("offset")) {
        const std::string text = req.get_param_value("offset");
        // A bound far above any layer's feature count, so a paging link
        // never carries a wrapped-around or overflowing number.
        constexpr std::size_t max_offset = 1'000'000'000;
        const auto offset = parse_count(text);
        if (!offset || *offset > max_offset) {
            send_ogc_error(res, 400, "InvalidParameterValue",
                           "offset '" + text + "' is not a whole number from 0 to " + std::to_string(max_offset) +
                               "; use the next link of a page");
            return std::nullopt;
        }
        page.offset = *offset;
    }

    if (req.has_param("bbox-crs") && req.get_param_value("bbox-crs") != crs84_uri) {
        send_ogc_error(res, 400, "InvalidParameterValue",
                       "bbox-crs '" + req.get_param_value("bbox-crs") + "' is not supported; only " +
                           std::string(crs84_uri) + " (longitude, latitude in degrees) is");
        return std::nullopt;
    }

    if (req.has_param("bbox")) {
        try {
            page.boxes = parse_bbox_parameter(req.get_param_value("bbox"));
        } catch (const BBoxError& error) {
            send_ogc_error(res, 400, "InvalidParameterValue", error.what());
            return std::nullopt;
        }
    }
    return page;
}

bool matches(const StoredFeature& feature, const std::vector<LonLatBox>& boxes) {
    if (boxes.empty()) {
        return true;
    }
    if (!feature.bbox) {
        return false;
    }
    for (const auto& box : boxes) {
        if (box.intersects(*feature.bbox)) {
            return true;
        }
    }
    return false;
}

// Checks for an RFC 3339 full-date, YYYY-MM-DD, with a real day of its month.
bool is_full_date(std::string_view text) {
    if (text.size() != 10 || text[4] != '-' || text[7] != '-') {
        return false;
    }
    int parts[3] = {0, 0, 0};
    const std::size_t starts[3] = {0, 5, 8};
    const std::size_t lengths[3] = {4, 2, 2};
    for (int i = 0; i < 3; ++i) {
        const char* first = text.data() + starts[i];
        const auto [end, ec] = std::from_chars(first, first + lengths[i], parts[i]);
        if (ec != std::errc{} || end != first + lengths[i]) {
            return false;
        }
    }
    return parts[1] >= 1 && parts[1] <= 12 && parts[2] >= 1 && parts[2] <= time::days_in_month(parts[0], parts[1]);
}

// Checks the datetime parameter of OGC API - Features Part 1 (section
// 7.15.4): a date-time, or an interval of two joined by "/" where an open
// end is ".." or empty. Layers have no time property, so a valid value
// filters nothing; an invalid one is still an error.
bool is_datetime_parameter(const std::string& value) {
    const auto is_instant = [](std::string_view text) { return parse_iso8601(text).has_value() || is_full_date(text); };
    const std::size_t slash = value.find('/');
    if (slash == std::string::npos) {
        return is_instant(value);
    }
    const std::string_view start = std::string_view(value).substr(0, slash);
    const std::string_view end = std::string_view(value).substr(slash + 1);
    const auto is_end = [&is_instant](std::string_view text) { return text.empty() || text == ".." || is_instant(text); };
    const bool both_open = (start.empty() || start == "..") && (end.empty() || end == "..");
    return !both_open && is_end(start) && is_end(end);
}

// Builds an items URL with the request's own filters and a new offset.
std::string page_href(const httplib::Request& req, const std::string& items_href, std::size_t limit,
                      std::size_t offset) {
    std::string href = items_href + "?";
    for (const char* name : {"bbox", "bbox-crs", "datetime", "f"}) {
        if (req.has_param(name)) {
            href += std::string(name) + "=" + url_encode(req.get_param_value(name)) + "&";
        }
    }
    href += "limit=" + std::to_string(limit) + "&offset=" + std::to_string(offset);
    return href;
}

} // namespace

void handle_items(const httplib::Request& req, httplib::Response& res, const LayerStore& layers,
                  const Config& config) {
    if (!check_parameters(req, res, {"bbox", "bbox-crs", "limit", "offset", "datetime", "f"})) {
        return;
    }
    if (req.has_param("datetime") && !is_datetime_parameter(req.get_param_value("datetime"))) {
        send_ogc_error(res, 400, "InvalidParameterValue",
                       "invalid datetime '" + req.get_param_value("datetime") +
                           "': give an RFC 3339 date-time such as 2026-12-04T07:30:00+08:00, or an interval "
                           "START/END of two of them where either end may be ..");
        return;
    }
    const Collection* collection = find_collection(layers, req.matches[1], res);
    if (collection == nullptr) {
        return;
    }
    const auto page = read_page_request(req, res, config);
    if (!page) {
        return;
    }

    // NOTE: a linear scan over the layer. The largest Badung layer has under a
    // thousand features, so a spatial index would pay off only for far larger ones.
    std::vector<const StoredFeature*> matched;
    for (const auto& feature : collection->features) {
        if (matches(feature, page->boxes)) {
            matched.push_back(&feature);
        }
    }
    const std::size_t first = std::min(page->offset, matched.size());
    const std::size_t last = first + std::min(page->limit, matched.size() - first);

    rapidjson::StringBuffer buffer;
    JsonWriter writer(buffer);
    writer.StartObject();
    writer.Key("type");
    writer.String("FeatureCollection");
    writer.Key("features");
    writer.StartArray();
    for (std::size_t i = first; i < last; ++i) {
        const std::string& json = matched[i]->json;
        writer.RawValue(json.c_str(), json.size(), rapidjson::kObjectType);
    }
    writer.EndArray();
    writer.Key("numberMatched");
    writer.Uint64(matched.size());
    writer.Key("numberReturned");
    writer.Uint64(last - first);
    writer.Key("timeStamp");
    writer.String(now_wita());

    const std::string collection_href = base_url(req, config) + "/collections/" + url_encode(collection->id);
    const std::string items_href = collection_href + "/items";
    writer.Key("links");
    writer.StartArray();
    write_link(writer, page_href(req, items_href, page->limit, page->offset), "self", geojson_media_type);
    write_link(writer, collection_href, "collection", "application/json");
    if (last < matched.size()) {
        write_link(writer, page_href(req, items_href, page->limit, last), "next", geojson_media_type);
    }
    if (first > 0) {
        const std::size_t previous = first > page->limit ? first - page->limit : 0;
        write_link(writer, page_href(req, items_href, page->limit, previous), "prev", geojson_media_type);
    }
    writer.EndArray();
    writer.EndObject();
    send_maybe_gzipped(req, res, std::string(buffer.GetString(), buffer.GetSize()), geojson_media_type);
}

} // namespace badung::cityd

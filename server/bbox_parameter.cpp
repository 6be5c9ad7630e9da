#include "server/bbox_parameter.hpp"

#include "core/index/normalise_bbox.hpp"

#include <charconv>
#include <cmath>
#include <string>

namespace badung::cityd {

namespace {

const char* const bbox_help = "write bbox=west,south,east,north in CRS84 degrees, e.g. bbox=115.05,-8.85,115.3,-8.45";

std::vector<double> parse_numbers(std::string_view text) {
    std::vector<double> numbers;
    std::size_t start = 0;
    while (true) {
        const std::size_t comma = std::min(text.find(',', start), text.size());
        std::string_view item = text.substr(start, comma - start);
        while (!item.empty() && item.front() == ' ') {
            item.remove_prefix(1);
        }
        while (!item.empty() && item.back() == ' ') {
            item.remove_suffix(1);
        }
        if (!item.empty() && item.front() == '+') {
            item.remove_prefix(1);
        }

        double value = 0;
        const auto [end, ec] = std::from_chars(item.data(), item.data() + item.size(), value);
        if (item.empty() || ec != std::errc{} || end != item.data() + item.size() || !std::isfinite(value)) {
            throw BBoxError("bbox value '" + std::string(item) + "' in '" + std::string(text) +
                            "' is not a number; " + bbox_help);
        }
        numbers.push_back(value);

        if (comma == text.size()) {
            return numbers;
        }
        start = comma + 1;
    }
}

void check_latitude(double lat, const char* name, std::string_view text) {
    if (lat < -90 || lat > 90) {
        throw BBoxError("bbox " + std::string(name) + " latitude " + std::to_string(lat) + " in '" +
                        std::string(text) + "' is outside -90..90; latitudes do not wrap, so send a value in "
                        "-90..90");
    }
}

} // namespace

std::vector<LonLatBox> parse_bbox_parameter(std::string_view text) {
    const std::vector<double> numbers = parse_numbers(text);
    if (numbers.size() != 4 && numbers.size() != 6) {
        throw BBoxError("bbox '" + std::string(text) + "' has " + std::to_string(numbers.size()) +
                        " numbers, not 4 (or 6 with heights); " + bbox_help);
    }

    // The 6-number form is west,south,min height,east,north,max height.
    const bool with_heights = numbers.size() == 6;
    const double west = numbers[0];
    const double south = numbers[1];
    const double east = numbers[with_heights ? 3 : 2];
    const double north = numbers[with_heights ? 4 : 3];

    check_latitude(south, "south", text);
    check_latitude(north, "north", text);
    if (south > north) {
        throw BBoxError("bbox '" + std::string(text) + "' has south " + std::to_string(south) + " above north " +
                        std::to_string(north) + "; swap them: " + bbox_help);
    }

    // Wrapping, antimeridian boxes and the whole-world case follow the core
    // rules, the same the browser applies to its own index.
    std::vector<LonLatBox> boxes;
    for (const geo::BBox& box : index::normalise_bbox(geo::BBox{west, south, east, north})) {
        boxes.push_back(LonLatBox{box.west, box.south, box.east, box.north});
    }
    return boxes;
}

} // namespace badung::cityd

#include "server/bbox_parameter.hpp"

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

double wrap_longitude(double lon) {
    double wrapped = std::fmod(lon + 180.0, 360.0);
    if (wrapped < 0) {
        wrapped += 360.0;
    }
    return wrapped - 180.0;
}

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

    // West above east crosses the antimeridian: the box runs east from west
    // through 180 to east, so its width is east + 360 - west.
    const double width = west <= east ? east - west : east + 360.0 - west;
    if (width >= 360.0) {
        return {LonLatBox{-180, south, 180, north}};
    }

    // Wrap only longitudes outside the range, so edges in range stay exact
    // and a point on an edge stays inside.
    const double start = west >= -180 && west <= 180 ? west : wrap_longitude(west);
    const double end = east >= -180 && east <= 180 ? east : wrap_longitude(east);
    if (start <= end) {
        return {LonLatBox{start, south, end, north}};
    }
    return {LonLatBox{start, south, 180, north}, LonLatBox{-180, south, end, north}};
}

} // namespace badung::cityd

#include "core/geo/mercator.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace badung::geo {

namespace {

constexpr double pi = std::numbers::pi;
constexpr double degrees_to_radians = pi / 180.0;

// Equatorial radius of WGS84, which EPSG:3857 uses as its sphere radius.
constexpr double mercator_radius_m = 6'378'137.0;

double clamp_lat(double lat) noexcept {
    return std::clamp(lat, -max_latitude, max_latitude);
}

// The Mercator ordinate ln(tan(pi/4 + lat/2)) of a latitude in degrees, in
// units of the sphere radius (north positive).
double mercator_ordinate(double lat) noexcept {
    return std::asinh(std::tan(clamp_lat(lat) * degrees_to_radians));
}

double latitude_from_ordinate(double ordinate) noexcept {
    return std::atan(std::sinh(ordinate)) / degrees_to_radians;
}

} // namespace

WorldPoint to_world(LonLat p) noexcept {
    return {
        (p.lon + 180.0) / 360.0,
        0.5 - mercator_ordinate(p.lat) / (2.0 * pi),
    };
}

LonLat from_world(WorldPoint w) noexcept {
    return {
        w.x * 360.0 - 180.0,
        latitude_from_ordinate((0.5 - w.y) * 2.0 * pi),
    };
}

Mercator to_mercator_m(LonLat p) noexcept {
    return {
        p.lon * degrees_to_radians * mercator_radius_m,
        mercator_ordinate(p.lat) * mercator_radius_m,
    };
}

LonLat from_mercator_m(Mercator m) noexcept {
    return {
        m.x / mercator_radius_m / degrees_to_radians,
        latitude_from_ordinate(m.y / mercator_radius_m),
    };
}

double wrap_lon(double lon) noexcept {
    if (lon >= -180.0 && lon < 180.0) {
        return lon;
    }
    double wrapped = std::fmod(lon + 180.0, 360.0);
    if (wrapped < 0.0) {
        wrapped += 360.0;
    }
    return wrapped - 180.0;
}

} // namespace badung::geo

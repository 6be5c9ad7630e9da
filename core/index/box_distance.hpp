#pragma once

#include "core/geo/bbox.hpp"
#include "core/geo/lon_lat.hpp"
#include "core/index/float_lanes.hpp"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>
#include <numbers>

namespace badung::index {

namespace detail {

// min_distance_m for a box that is not a single point.
double min_extent_distance_m(geo::LonLat p, const geo::BBox& box) noexcept;

} // namespace detail

// Great-circle distance in metres (sphere of geo::earth_radius_m) from a
// position to the nearest point of a lon/lat box, 0 when the box contains it.
// The box's longitudes lie within -180..180 with west <= east; the position's
// longitude may be any value (it is compared modulo 360). This is the exact
// spherical minimum, so it never exceeds the haversine distance to any
// position inside the box (up to floating-point rounding, which callers that
// prune with it must allow for). For a point box it is geo::haversine_m,
// inline, since kNN queries over points refine their candidates by it.
inline double min_distance_m(geo::LonLat p, const geo::BBox& box) noexcept {
    if (box.west == box.east && box.south == box.north) {
        return geo::haversine_m(p, {box.west, box.south});
    }
    return detail::min_extent_distance_m(p, box);
}

// The haversine term of a distance in metres: 1 at or beyond half the
// Earth's circumference.
double haversine_term_of(double distance_m) noexcept;

// The haversine term above which every item of a box lies beyond limit_m,
// for items whose distance undercuts min_distance_m of their box by at most
// tol_m: a box whose min_haversine_term exceeds it can be skipped. The
// relative margins lie far above the rounding of both bounds. Infinite
// when limit_m reaches half the Earth's circumference.
double pruning_term_of(double limit_m, double tol_m) noexcept;

namespace detail {

// Longitude difference from lon to edge, folded into 0..180 degrees.
// fmod runs only for differences of a full turn or more, where it changes
// the value.
inline double lon_gap_deg(double lon, double edge) noexcept {
    double d = std::abs(lon - edge);
    if (d >= 360.0) {
        d = std::fmod(d, 360.0);
    }
    return d > 180.0 ? 360.0 - d : d;
}

// True when lon (any value) falls within [west, east] modulo 360.
inline bool lon_within(double lon, double west, double east) noexcept {
    double offset = lon - west;
    if (!(std::abs(offset) < 360.0)) {
        offset = std::fmod(offset, 360.0);
    }
    const double from_west = offset < 0.0 ? offset + 360.0 : offset;
    return from_west <= east - west;
}

} // namespace detail

// A lower bound, without trigonometry, of the haversine term
// h = sin^2(dlat / 2) + cos(lat1) cos(lat2) sin^2(dlon / 2) from p to any
// point of the box (distance = 2 R asin(sqrt(h)), so h grows with it).
// cos_lat is cos(p.lat). It uses sin x >= x - x^3 / 6 and
// cos x >= 1 - x^2 / 2, so it lies below the exact term. Inline because
// the kNN traversal calls it for every child of every node it opens.
inline double min_haversine_term(geo::LonLat p, double cos_lat, const geo::BBox& box) noexcept {
    constexpr double rad = std::numbers::pi / 180.0;
    const double dlat = std::max({0.0, box.south - p.lat, p.lat - box.north}) * rad;

    // When both edges lie within half a turn of p, neither gap wraps round
    // the antimeridian, and the gap is the plain one (0 inside the box).
    const double west_gap = box.west - p.lon;
    const double east_gap = p.lon - box.east;
    double dlon = 0.0;
    if (std::abs(west_gap) <= 180.0 && std::abs(east_gap) <= 180.0) {
        dlon = std::max({0.0, west_gap, east_gap}) * rad;
    } else if (!detail::lon_within(p.lon, box.west, box.east)) {
        dlon = std::min(detail::lon_gap_deg(p.lon, box.west), detail::lon_gap_deg(p.lon, box.east)) * rad;
    }
    const double far_lat = std::max(std::abs(box.south), std::abs(box.north)) * rad;

    // Half angles lie in 0..pi/2, where x - x^3 / 6 is a positive lower bound of sin x.
    const double half_dlat = dlat / 2;
    const double half_dlon = dlon / 2;
    const double sin_lat = half_dlat - half_dlat * half_dlat * half_dlat / 6;
    const double sin_lon = half_dlon - half_dlon * half_dlon * half_dlon / 6;
    const double cos_box = std::max(0.0, 1.0 - far_lat * far_lat / 2);
    return sin_lat * sin_lat + cos_lat * cos_box * sin_lon * sin_lon;
}

// min_haversine_term for a point box, without the box edge tests. NaN when
// the point is NaN.
inline double min_haversine_term(geo::LonLat p, double cos_lat, geo::LonLat point) noexcept {
    constexpr double rad = std::numbers::pi / 180.0;
    const double half_dlat = std::abs(point.lat - p.lat) * (rad / 2);
    const double half_dlon = detail::lon_gap_deg(p.lon, point.lon) * (rad / 2);
    const double lat = point.lat * rad;

    const double sin_lat = half_dlat - half_dlat * half_dlat * half_dlat / 6;
    const double sin_lon = half_dlon - half_dlon * half_dlon * half_dlon / 6;
    const double cos_point = std::max(0.0, 1.0 - lat * lat / 2);
    return sin_lat * sin_lat + cos_lat * cos_point * sin_lon * sin_lon;
}

// A lower bound of min_haversine_term from p to the points of one query
// box around p (its longitudes within -180..180, no gap above 0.7 radians),
// for points known by their offsets from an origin (0, 0 unless given),
// rounded to the nearest floats. The cubic term of sin x >= x - x^3 / 6
// and the cosine of the farthest latitude are taken once, at the box's
// edges, so each point costs a few multiplications: x - x^3 / 6 >=
// x (1 - X^2 / 6) for 0 <= x <= X, and a point's cosine is at least the
// cosine at the box's farthest latitude. Float rounding moves an offset c
// by at most |c| * 2^-24, and each gap shrinks by twice the largest such
// error in the box, plus 1e-12 degrees for the rounding of the offsets'
// doubles, before it is bounded.
class BoxTermBound {
public:
    BoxTermBound(geo::LonLat p, double cos_lat, const geo::BBox& box, geo::LonLat origin = {0.0, 0.0}) noexcept
        : p_{p.lon - origin.lon, p.lat - origin.lat} {
        constexpr double rad = std::numbers::pi / 180.0;
        constexpr double rounding = 0x1p-23;
        constexpr double offset_rounding = 1e-12;
        lat_error_ = std::max(std::abs(box.south - origin.lat), std::abs(box.north - origin.lat)) * rounding +
                     offset_rounding;
        lon_error_ = std::max(std::abs(box.west - origin.lon), std::abs(box.east - origin.lon)) * rounding +
                     offset_rounding;

        const double far_lat_deg = std::max(std::abs(box.south), std::abs(box.north));
        const double max_half_dlat = std::max(box.north - p.lat, p.lat - box.south) * (rad / 2);
        const double max_half_dlon = std::max(box.east - p.lon, p.lon - box.west) * (rad / 2);
        const double lat_factor = (rad / 2) * (1.0 - max_half_dlat * max_half_dlat / 6);
        const double lon_factor = (rad / 2) * (1.0 - max_half_dlon * max_half_dlon / 6);
        const double far_lat = (far_lat_deg + lat_error_) * rad;
        const double cos_far = std::max(0.0, 1.0 - far_lat * far_lat / 2);
        lat_scale_ = lat_factor * lat_factor;
        lon_scale_ = cos_lat * cos_far * lon_factor * lon_factor;
    }

    // The bound for a point of the box given by its float offsets.
    double term(float lon, float lat) const noexcept {
        const double dlat = std::max(0.0, std::abs(static_cast<double>(lat) - p_.lat) - lat_error_);
        const double dlon = std::max(0.0, std::abs(static_cast<double>(lon) - p_.lon) - lon_error_);
        return lat_scale_ * dlat * dlat + lon_scale_ * dlon * dlon;
    }

private:
    geo::LonLat p_;
    double lat_error_ = 0.0;
    double lon_error_ = 0.0;
    double lat_scale_ = 0.0;
    double lon_scale_ = 0.0;
};

// min_haversine_term for four boxes at a time, from their edges rounded
// outwards to floats (as the R-tree stores them), in single precision.
// Each float operation rounds by at most 2^-24 of its result, and every
// quantity here is non-negative, so the term, scaled down by 2^-17 after
// fewer than 20 operations, stays a lower bound of the exact one. The
// query position is taken as the float interval around it, and the cosine
// of the box's farthest latitude gets an absolute margin, as it nears 0.
// Gaps that may wrap round the antimeridian are not handled: terms()
// returns false, and the caller uses min_haversine_term instead.
class FloatTermBound {
public:
    // extent contains every box the bound will see. When p lies within 179
    // degrees of longitude of both its edges, no gap can wrap, so terms()
    // skips that test.
    FloatTermBound(geo::LonLat p, double cos_lat, const geo::BBox& extent) noexcept
        : lon_low_(splat_float4(float_below(p.lon))), lon_high_(splat_float4(float_above(p.lon))),
          lat_low_(splat_float4(float_below(p.lat))), lat_high_(splat_float4(float_above(p.lat))),
          cos_lat_(splat_float4(float_below(cos_lat))), plain_(std::abs(p.lon) <= 180.0),
          wrap_free_(plain_ && extent.east - p.lon <= 179.0 && p.lon - extent.west <= 179.0) {}

    // Writes the four terms to out, or returns false, writing nothing, when
    // a gap may wrap. An empty box, as the tree stores it, gets NaN. An
    // empty item's four NaN edges make both candidates of each gap NaN. An
    // empty node's crossed infinite edges make a gap infinite, whose cubic
    // term is then infinity minus infinity.
    bool terms(Float4 west, Float4 south, Float4 east, Float4 north, float* out) const noexcept {
        const Float4 west_gap = west - lon_high_;
        const Float4 east_gap = lon_low_ - east;
        // As in min_haversine_term: with both edges within half a turn of
        // p (179 degrees here, for the float rounding), no gap wraps.
        if (!wrap_free_) {
            const Float4 wrap = splat_float4(179.0f);
            const Mask4 wraps = (west_gap > wrap) | (west_gap < -wrap) | (east_gap > wrap) | (east_gap < -wrap);
            if (!plain_ || lane_bits(wraps) != 0) {
                return false;
            }
        }
        const Float4 zero{};
        const Float4 dlat = max_float4(zero, max_float4(south - lat_high_, lat_low_ - north)) * half_rad_;
        const Float4 dlon = max_float4(zero, max_float4(west_gap, east_gap)) * half_rad_;

        const Float4 sin_lat = dlat - dlat * dlat * dlat * sixth_;
        const Float4 sin_lon = dlon - dlon * dlon * dlon * sixth_;
        const Float4 far_lat = max_float4(max_float4(-south, south), max_float4(-north, north)) * rad_;
        const Float4 cos_box = max_float4(zero, cos_margin_ - far_lat * far_lat * half_);
        const Float4 term = (sin_lat * sin_lat + cos_lat_ * cos_box * sin_lon * sin_lon) * shrink_;
        std::memcpy(out, &term, sizeof(term));
        return true;
    }

private:
    Float4 lon_low_, lon_high_, lat_low_, lat_high_, cos_lat_;
    Float4 half_rad_ = splat_float4(static_cast<float>(std::numbers::pi / 360.0));
    Float4 rad_ = splat_float4(static_cast<float>(std::numbers::pi / 180.0));
    Float4 sixth_ = splat_float4(1.0f / 6.0f);
    Float4 half_ = splat_float4(0.5f);
    Float4 cos_margin_ = splat_float4(1.0f - 1e-6f);
    Float4 shrink_ = splat_float4(1.0f - 0x1p-17f);
    bool plain_;
    bool wrap_free_;
};

} // namespace badung::index

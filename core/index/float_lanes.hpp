#pragma once

#include "core/geo/bbox.hpp"
#include "core/geo/lon_lat.hpp"

#include <cstdint>
#include <cstring>
#include <limits>

#if defined(__SSE2__)
#include <xmmintrin.h>
#elif defined(__wasm_simd128__)
#include <wasm_simd128.h>
#endif

namespace badung::index {

// Four floats or four lane masks, as GCC and Clang vector extensions: SSE
// registers natively, simd128 in wasm built with -msimd128, and scalar
// code in wasm without it.
using Float4 = float __attribute__((vector_size(16)));
using Mask4 = int __attribute__((vector_size(16)));

inline Float4 load_float4(const float* values) noexcept {
    Float4 lanes;
    std::memcpy(&lanes, values, sizeof(lanes));
    return lanes;
}

inline Float4 splat_float4(float value) noexcept {
    return Float4{value, value, value, value};
}

// Bit i set when lane i of the mask is set (all ones).
inline unsigned lane_bits(Mask4 mask) noexcept {
#if defined(__SSE2__)
    return static_cast<unsigned>(_mm_movemask_ps(reinterpret_cast<__m128>(mask)));
#elif defined(__wasm_simd128__)
    return static_cast<unsigned>(wasm_i32x4_bitmask(reinterpret_cast<v128_t>(mask)));
#else
    return static_cast<unsigned>((mask[0] & 1) | (mask[1] & 2) | (mask[2] & 4) | (mask[3] & 8));
#endif
}

// Lane-wise select: a where mask is set, else b.
inline Float4 select_float4(Mask4 mask, Float4 a, Float4 b) noexcept {
    return reinterpret_cast<Float4>((mask & reinterpret_cast<Mask4>(a)) | (~mask & reinterpret_cast<Mask4>(b)));
}

// Lane-wise minimum (b where either is NaN): minps natively.
inline Float4 min_float4(Float4 a, Float4 b) noexcept {
    return a < b ? a : b;
}

// Lane-wise maximum (b where either is NaN): maxps natively.
inline Float4 max_float4(Float4 a, Float4 b) noexcept {
    return a > b ? a : b;
}

// The largest float that is not above value (NaN stays NaN). Whether the
// rounded float lies above value depends on the digits of value, so it is
// as good as random for a branch predictor: the step down of one unit in
// the last place is taken arithmetically, without a branch. A step down
// adds one to the bits of a negative float and takes one from those of a
// positive float. Rounding to nearest never gives +0 above value (a tiny
// negative value rounds to -0), so +0 needs no step.
inline float float_below(double value) noexcept {
    const float rounded = static_cast<float>(value);
    // std::memcpy, because the libc++ of Emscripten 3.1.6 lacks std::bit_cast.
    std::uint32_t bits = 0;
    std::memcpy(&bits, &rounded, sizeof(bits));
    const std::uint32_t step = static_cast<double>(rounded) > value ? 1U : 0U;
    const std::uint32_t negative = bits >> 31;
    bits += step * (2 * negative - 1);
    float below = 0.0f;
    std::memcpy(&below, &bits, sizeof(below));
    return below;
}

// The smallest float that is not below value (NaN stays NaN).
inline float float_above(double value) noexcept {
    return -float_below(-value);
}

// A closed query box in single precision that decides, for most positions
// p, from the rounded copy f = (float(p.lon), float(p.lat)) alone whether
// the box contains p. Rounding to nearest is monotonic, so for an edge e
// with float neighbours below(e) <= e <= above(e):
//   p >= e implies f >= below(e), and f > above(e) implies p > e,
// and the same mirrored for the upper edges. A lane of may_contain() is
// clear only when p lies outside, a lane of surely_contains() set only when
// p lies inside. A position in the first and not the second lies within
// one float of an edge and needs the exact test.
//
// The same holds for positions stored as offsets from an origin o, the
// floats of p - o in double: subtracting o keeps the order of positions,
// so the box is tested as the floats around its edges minus o.
class FloatQueryBox {
public:
    explicit FloatQueryBox(const geo::BBox& box, geo::LonLat origin = {0.0, 0.0}) noexcept
        : FloatQueryBox(box.west - origin.lon, box.south - origin.lat, box.east - origin.lon,
                        box.north - origin.lat) {}

    // NaN lanes fail both tests.
    Mask4 may_contain(Float4 lon, Float4 lat) const noexcept {
        return (outer_west_ <= lon) & (lon <= outer_east_) & (outer_south_ <= lat) & (lat <= outer_north_);
    }

    // Lanes of boxes (given by their edges) that may intersect the query
    // box: clear only when the box lies outside it.
    Mask4 may_intersect(Float4 west, Float4 south, Float4 east, Float4 north) const noexcept {
        return (west <= outer_east_) & (outer_west_ <= east) & (south <= outer_north_) & (outer_south_ <= north);
    }

    Mask4 surely_contains(Float4 lon, Float4 lat) const noexcept {
        return (inner_west_ < lon) & (lon < inner_east_) & (inner_south_ < lat) & (lat < inner_north_);
    }

    // Lanes of boxes, given by their edges rounded outwards to floats
    // (west' = float_below(west), east' = float_above(east), ...), that
    // surely intersect the query box. The exact west lies below the float
    // after west', so west' < float_below(query east) implies
    // west < query east, and the same holds for the other three edges.
    Mask4 surely_intersects(Float4 west, Float4 south, Float4 east, Float4 north) const noexcept {
        return (west < inner_east_) & (inner_west_ < east) & (south < inner_north_) & (inner_south_ < north);
    }

private:
    FloatQueryBox(double west, double south, double east, double north) noexcept
        : outer_west_(splat_float4(float_below(west))), outer_south_(splat_float4(float_below(south))),
          outer_east_(splat_float4(float_above(east))), outer_north_(splat_float4(float_above(north))),
          inner_west_(splat_float4(float_above(west))), inner_south_(splat_float4(float_above(south))),
          inner_east_(splat_float4(float_below(east))), inner_north_(splat_float4(float_below(north))) {}

    Float4 outer_west_, outer_south_, outer_east_, outer_north_;
    Float4 inner_west_, inner_south_, inner_east_, inner_north_;
};

} // namespace badung::index

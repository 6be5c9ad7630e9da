#pragma once

#include "core/geo/bbox.hpp"

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

// The next float towards minus infinity from a finite float or +infinity,
// as std::nextafter does, without its library call: a query box needs
// eight of these.
inline float next_float_down(float value) noexcept {
    if (value == 0.0f) {
        return -std::numeric_limits<float>::denorm_min();
    }
    // std::memcpy, because the libc++ of Emscripten 3.1.6 lacks std::bit_cast.
    std::uint32_t bits = 0;
    std::memcpy(&bits, &value, sizeof(bits));
    bits = value > 0.0f ? bits - 1 : bits + 1;
    float next = 0.0f;
    std::memcpy(&next, &bits, sizeof(next));
    return next;
}

// The largest float that is not above value (NaN stays NaN).
inline float float_below(double value) noexcept {
    const float rounded = static_cast<float>(value);
    return static_cast<double>(rounded) > value ? next_float_down(rounded) : rounded;
}

// The smallest float that is not below value (NaN stays NaN).
inline float float_above(double value) noexcept {
    const float rounded = static_cast<float>(value);
    return static_cast<double>(rounded) < value ? -next_float_down(-rounded) : rounded;
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
class FloatQueryBox {
public:
    explicit FloatQueryBox(const geo::BBox& box) noexcept
        : outer_west_(splat_float4(float_below(box.west))), outer_south_(splat_float4(float_below(box.south))),
          outer_east_(splat_float4(float_above(box.east))), outer_north_(splat_float4(float_above(box.north))),
          inner_west_(splat_float4(float_above(box.west))), inner_south_(splat_float4(float_above(box.south))),
          inner_east_(splat_float4(float_below(box.east))), inner_north_(splat_float4(float_below(box.north))) {}

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
    Float4 outer_west_, outer_south_, outer_east_, outer_north_;
    Float4 inner_west_, inner_south_, inner_east_, inner_north_;
};

} // namespace badung::index

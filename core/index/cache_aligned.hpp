#pragma once

#include <cstddef>
#include <new>
#include <vector>

namespace badung::index {

// Bytes of a cache line on the CPUs the index is tuned for (x86-64 and the
// wasm engines running there).
inline constexpr std::size_t cache_line_bytes = 64;

// An allocator whose blocks start on a cache line. The R-tree stores each
// node's children as one run of 16 floats (64 bytes). On a line boundary
// that run is one line, whereas malloc's 16-byte alignment splits most
// runs over two.
template <typename T>
struct CacheAlignedAllocator {
    using value_type = T;

    CacheAlignedAllocator() noexcept = default;
    template <typename U>
    CacheAlignedAllocator(const CacheAlignedAllocator<U>&) noexcept {}

    T* allocate(std::size_t count) {
        return static_cast<T*>(::operator new(count * sizeof(T), std::align_val_t{cache_line_bytes}));
    }

    void deallocate(T* block, std::size_t) noexcept {
        ::operator delete(block, std::align_val_t{cache_line_bytes});
    }

    template <typename U>
    friend bool operator==(const CacheAlignedAllocator&, const CacheAlignedAllocator<U>&) noexcept {
        return true;
    }
};

// A vector whose elements start on a cache line.
template <typename T>
using CacheAlignedVector = std::vector<T, CacheAlignedAllocator<T>>;

} // namespace badung::index

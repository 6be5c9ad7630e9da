#pragma once

#include <array>
#include <cstdint>
#include <cstring>
#include <vector>

namespace badung::query {

// A monotone priority queue (radix heap) of entries with a non-negative
// double key, for best-first searches whose keys never fall below the last
// key taken out. The bits of non-negative doubles order as the values do.
// An entry goes to the bucket of the highest bit in which its key differs
// from the last key taken out, so push costs O(1), and an entry moves to a
// lower bucket at most 64 times. Entries that are never taken out, as
// most of a search's are, cost only their push.
//
// Entry needs a member `double key`. push() raises a key below the last key
// taken out to that key, which keeps a lower bound valid in a best-first
// search: everything below an entry lies at least as far as the entry.
template <typename Entry>
class RadixQueue {
public:
    bool empty() const noexcept { return size_ == 0; }

    void clear() noexcept {
        for (std::vector<Entry>& bucket : buckets_) {
            bucket.clear();
        }
        filled_ = 0;
        size_ = 0;
        last_ = 0;
        last_key_ = 0.0;
    }

    // Inlined, as both run for every entry of a search.
    [[gnu::always_inline]] void push(Entry entry) {
        // Also catches NaN and -0.0, whose bits would sort last.
        if (!(entry.key > last_key_)) {
            entry.key = last_key_;
        }
        put(entry);
        ++size_;
    }

    // Takes out an entry with the smallest key. The queue must not be empty.
    Entry pop() {
        if (buckets_[0].empty()) {
            refill_first_bucket();
        }
        const Entry entry = buckets_[0].back();
        buckets_[0].pop_back();
        --size_;
        return entry;
    }

private:
    std::array<std::vector<Entry>, 65> buckets_;
    std::size_t size_ = 0;
    std::uint64_t filled_ = 0; // bit b - 1 set when bucket b (1..64) may hold entries
    std::uint64_t last_ = 0; // bits of last_key_
    double last_key_ = 0.0;

    static std::uint64_t bits_of(double key) noexcept {
        std::uint64_t bits = 0;
        std::memcpy(&bits, &key, sizeof bits);
        return bits;
    }

    std::size_t bucket_of(std::uint64_t bits) const noexcept {
        return bits == last_ ? 0 : static_cast<std::size_t>(64 - __builtin_clzll(bits ^ last_));
    }

    [[gnu::always_inline]] void put(const Entry& entry) {
        const std::size_t bucket = bucket_of(bits_of(entry.key));
        buckets_[bucket].push_back(entry);
        if (bucket > 0) {
            filled_ |= std::uint64_t{1} << (bucket - 1);
        }
    }

    // Moves the smallest key of the first non-empty bucket into last_ and
    // spreads that bucket over the buckets below it; its smallest entries
    // land in bucket 0.
    void refill_first_bucket() {
        const auto first = static_cast<std::size_t>(__builtin_ctzll(filled_)) + 1;
        filled_ &= ~(std::uint64_t{1} << (first - 1));
        std::vector<Entry>& bucket = buckets_[first];
        double smallest = bucket.front().key;
        for (const Entry& entry : bucket) {
            smallest = entry.key < smallest ? entry.key : smallest;
        }
        last_key_ = smallest;
        last_ = bits_of(smallest);
        for (const Entry& entry : bucket) {
            put(entry);
        }
        bucket.clear();
    }
};

} // namespace badung::query

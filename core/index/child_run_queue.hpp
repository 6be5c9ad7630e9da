#pragma once

#include "core/index/float_lanes.hpp"

#include <algorithm>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <limits>
#include <vector>

namespace badung::index {

// The queue of HilbertRTree::nearest's best-first search. The children of
// one opened node (up to run_size of them) form a run: their bounds as
// floats, +infinity for each child the cutoff did not admit or the search
// has taken. A min-heap orders the runs by the least bound each has left. An opened
// node thus costs one heap push however many children it admits, and its
// children leave one at a time, least bound first, only as far as the
// search reaches: most never do.
class ChildRunQueue {
public:
    static constexpr std::size_t run_size = 16;

    // A child taken from the queue: its tree position and level.
    struct Child {
        std::size_t position;
        std::uint32_t level;
    };

    ChildRunQueue() {
        runs_.reserve(32);
        bounds_.reserve(32 * run_size);
    }

    // Returns room for the bounds of the next run's children, run_size
    // floats. A call of push_run() must follow.
    float* new_run_bounds() {
        bounds_.resize(bounds_.size() + run_size);
        return bounds_.data() + bounds_.size() - run_size;
    }

    // Ends the run begun by new_run_bounds(): count children from tree
    // position first, at level. Children whose bound exceeds limit_term
    // (NaN ones included) are dropped, and the run with them when none is
    // left.
    void push_run(std::size_t first, std::size_t count, std::uint32_t level, double limit_term) {
        const auto offset = static_cast<std::uint32_t>(bounds_.size() - run_size);
        float* bounds = bounds_.data() + offset;
        const Float4 limit = splat_float4(float_above(limit_term));
        const Float4 infinity = splat_float4(std::numeric_limits<float>::infinity());
        const auto children = static_cast<int>(count);
        for (int i = 0; i < static_cast<int>(run_size); i += 4) {
            const Mask4 lane = Mask4{i, i + 1, i + 2, i + 3} < children;
            const Float4 lanes = load_float4(bounds + i);
            const Float4 admitted = select_float4(lane & (lanes <= limit), lanes, infinity);
            std::memcpy(bounds + i, &admitted, sizeof(admitted));
        }

        Run run{0.0f, static_cast<std::uint32_t>(first), offset, 0, level};
        run.take_least(bounds);
        if (!run.admits(limit_term)) {
            bounds_.resize(offset);
            return;
        }
        runs_.push_back(run);
        std::push_heap(runs_.begin(), runs_.end(), Later{});
    }

    // Returns whether a child is left whose bound lies within limit_term.
    bool reaches(double limit_term) const noexcept {
        return !runs_.empty() && runs_.front().term <= limit_term;
    }

    // Takes the child of least bound (reaches() must hold). Its run then
    // sinks to its new place, or leaves when no child within limit_term
    // is left.
    Child take(double limit_term) {
        Run& run = runs_.front();
        const Child child{run.first + std::size_t{run.least}, run.level};
        float* bounds = bounds_.data() + run.bounds;
        bounds[run.least] = std::numeric_limits<float>::infinity();
        run.take_least(bounds);
        if (run.admits(limit_term)) {
            sink_first();
        } else {
            std::pop_heap(runs_.begin(), runs_.end(), Later{});
            runs_.pop_back();
        }
        return child;
    }

private:
    struct Run {
        float term;           // the smallest bound left, of child first + least
        std::uint32_t first;  // tree position of the first child
        std::uint32_t bounds; // offset of the children's bounds
        std::uint32_t least;
        std::uint32_t level;  // level of the children

        // Returns whether a child is left whose bound lies within limit_term
        // (a term of +infinity marks a run with no child left).
        bool admits(double limit_term) const noexcept {
            return term <= limit_term && term != std::numeric_limits<float>::infinity();
        }

        // Sets least and term to the smallest of the bounds, without a branch
        // per child: their minimum, then the first lane equal to it.
        void take_least(const float* values) noexcept {
            const Float4 a = load_float4(values);
            const Float4 b = load_float4(values + 4);
            const Float4 c = load_float4(values + 8);
            const Float4 d = load_float4(values + 12);
            const Float4 lanes = min_float4(min_float4(a, b), min_float4(c, d));
            term = std::min(std::min(lanes[0], lanes[1]), std::min(lanes[2], lanes[3]));
            const Float4 t = splat_float4(term);
            const unsigned equal = lane_bits(a == t) | lane_bits(b == t) << 4 | lane_bits(c == t) << 8 |
                                   lane_bits(d == t) << 12;
            least = static_cast<std::uint32_t>(std::countr_zero(equal));
        }
    };

    // The heap's order, as a type (a function pointer would keep the
    // standard heap algorithms from inlining it).
    struct Later {
        bool operator()(const Run& a, const Run& b) const noexcept { return a.term > b.term; }
    };

    // Restores the heap order after the first run's term grew: one pass
    // down, where std::pop_heap and std::push_heap would take two.
    void sink_first() noexcept {
        const std::size_t count = runs_.size();
        const Run moved = runs_.front();
        std::size_t hole = 0;
        while (true) {
            std::size_t child = 2 * hole + 1;
            if (child >= count) {
                break;
            }
            if (child + 1 < count && runs_[child + 1].term < runs_[child].term) {
                ++child;
            }
            if (!(runs_[child].term < moved.term)) {
                break;
            }
            runs_[hole] = runs_[child];
            hole = child;
        }
        runs_[hole] = moved;
    }

    std::vector<Run> runs_;
    std::vector<float> bounds_;
};

} // namespace badung::index

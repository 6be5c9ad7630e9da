#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace badung::labels {

// The kind of feature a label names. Earlier kinds win a collision: a
// puskesmas or a school is what residents look for at street zooms, so
// facilities win over road names, which repeat along their roads.
enum class LabelKind : std::uint8_t { kecamatan = 0, desa = 1, facility = 2, road = 3 };

// A label that may be drawn: its box in screen pixels (CSS), centred on
// the anchor, and what decides between overlapping labels.
struct LabelCandidate {
    LabelKind kind = LabelKind::facility;
    // Orders labels of one kind: higher first (e.g. area, or a facility's
    // importance). Ties go to the lower key.
    double rank = 0.0;
    // A stable key of the feature (a hash of layer and feature id), so the
    // same labels win in every frame.
    std::uint64_t key = 0;

    double x = 0.0; // anchor, CSS pixels
    double y = 0.0;
    double width = 0.0;
    double height = 0.0;
};

// Chooses the labels to draw so that no two boxes, each grown by `padding`
// pixels on every side, overlap. Labels are taken greedily in priority
// order (kind, then rank, then key), so the result depends only on the
// labels' positions relative to each other. A pan moves every anchor by
// the same offset, so it keeps the same labels as long as the caller
// passes the same candidates (those in view plus a margin). Returns the
// indices of the placed candidates in priority order. A candidate with a
// non-finite position or size, a negative size, a size over 10^4 px or an
// anchor more than 10^7 px from the origin is never placed.
std::vector<std::size_t> place_labels(const std::vector<LabelCandidate>& candidates, double padding = 2.0);

} // namespace badung::labels

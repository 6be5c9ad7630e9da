#pragma once

#include "core/camera/camera.hpp"
#include "web/map/map_layer.hpp"

#include <optional>
#include <vector>

namespace badung::web::map {

// Extra reach in CSS pixels around a point symbol or a line's width within
// which a click still hits it.
inline constexpr double pick_tolerance_px = 4.0;

struct PickHit {
    const MapLayer* layer = nullptr;
    std::size_t feature_index = 0;
};

// The feature under a canvas point: points and lines within their drawn
// size plus pick_tolerance_px, polygons by containment (even-odd, so holes
// are outside). Layers are given bottom first; the topmost visible, loaded
// layer with a hit wins, and within a layer the nearest feature (later
// features on ties). std::nullopt when nothing is there.
std::optional<PickHit> pick(const std::vector<const MapLayer*>& layers,
                            const camera::Camera& camera, camera::ScreenPoint point);

} // namespace badung::web::map

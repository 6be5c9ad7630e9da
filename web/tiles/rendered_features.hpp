#pragma once

#include "core/camera/camera.hpp"
#include "web/map/map_layer.hpp"
#include "web/tiles/tile.hpp"

#include <string>
#include <vector>

namespace badung::web::tiles {

// The features drawn at a canvas point, as JSON: an array of {layer, id,
// properties, tile: "z/x/y"}, topmost layer first. Hits follow what is
// drawn: fills by containment (even-odd), lines and outlines within half
// their drawn width, point symbols within their radius, each plus half a
// pixel. `layers` is the draw order (bottom first); hidden layers are
// skipped. `items` are the draw items of the frame on screen.
std::string rendered_features_json(const std::vector<DrawItem>& items,
                                   const std::vector<const map::MapLayer*>& layers,
                                   const camera::Camera& camera, camera::ScreenPoint point);

} // namespace badung::web::tiles

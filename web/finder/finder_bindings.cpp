// Embind entry points of the facility finder, called by shell/finder.js.
#include "web/finder/finder.hpp"

#include <emscripten/bind.h>

EMSCRIPTEN_BINDINGS(badung_finder) {
    using namespace badung::web::finder;
    emscripten::function("finderAddLayer", &add_layer);
    emscripten::function("finderCategories", &categories_json);
    emscripten::function("finderStrings", &strings_json);
    emscripten::function("finderPlaceKinds", &place_kinds_json);
    emscripten::function("finderSearch", &search_json);
    emscripten::function("finderNearest", &nearest_json);
    emscripten::function("finderNearestKinds", &nearest_kinds_json);
    emscripten::function("finderWithin", &within_json);
    emscripten::function("finderBbox", &bbox_json);
    emscripten::function("finderFeature", &feature_json);
    emscripten::function("finderLocate", &locate_json);
    emscripten::function("finderLocateNear", &locate_near_json);
}

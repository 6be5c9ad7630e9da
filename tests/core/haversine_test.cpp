#include "core/geo/lon_lat.hpp"

#include <catch2/catch.hpp>

using badung::geo::haversine_m;
using badung::geo::LonLat;

TEST_CASE("haversine null-geometry case distance", "[geo]") {
    // Nearest answer of a known-hard case: pos-01 from (115.17, -8.72).
    CHECK(haversine_m({115.17, -8.72}, {115.1702, -8.7203}) == Approx(39.95).margin(0.05));
}

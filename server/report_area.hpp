#pragma once

#include "server/config.hpp"
#include "server/layer_store.hpp"
#include "server/lon_lat_box.hpp"

#include <string>
#include <utility>
#include <vector>

namespace badung::cityd {

// A polygon in lon/lat degrees: the first ring is the shell, the others holes.
struct AreaPolygon {
    std::vector<std::vector<std::pair<double, double>>> rings;
};

// The area where service requests are accepted: the configured bbox and,
// when the config names a boundary layer that loaded, one of its polygons or
// the configured margin around one. The boundary keeps out places that the
// bbox cannot, such as Kota Denpasar, which Badung wraps around.
class ReportArea {
public:
    ReportArea(LonLatBox bbox, std::vector<AreaPolygon> polygons, double margin_m, std::string layer_id);

    // Builds the area from the config. A configured layer that is missing
    // or contains no polygons is logged, and the bbox alone is used.
    static ReportArea from_config(const Config& config, const LayerStore& layers);

    bool contains(double lon, double lat) const;

    // Returns a description of the area for error messages.
    std::string describe() const;

private:
    LonLatBox bbox_;
    std::vector<AreaPolygon> polygons_;
    double margin_m_ = 0;
    std::string layer_id_;
};

} // namespace badung::cityd

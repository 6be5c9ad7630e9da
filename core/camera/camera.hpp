#pragma once

#include "core/geo/bbox.hpp"
#include "core/geo/lon_lat.hpp"
#include "core/geo/mercator.hpp"

namespace badung::camera {

// A position on the map canvas in CSS pixels, x right and y down from the
// canvas's top-left corner.
struct ScreenPoint {
    double x = 0.0;
    double y = 0.0;
};

// The view of a Web Mercator map: a centre, a zoom and a viewport size.
// Zoom follows MapLibre GL JS (512-pixel tiles): the world is 512 * 2^zoom
// CSS pixels wide, so the same {lon, lat, zoom} shows the same area there.
class Camera {
public:
    static constexpr double tile_size = 512.0;
    static constexpr double min_zoom = 0.0;
    static constexpr double max_zoom = 20.0;

    // Limits the zoom to min..max (within min_zoom..max_zoom) and applies it
    // to the current view. Precondition: min <= max.
    void set_zoom_range(double min, double max) noexcept;
    double zoom_min() const noexcept { return zoom_min_; }
    double zoom_max() const noexcept { return zoom_max_; }

    // Keeps the view centre inside box (lon/lat) from now on, as every
    // setter, pan and zoom clamps it; an empty box removes the limit.
    void set_bounds(const geo::BBox& box) noexcept;

    // Sets the canvas size in CSS pixels; sizes below one pixel count as one.
    void set_viewport(double width, double height) noexcept;
    double width() const noexcept { return width_; }
    double height() const noexcept { return height_; }

    // Centres the view; the zoom is clamped to the zoom range, the centre to
    // the bounds and the latitude to Web Mercator's range.
    void set_view(geo::LonLat center, double zoom) noexcept;

    geo::LonLat center() const noexcept;
    geo::WorldPoint center_world() const noexcept { return center_; }
    // Centres the view on a world position (clamped like set_view).
    void set_world_view(geo::WorldPoint center, double zoom) noexcept;
    double zoom() const noexcept { return zoom_; }

    // The world's width in CSS pixels at the current zoom.
    double world_size() const noexcept;

    ScreenPoint project(geo::LonLat position) const noexcept;
    ScreenPoint project(geo::WorldPoint world) const noexcept;
    geo::LonLat unproject(ScreenPoint point) const noexcept;
    geo::WorldPoint unproject_world(ScreenPoint point) const noexcept;

    // Moves the map content by (dx, dy) CSS pixels, as a drag does.
    void pan_by(double dx, double dy) noexcept;

    // Changes the zoom by delta (clamped) while the map position under anchor
    // stays under anchor, as wheel and pinch zooms do.
    void zoom_around(ScreenPoint anchor, double delta) noexcept;

    // Centres on a box and picks the largest zoom (within limits) that shows
    // all of it inside the viewport less padding CSS pixels on each side.
    // An empty box leaves the view unchanged.
    void fit(const geo::BBox& box, double padding) noexcept;

    // The lon/lat box the viewport shows.
    geo::BBox visible_bbox() const noexcept;

private:
    void clamp_center() noexcept;

    geo::WorldPoint center_{0.5, 0.5};
    double zoom_min_ = min_zoom;
    double zoom_max_ = max_zoom;
    bool bounded_ = false;
    geo::WorldPoint bounds_min_{0.0, 0.0}; // north-west corner, world units
    geo::WorldPoint bounds_max_{1.0, 1.0};
    double zoom_ = 0.0;
    double width_ = 1.0;
    double height_ = 1.0;
};

} // namespace badung::camera

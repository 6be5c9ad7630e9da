#include "core/camera/camera.hpp"

#include <algorithm>
#include <cmath>

namespace badung::camera {

void Camera::set_viewport(double width, double height) noexcept {
    width_ = std::max(1.0, width);
    height_ = std::max(1.0, height);
}

void Camera::set_zoom_range(double min, double max) noexcept {
    zoom_min_ = std::clamp(min, min_zoom, max_zoom);
    zoom_max_ = std::clamp(max, zoom_min_, max_zoom);
    zoom_ = std::clamp(zoom_, zoom_min_, zoom_max_);
}

void Camera::set_bounds(const geo::BBox& box) noexcept {
    bounded_ = !box.empty();
    if (bounded_) {
        bounds_min_ = geo::to_world({box.west, box.north});
        bounds_max_ = geo::to_world({box.east, box.south});
        clamp_center();
    }
}

void Camera::clamp_center() noexcept {
    center_.y = std::clamp(center_.y, 0.0, 1.0);
    if (bounded_) {
        center_.x = std::clamp(center_.x, bounds_min_.x, bounds_max_.x);
        center_.y = std::clamp(center_.y, bounds_min_.y, bounds_max_.y);
    }
}

void Camera::set_view(geo::LonLat center, double zoom) noexcept {
    set_world_view(geo::to_world(center), zoom);
}

void Camera::set_world_view(geo::WorldPoint center, double zoom) noexcept {
    center_ = center;
    zoom_ = std::clamp(zoom, zoom_min_, zoom_max_);
    clamp_center();
}

geo::LonLat Camera::center() const noexcept {
    geo::LonLat position = geo::from_world(center_);
    position.lon = geo::wrap_lon(position.lon);
    return position;
}

double Camera::world_size() const noexcept {
    return tile_size * std::exp2(zoom_);
}

ScreenPoint Camera::project(geo::WorldPoint world) const noexcept {
    const double size = world_size();
    return {(world.x - center_.x) * size + width_ / 2.0,
            (world.y - center_.y) * size + height_ / 2.0};
}

ScreenPoint Camera::project(geo::LonLat position) const noexcept {
    return project(geo::to_world(position));
}

geo::WorldPoint Camera::unproject_world(ScreenPoint point) const noexcept {
    const double size = world_size();
    return {center_.x + (point.x - width_ / 2.0) / size,
            center_.y + (point.y - height_ / 2.0) / size};
}

geo::LonLat Camera::unproject(ScreenPoint point) const noexcept {
    return geo::from_world(unproject_world(point));
}

void Camera::pan_by(double dx, double dy) noexcept {
    const double size = world_size();
    center_.x -= dx / size;
    center_.y -= dy / size;
    clamp_center();
}

void Camera::zoom_around(ScreenPoint anchor, double delta) noexcept {
    const geo::WorldPoint under_anchor = unproject_world(anchor);
    zoom_ = std::clamp(zoom_ + delta, zoom_min_, zoom_max_);

    // Put the remembered world position back under the anchor.
    const double size = world_size();
    center_.x = under_anchor.x - (anchor.x - width_ / 2.0) / size;
    center_.y = under_anchor.y - (anchor.y - height_ / 2.0) / size;
    clamp_center();
}

void Camera::fit(const geo::BBox& box, double padding) noexcept {
    if (box.empty()) {
        return;
    }

    const geo::WorldPoint north_west = geo::to_world({box.west, box.north});
    const geo::WorldPoint south_east = geo::to_world({box.east, box.south});
    const double span_x = std::max(south_east.x - north_west.x, 1e-12);
    const double span_y = std::max(south_east.y - north_west.y, 1e-12);
    const double room_x = std::max(1.0, width_ - 2.0 * padding);
    const double room_y = std::max(1.0, height_ - 2.0 * padding);

    const double scale = std::min(room_x / span_x, room_y / span_y);
    zoom_ = std::clamp(std::log2(scale / tile_size), zoom_min_, zoom_max_);
    center_ = {(north_west.x + south_east.x) / 2.0, (north_west.y + south_east.y) / 2.0};
    clamp_center();
}

geo::BBox Camera::visible_bbox() const noexcept {
    geo::BBox box;
    box.extend(unproject({0.0, 0.0}));
    box.extend(unproject({width_, height_}));
    return box;
}

} // namespace badung::camera

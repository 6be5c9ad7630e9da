#include "core/query/within.hpp"

#include "core/geometry/contains.hpp"
#include "core/index/bbox_query.hpp"
#include "core/query/segments.hpp"

#include <algorithm>
#include <string>

namespace badung::query {

namespace {

// The area's polygons and their ring edges, gathered once per query.
struct Area {
    const geojson::Geometry* geometry = nullptr;
    std::vector<const geojson::Polygon*> polygons;
    std::vector<Segment> borders;
};

bool area_contains(const Area& area, geojson::Position p) {
    return geometry::contains(*area.geometry, p);
}

bool any_border_meets(const Area& area, const Segment& segment, bool crossing_only) {
    return std::any_of(area.borders.begin(), area.borders.end(), [&](const Segment& border) {
        return crossing_only ? segments_cross(segment, border) : segments_intersect(segment, border);
    });
}

// True when some polygon of the feature contains a position of the area's
// exterior rings, which is how an area lying inside a feature polygon shows
// once no borders meet.
bool feature_covers_area(const std::vector<const geojson::Polygon*>& feature_polygons, const Area& area) {
    for (const geojson::Polygon* polygon : feature_polygons) {
        for (const geojson::Polygon* area_polygon : area.polygons) {
            if (!area_polygon->rings.empty() && !area_polygon->rings[0].empty() &&
                geometry::polygon_contains(*polygon, area_polygon->rings[0][0])) {
                return true;
            }
        }
    }
    return false;
}

bool intersects(const Area& area, const geojson::Geometry& feature) {
    for (const geojson::Position& p : positions_of(feature)) {
        if (area_contains(area, p)) {
            return true;
        }
    }
    for (const Segment& segment : segments_of(feature)) {
        if (any_border_meets(area, segment, false)) {
            return true;
        }
    }
    return feature_covers_area(polygons_of(feature), area);
}

bool inside(const Area& area, const geojson::Geometry& feature) {
    for (const geojson::Position& p : positions_of(feature)) {
        if (!area_contains(area, p)) {
            return false;
        }
    }

    // Both ends inside is not enough: a segment may cross a border and come
    // back, or pass outside through a concave vertex of the border.
    // NOTE: a segment that leaves and re-enters only through border vertices,
    // with its midpoint inside, is still taken as inside.
    for (const Segment& segment : segments_of(feature)) {
        const geojson::Position middle{(segment.a.lon + segment.b.lon) / 2, (segment.a.lat + segment.b.lat) / 2};
        if (any_border_meets(area, segment, true) || !area_contains(area, middle)) {
            return false;
        }
    }

    // A hole of the area inside a feature polygon is a part the area lacks.
    for (const geojson::Polygon* polygon : polygons_of(feature)) {
        for (const geojson::Polygon* area_polygon : area.polygons) {
            for (std::size_t ring = 1; ring < area_polygon->rings.size(); ++ring) {
                const auto& hole = area_polygon->rings[ring];
                if (!hole.empty() && geometry::polygon_contains(*polygon, hole[0])) {
                    return false;
                }
            }
        }
    }
    return true;
}

void require_area(const geojson::Feature& feature, const std::vector<const geojson::Polygon*>& polygons) {
    const std::string fix = ": give the id of a Polygon or MultiPolygon feature";
    if (!feature.geometry) {
        throw NotAnArea("area feature '" + feature.id_text() + "' has no geometry" + fix);
    }
    const geojson::GeometryType type = feature.geometry->type;
    const bool area_type = type == geojson::GeometryType::polygon || type == geojson::GeometryType::multi_polygon;
    if (polygons.empty() && !area_type) {
        throw NotAnArea("area feature '" + feature.id_text() + "' is a " + std::string(geojson::to_string(type)) +
                        ", not a Polygon or MultiPolygon" + fix);
    }
}

} // namespace

std::vector<std::size_t> within(const geojson::Feature& area_feature, const FeatureLayer& layer, WithinRule rule) {
    std::vector<std::size_t> found;
    Area area;
    if (area_feature.geometry) {
        area.geometry = &*area_feature.geometry;
        area.polygons = polygons_of(*area.geometry);
    }
    require_area(area_feature, area.polygons);
    if (!area_feature.has_location() || area.polygons.empty()) {
        return found;
    }
    for (const geojson::Polygon* polygon : area.polygons) {
        for (const geojson::LinearRing& ring : polygon->rings) {
            for (std::size_t i = 1; i < ring.size(); ++i) {
                area.borders.push_back({ring[i - 1], ring[i]});
            }
        }
    }

    // Widened by 1e-8 degrees (about 1 mm) so that features within the
    // border tolerance of contains() reach the tests.
    constexpr double pad = 1e-8;
    const geo::BBox box = area_feature.bbox();
    const geo::BBox search_box{box.west - pad, box.south - pad, box.east + pad, box.north + pad};
    for (const std::uint32_t item : index::query_bbox(layer.tree(), search_box)) {
        const geojson::Geometry& geometry = *layer.features()[item].geometry;
        const bool match = rule == WithinRule::intersects ? intersects(area, geometry) : inside(area, geometry);
        if (match) {
            found.push_back(item);
        }
    }
    return found;
}

} // namespace badung::query

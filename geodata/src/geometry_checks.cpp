#include "geometry_checks.hpp"

#include <cmath>
#include <vector>

#include <geos_c.h>

namespace badung::geodata {

std::string_view geojson_type_name(OGRwkbGeometryType type) {
  switch (wkbFlatten(type)) {
    case wkbPoint: return "Point";
    case wkbLineString: return "LineString";
    case wkbPolygon: return "Polygon";
    case wkbMultiPoint: return "MultiPoint";
    case wkbMultiLineString: return "MultiLineString";
    case wkbMultiPolygon: return "MultiPolygon";
    default: return "";
  }
}

namespace {

std::string format_position(double x, double y) {
  char text[96];
  std::snprintf(text, sizeof text, "(%.9g, %.9g)", x, y);
  return text;
}

void check_ring(const OGRLinearRing& ring, int part, int index, std::vector<ShapeIssue>& issues) {
  const int positions = ring.getNumPoints();
  if (positions < 4) {
    issues.push_back({part, index, "ring_too_short",
        "fewer than 4 positions (it has " + std::to_string(positions) + ")"});
    return;
  }
  if (!ring.get_IsClosed()) {
    issues.push_back({part, index, "ring_not_closed",
        "ring not closed (its last position differs from its first)"});
  }
}

void check_polygon(const OGRPolygon& polygon, int part, std::vector<ShapeIssue>& issues) {
  if (polygon.IsEmpty()) {
    return;
  }
  check_ring(*polygon.getExteriorRing(), part, 0, issues);
  for (int i = 0; i < polygon.getNumInteriorRings(); ++i) {
    check_ring(*polygon.getInteriorRing(i), part, i + 1, issues);
  }
}

void check_line(const OGRLineString& line, int part, std::vector<ShapeIssue>& issues) {
  if (!line.IsEmpty() && line.getNumPoints() < 2) {
    issues.push_back({part, -1, "line_too_short",
        "fewer than 2 positions (it has " + std::to_string(line.getNumPoints()) + ")"});
  }
}

void collect_issues(const OGRGeometry& geometry, int part, std::vector<ShapeIssue>& issues) {
  const auto type = wkbFlatten(geometry.getGeometryType());
  if (type == wkbPolygon) {
    check_polygon(*geometry.toPolygon(), part, issues);
  } else if (type == wkbLineString) {
    check_line(*geometry.toLineString(), part, issues);
  } else if (OGR_GT_IsSubClassOf(type, wkbGeometryCollection)) {
    const auto& collection = *geometry.toGeometryCollection();
    for (int i = 0; i < collection.getNumGeometries(); ++i) {
      collect_issues(*collection.getGeometryRef(i), i, issues);
    }
  }
}

/// Parts of `geometry` whose dimension is `dimension`, as one multi-geometry
/// (or null when there are none).
std::unique_ptr<OGRGeometry> keep_dimension(const OGRGeometry& geometry, int dimension) {
  const auto type = wkbFlatten(geometry.getGeometryType());
  if (!OGR_GT_IsSubClassOf(type, wkbGeometryCollection)) {
    if (geometry.getDimension() != dimension || geometry.IsEmpty()) {
      return nullptr;
    }
    return std::unique_ptr<OGRGeometry>(geometry.clone());
  }

  std::unique_ptr<OGRGeometryCollection> kept;
  if (dimension == 0) {
    kept = std::make_unique<OGRMultiPoint>();
  } else if (dimension == 1) {
    kept = std::make_unique<OGRMultiLineString>();
  } else {
    kept = std::make_unique<OGRMultiPolygon>();
  }
  const auto& collection = *geometry.toGeometryCollection();
  for (int i = 0; i < collection.getNumGeometries(); ++i) {
    auto part = keep_dimension(*collection.getGeometryRef(i), dimension);
    if (!part) {
      continue;
    }
    if (OGR_GT_IsSubClassOf(wkbFlatten(part->getGeometryType()), wkbGeometryCollection)) {
      const auto& parts = *part->toGeometryCollection();
      for (int j = 0; j < parts.getNumGeometries(); ++j) {
        kept->addGeometry(parts.getGeometryRef(j));
      }
    } else {
      kept->addGeometry(part.get());
    }
  }
  if (kept->IsEmpty()) {
    return nullptr;
  }
  return kept;
}

/// Position of an interior ring relative to its exterior ring.
enum class HolePlace { within, outside, encloses, crosses, unknown };

/// Places `hole` against `shell` with GEOS predicates. Returns unknown when
/// GEOS fails on a ring that is itself invalid (a self-intersection).
HolePlace place_hole(const OGRLinearRing& shell, const OGRLinearRing& hole) {
  OGRPolygon shell_polygon;
  shell_polygon.addRingDirectly(shell.clone());
  OGRPolygon hole_polygon;
  hole_polygon.addRingDirectly(hole.clone());

  GEOSContextHandle_t context = OGRGeometry::createGEOSContext();
  GEOSGeom geos_shell = shell_polygon.exportToGEOS(context);
  GEOSGeom geos_hole = hole_polygon.exportToGEOS(context);
  HolePlace place = HolePlace::unknown;
  if (geos_shell != nullptr && geos_hole != nullptr) {
    // Each GEOS predicate returns 1 (true), 0 (false) or 2 (exception).
    const char within = GEOSWithin_r(context, geos_hole, geos_shell);
    if (within == 1) {
      place = HolePlace::within;
    } else if (within == 0) {
      const char intersects = GEOSIntersects_r(context, geos_hole, geos_shell);
      const char touches = GEOSTouches_r(context, geos_hole, geos_shell);
      const char encloses = GEOSContains_r(context, geos_hole, geos_shell);
      if (intersects == 0 || touches == 1) {
        place = HolePlace::outside;
      } else if (encloses == 1) {
        place = HolePlace::encloses;
      } else if (intersects == 1 && touches == 0 && encloses == 0) {
        place = HolePlace::crosses;
      }
    }
  }
  GEOSGeom_destroy_r(context, geos_shell);
  GEOSGeom_destroy_r(context, geos_hole);
  OGRGeometry::freeGEOSContext(context);
  return place;
}

std::string describe_place(HolePlace place) {
  switch (place) {
    case HolePlace::outside: return "it lies outside the exterior ring";
    case HolePlace::encloses: return "it encloses the exterior ring";
    default: return "it crosses the exterior ring";
  }
}

void remove_stray_holes(OGRPolygon& polygon, int part, std::vector<ShapeIssue>& issues) {
  if (polygon.IsEmpty()) {
    return;
  }
  std::vector<ShapeIssue> removed;
  for (int i = polygon.getNumInteriorRings() - 1; i >= 0; --i) {
    const HolePlace place = place_hole(*polygon.getExteriorRing(), *polygon.getInteriorRing(i));
    if (place == HolePlace::within || place == HolePlace::unknown) {
      continue;
    }
    polygon.removeRing(i + 1);
    removed.insert(removed.begin(), {part, i + 1, "hole_outside_shell",
                                     "interior ring not within exterior ring (" + describe_place(place) +
                                         "; ring ignored)"});
  }
  issues.insert(issues.end(), removed.begin(), removed.end());
}

/// Removes stray holes from every polygon of `geometry`. `part` is the
/// index of `geometry` in its parent collection, -1 at the top.
void remove_stray_holes_in(OGRGeometry& geometry, int part, std::vector<ShapeIssue>& issues) {
  const auto type = wkbFlatten(geometry.getGeometryType());
  if (type == wkbPolygon) {
    remove_stray_holes(*geometry.toPolygon(), part, issues);
  } else if (OGR_GT_IsSubClassOf(type, wkbGeometryCollection)) {
    auto& collection = *geometry.toGeometryCollection();
    for (int i = 0; i < collection.getNumGeometries(); ++i) {
      remove_stray_holes_in(*collection.getGeometryRef(i), i, issues);
    }
  }
}

/// Dimension of the geometries of a layer type: 0 points, 1 lines, 2 polygons.
int type_dimension(OGRwkbGeometryType type) {
  type = wkbFlatten(type);
  if (OGR_GT_IsSubClassOf(type, wkbPoint) || type == wkbMultiPoint) {
    return 0;
  }
  return OGR_GT_IsCurve(type) || type == wkbMultiLineString ? 1 : 2;
}

}  // namespace

/// Repairs each invalid member of a GeometryCollection on its own, so that
/// its other members (points, lines) stay in place. MakeValid of the whole
/// collection would keep only the parts of its highest dimension.
std::unique_ptr<OGRGeometry> repair_members(const OGRGeometryCollection& collection) {
  auto repaired = std::make_unique<OGRGeometryCollection>();
  for (const OGRGeometry* member : collection) {
    std::unique_ptr<OGRGeometry> kept;
    if (wkbFlatten(member->getGeometryType()) == wkbGeometryCollection) {
      kept = repair_members(*member->toGeometryCollection());
    } else if (member->getDimension() == 2 && invalidity_reason(*member)) {
      kept = repair(*member);
    } else {
      kept.reset(member->clone());
    }
    if (!kept) {
      return nullptr;
    }
    repaired->addGeometryDirectly(kept.release());
  }
  return repaired;
}

bool remove_empty_parts(OGRGeometry& geometry) {
  if (OGR_GT_IsSubClassOf(wkbFlatten(geometry.getGeometryType()), wkbGeometryCollection)) {
    auto& collection = *geometry.toGeometryCollection();
    for (int i = collection.getNumGeometries() - 1; i >= 0; --i) {
      if (collection.getGeometryRef(i)->IsEmpty()) {
        collection.removeGeometry(i);
      }
    }
  }
  return !geometry.IsEmpty();
}

std::vector<ShapeIssue> remove_holes_outside_shell(OGRGeometry& geometry) {
  std::vector<ShapeIssue> issues;
  remove_stray_holes_in(geometry, -1, issues);
  return issues;
}

bool Extent::contains(const OGREnvelope& envelope) const {
  return envelope.MinX >= min_lon && envelope.MaxX <= max_lon &&
         envelope.MinY >= min_lat && envelope.MaxY <= max_lat;
}

void for_each_position(const OGRGeometry& geometry, const std::function<void(double, double)>& visit) {
  const auto type = wkbFlatten(geometry.getGeometryType());
  if (type == wkbPoint) {
    const auto& point = *geometry.toPoint();
    if (!point.IsEmpty()) {
      visit(point.getX(), point.getY());
    }
  } else if (const auto* curve = dynamic_cast<const OGRSimpleCurve*>(&geometry)) {
    for (int i = 0; i < curve->getNumPoints(); ++i) {
      visit(curve->getX(i), curve->getY(i));
    }
  } else if (const auto* polygon = dynamic_cast<const OGRCurvePolygon*>(&geometry)) {
    for (int i = 0; i < polygon->getNumInteriorRings() + 1; ++i) {
      const OGRCurve* ring = i == 0 ? polygon->getExteriorRingCurve() : polygon->getInteriorRingCurve(i - 1);
      if (ring != nullptr) {
        for_each_position(*ring, visit);
      }
    }
  } else if (OGR_GT_IsSubClassOf(type, wkbGeometryCollection)) {
    const auto& collection = *geometry.toGeometryCollection();
    for (int i = 0; i < collection.getNumGeometries(); ++i) {
      for_each_position(*collection.getGeometryRef(i), visit);
    }
  }
}

std::vector<ShapeIssue> find_shape_issues(const OGRGeometry& geometry) {
  std::vector<ShapeIssue> issues;
  collect_issues(geometry, -1, issues);
  return issues;
}

std::optional<std::string> find_non_finite(const OGRGeometry& geometry) {
  std::optional<std::string> found;
  for_each_position(geometry, [&](double x, double y) {
    if (!found && (!std::isfinite(x) || !std::isfinite(y))) {
      found = "position " + format_position(x, y) + " is not finite";
    }
  });
  return found;
}

std::optional<std::string> find_outside_lon_lat(const OGRGeometry& geometry) {
  std::optional<std::string> found;
  for_each_position(geometry, [&](double lon, double lat) {
    if (found) {
      return;
    }
    if (!std::isfinite(lon) || !std::isfinite(lat)) {
      found = "position " + format_position(lon, lat) + " is not finite";
    } else if (std::abs(lon) > 360.0 || std::abs(lat) > 360.0) {
      found = "position " + format_position(lon, lat) +
              " is far outside lon/lat (projected metres?)";
    } else if (lat < -90.0 || lat > 90.0) {
      found = "latitude " + format_position(lon, lat) +
              " is outside -90..90 (are lon and lat swapped, or is the CRS wrong?)";
    } else if (lon < -180.0 || lon > 180.0) {
      found = "longitude " + format_position(lon, lat) +
              " is outside -180..180 (projected metres?)";
    }
  });
  return found;
}

std::optional<std::string> invalidity_reason(const OGRGeometry& geometry) {
  std::vector<unsigned char> wkb(static_cast<std::size_t>(geometry.WkbSize()));
  if (geometry.exportToWkb(wkbNDR, wkb.data()) != OGRERR_NONE) {
    return "geometry cannot be exported to WKB";
  }

  GEOSContextHandle_t context = GEOS_init_r();
  std::optional<std::string> reason;
  GEOSWKBReader* reader = GEOSWKBReader_create_r(context);
  GEOSGeometry* parsed = GEOSWKBReader_read_r(context, reader, wkb.data(), wkb.size());
  if (parsed == nullptr) {
    reason = "GEOS cannot read the geometry";
  } else if (GEOSisValid_r(context, parsed) != 1) {
    char* text = GEOSisValidReason_r(context, parsed);
    reason = text != nullptr ? text : "invalid geometry";
    GEOSFree_r(context, text);
  }
  if (parsed != nullptr) {
    GEOSGeom_destroy_r(context, parsed);
  }
  GEOSWKBReader_destroy_r(context, reader);
  GEOS_finish_r(context);
  return reason;
}

std::unique_ptr<OGRGeometry> repair(const OGRGeometry& geometry) {
  if (wkbFlatten(geometry.getGeometryType()) == wkbGeometryCollection) {
    return repair_members(*geometry.toGeometryCollection());
  }
  std::unique_ptr<OGRGeometry> valid(geometry.MakeValid());
  if (!valid) {
    return nullptr;
  }
  return keep_dimension(*valid, geometry.getDimension());
}

int count_members_of_other_type(const OGRGeometry& geometry, OGRwkbGeometryType type) {
  if (wkbFlatten(geometry.getGeometryType()) != wkbGeometryCollection || wkbFlatten(type) == wkbUnknown) {
    return 0;
  }
  int count = 0;
  for (const OGRGeometry* member : *geometry.toGeometryCollection()) {
    if (wkbFlatten(member->getGeometryType()) == wkbGeometryCollection) {
      count += count_members_of_other_type(*member, type);
    } else if (member->getDimension() != type_dimension(type)) {
      ++count;
    }
  }
  return count;
}

std::unique_ptr<OGRGeometry> fit_to_type(std::unique_ptr<OGRGeometry> geometry, OGRwkbGeometryType type) {
  type = wkbFlatten(type);
  auto actual = wkbFlatten(geometry->getGeometryType());
  if (type == wkbUnknown || actual == type) {
    return geometry;
  }

  if (actual == wkbGeometryCollection) {
    geometry = keep_dimension(*geometry, type_dimension(type));
    if (!geometry) {
      return nullptr;
    }
    actual = wkbFlatten(geometry->getGeometryType());
  }

  if (OGR_GT_GetCollection(actual) == type) {
    return std::unique_ptr<OGRGeometry>(OGRGeometryFactory::forceTo(geometry.release(), type));
  }
  const bool single_of_multi = (actual == wkbMultiPoint && type == wkbPoint) ||
                               (actual == wkbMultiLineString && type == wkbLineString) ||
                               (actual == wkbMultiPolygon && type == wkbPolygon);
  if (single_of_multi && geometry->toGeometryCollection()->getNumGeometries() == 1) {
    return std::unique_ptr<OGRGeometry>(geometry->toGeometryCollection()->getGeometryRef(0)->clone());
  }
  if (actual == type) {
    return geometry;
  }
  return nullptr;
}

}  // namespace badung::geodata

#pragma once
// Checks and repairs of one feature geometry: degenerate rings, coordinates
// that are not finite or out of the lon/lat range, OGC validity and the
// layer's declared geometry type.

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <ogr_geometry.h>

namespace badung::geodata {

/// A ring or line that breaks RFC 7946. A linear ring needs at least 4
/// positions and must be closed, and a line needs at least 2 positions.
struct ShapeIssue {
  int part = -1;  ///< polygon index inside a multi-geometry, -1 for a single polygon
  int ring = -1;  ///< ring index inside the polygon (0 = exterior), -1 for lines
  std::string code;
  std::string reason;
};

/// Lon/lat bounds in degrees.
struct Extent {
  double min_lon = 0;
  double min_lat = 0;
  double max_lon = 0;
  double max_lat = 0;

  bool contains(const OGREnvelope& envelope) const;
};

/// Returns the GeoJSON name of a simple geometry type ("MultiPolygon"), which
/// the catalog's geometry_type uses too, or "" for any other type.
std::string_view geojson_type_name(OGRwkbGeometryType type);

/// Calls `visit(x, y)` for every position of `geometry`, in storage order.
void for_each_position(const OGRGeometry& geometry, const std::function<void(double, double)>& visit);

/// Returns every ring and line of `geometry` that breaks the RFC 7946 rules.
std::vector<ShapeIssue> find_shape_issues(const OGRGeometry& geometry);

/// Removes empty members of a collection, e.g. the `[]` polygon in a
/// MultiPolygon; returns whether anything is left.
bool remove_empty_parts(OGRGeometry& geometry);

/// Removes every interior ring that is not within its exterior ring (it lies
/// outside, touches only from outside, encloses or crosses the exterior ring),
/// in polygons at any depth of a collection, and returns one issue per removed
/// ring. MakeValid would turn such a ring into a filled area, or turn the
/// polygon inside out. A ring that GEOS cannot place (a self-intersecting
/// ring) is kept for MakeValid.
std::vector<ShapeIssue> remove_holes_outside_shell(OGRGeometry& geometry);

/// Returns a sentence naming the first non-finite position, or nothing.
std::optional<std::string> find_non_finite(const OGRGeometry& geometry);

/// Returns a sentence naming the first position outside lon -180..180 or
/// lat -90..90 (x = lon, y = lat), or nothing. The sentence gives the likely
/// cause but no advice, because the fix depends on where the CRS came from.
std::optional<std::string> find_outside_lon_lat(const OGRGeometry& geometry);

/// Returns GEOS's reason why `geometry` is not OGC-valid, or nothing if it is valid.
std::optional<std::string> invalidity_reason(const OGRGeometry& geometry);

/// Repairs `geometry` with OGR MakeValid and keeps only the parts of its own
/// dimension; returns null if nothing of that dimension is left. A
/// GeometryCollection is repaired member by member (see repair_members).
std::unique_ptr<OGRGeometry> repair(const OGRGeometry& geometry);

/// Repairs each invalid polygon member of `collection`, at any depth, and
/// keeps every member in its place. Returns null if a member cannot be repaired.
std::unique_ptr<OGRGeometry> repair_members(const OGRGeometryCollection& collection);

/// Counts the members of a GeometryCollection, at any depth, that fit_to_type
/// leaves out for layer type `type` because their dimension differs (a line
/// in a MultiPolygon layer). Returns 0 for other geometries or wkbUnknown.
int count_members_of_other_type(const OGRGeometry& geometry, OGRwkbGeometryType type);

/// Fits `geometry` to the declared layer type: a single geometry becomes the
/// multi type when the layer is multi, a collection keeps its parts of the
/// layer's family. Returns null if the geometry does not fit.
std::unique_ptr<OGRGeometry> fit_to_type(std::unique_ptr<OGRGeometry> geometry, OGRwkbGeometryType type);

}  // namespace badung::geodata

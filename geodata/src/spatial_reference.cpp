#include "spatial_reference.hpp"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <sstream>

#include <cpl_error.h>

#include "errors.hpp"

namespace badung::geodata {

namespace {

std::string trim(const std::string& text) {
  const auto first = text.find_first_not_of(" \t\r\n");
  if (first == std::string::npos) {
    return "";
  }
  const auto last = text.find_last_not_of(" \t\r\n");
  return text.substr(first, last - first + 1);
}

}  // namespace

OGRSpatialReference parse_srs(const std::string& text, const std::string& what) {
  OGRSpatialReference srs;
  CPLErrorReset();
  if (trim(text).empty() || srs.SetFromUserInput(trim(text).c_str()) != OGRERR_NONE) {
    const std::string reason = CPLGetLastErrorMsg();
    throw InputError("invalid CRS '" + text + "' in " + what + (reason.empty() ? "" : " (" + reason + ")") +
                     ": give an EPSG code such as EPSG:32750, a PROJ string or WKT");
  }
  srs.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
  return srs;
}

OGRSpatialReference with_gis_order(const OGRSpatialReference& srs) {
  OGRSpatialReference copy(srs);
  copy.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
  return copy;
}

std::optional<std::string> read_crs_side_file(const std::string& path) {
  std::ifstream file(path + ".crs");
  if (!file) {
    return std::nullopt;
  }
  std::stringstream text;
  text << file.rdbuf();
  return trim(text.str());
}

int utm_epsg_for(double lon, double lat) {
  if (!(lat >= -80.0 && lat <= 84.0) || !(lon >= -180.0 && lon <= 180.0)) {
    throw InputError("no UTM zone for lon " + std::to_string(lon) + ", lat " + std::to_string(lat) +
                     ": UTM covers lat -80..84; name a target CRS with --t-srs");
  }
  const int zone = std::min(60, static_cast<int>(std::floor((lon + 180.0) / 6.0)) + 1);
  return (lat < 0.0 ? 32700 : 32600) + zone;
}

bool is_automatic_utm(const std::string& text) {
  return text == "UTM" || text == "utm";
}

std::string describe_srs(const OGRSpatialReference& srs) {
  const char* authority = srs.GetAuthorityName(nullptr);
  const char* code = srs.GetAuthorityCode(nullptr);
  if (authority != nullptr && code != nullptr) {
    return std::string(authority) + ":" + code;
  }
  const char* name = srs.GetName();
  return name != nullptr ? name : "unnamed CRS";
}

bool is_wgs84_lon_lat(const OGRSpatialReference& srs) {
  OGRSpatialReference wgs84;
  wgs84.importFromEPSG(4326);
  const char* options[] = {"IGNORE_DATA_AXIS_TO_SRS_AXIS_MAPPING=YES", "CRITERION=EQUIVALENT", nullptr};
  return srs.IsGeographic() && srs.IsSame(&wgs84, options);
}

}  // namespace badung::geodata

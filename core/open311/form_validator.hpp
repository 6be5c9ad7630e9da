#pragma once

#include "core/geo/bbox.hpp"
#include "core/geojson/geometry.hpp"
#include "core/open311/field_error.hpp"
#include "core/open311/form_fields.hpp"
#include "core/open311/service.hpp"
#include "core/time/local_day.hpp"

#include <cstddef>
#include <vector>

namespace badung::open311 {

// The extent of Kabupaten Badung (115.0839..115.2512 E, 8.8492..8.2402 S in
// the BPS 2020 regency boundary) widened by about 1 km, so a report on the
// border is accepted.
inline constexpr geo::BBox badung_report_area{115.07, -8.86, 115.27, -8.23};

// Limits the browser and the server apply alike.
struct FormRules {
    geo::BBox area = badung_report_area; // lat/long must fall inside (edges included)

    // The regency's boundary polygons, or nullptr to check the bbox alone.
    // The bbox also covers Kota Denpasar, which Badung wraps around, so with a
    // boundary a position must also lie inside it or within
    // boundary_margin_m of it (coastline and GPS error). The caller keeps the
    // geometry alive while the rules are in use.
    const geojson::Geometry* boundary = nullptr;
    double boundary_margin_m = 200.0;
    bool description_required = false;   // GeoReport v2 makes it optional
    std::size_t max_description = 4000;  // code points, for description and text attributes
    std::size_t max_line = 255;          // code points, for one-line fields and string attributes
    std::size_t max_url = 2048;          // bytes, for media_url
    // Offset for a datetime attribute value without one, as an HTML
    // datetime-local input sends it.
    int local_offset_minutes = time::wita_offset_minutes;
};

// Checks a report form against its service definition and returns every
// problem found, in the order of the checks below (an empty list: the form
// may be sent).
// Checks:
// - every value is valid UTF-8 without control characters (tab and line
//   breaks are allowed where a field may span lines);
// - service_code is the definition's service_code;
// - a location: lat and long together, or address_string or address_id;
//   lat and long are decimal numbers with a point, in range, inside
//   rules.area and, when given, near rules.boundary;
// - description at most rules.max_description code points;
// - attribute[code] values (attribute[code][] for a multivaluelist): required
//   attributes present, list values among the keys, numbers for number,
//   date-times for datetime and one line for string. A value for an unknown
//   or information-only attribute is an error;
// - media_url is http(s); email has the form local@domain.tld; phone is an
//   Indonesian number (+62 or 0, then 8 to 12 digits; spaces, dots, dashes and
//   brackets are ignored).
// Fields Open311 defines that need no check (api_key, jurisdiction_id,
// account_id) and unknown fields are ignored.
std::vector<FieldError> validate_report_form(const FormFields& fields, const ServiceDefinition& definition,
                                             const FormRules& rules = {});

// Validates against the definition in definitions whose service_code the form
// names; a form naming none of them gets one unknown_service error.
std::vector<FieldError> validate_report_form(const FormFields& fields,
                                             const std::vector<ServiceDefinition>& definitions,
                                             const FormRules& rules = {});

} // namespace badung::open311

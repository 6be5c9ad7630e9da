#pragma once

#include <string>

namespace badung::open311 {

// The reason a form field was rejected. The names (error_code_name) are
// stable, so the server can send them and the UI can test them.
enum class FieldErrorCode {
    missing,           // a required field or attribute is empty
    missing_location,  // neither lat/long nor address_string/address_id
    invalid_utf8,      // the bytes are not UTF-8
    control_character, // a control character other than tab and line breaks
    line_break,        // a one-line field contains a line break
    too_long,          // more code points than the limit
    invalid_number,    // not a decimal number
    decimal_comma,     // a decimal comma where a point is expected
    out_of_range,      // a number outside its range (lat -90..90)
    outside_area,      // a coordinate outside the city's bbox
    outside_boundary,  // a position inside the bbox but outside the boundary polygons
    unknown_service,   // service_code is not the service of the form
    invalid_email,
    invalid_phone,
    invalid_url,
    invalid_date_time,
    not_in_list,       // a list value that is not one of the keys
    repeated_value,    // the same key twice in a multivaluelist
    too_many_values,   // several values for a one-value field
    unknown_attribute, // a value for an attribute the service does not define
    no_letter_or_digit, // a text such as address_string of only spaces or punctuation
};

// Returns the snake_case name of code ("outside_area").
const char* error_code_name(FieldErrorCode code) noexcept;

enum class Language { indonesian, english };

// One rejected field of a report form.
struct FieldError {
    std::string field; // the form field name: "lat", "attribute[tingkat]"; "lat" for the whole location
    std::string value; // the submitted value, shortened and made printable
    FieldErrorCode code = FieldErrorCode::missing;
    // The rule that was broken: "4000", "-90 to 90", "ringan, sedang, berat".
    // A range is "low to high"; the Indonesian message writes "low sampai high".
    std::string limit;

    // The Indonesian label of the field as the form shows it, which is an
    // attribute's description. It is empty for the standard Open311 fields,
    // whose labels come from a table.
    std::string label_id;

    friend bool operator==(const FieldError&, const FieldError&) = default;
};

// Returns what is wrong and what to do, in language. The English text names
// the field as the API does (lat, attribute[tingkat]); the Indonesian text
// uses the label the form shows.
std::string field_error_message(const FieldError& error, Language language);

} // namespace badung::open311

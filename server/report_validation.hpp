#pragma once

#include "server/report_area.hpp"
#include "server/report_input.hpp"
#include "server/service_catalog.hpp"

#include <array>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace badung::cityd {

// Maximum length of an Open311 description, in Unicode characters.
inline constexpr std::size_t max_description_characters = 4000;

// A service request that passed validation, ready to store.
struct ServiceRequestDraft {
    std::string service_code;
    std::optional<double> lat;
    std::optional<double> lon;
    std::string address_string;
    std::string description;
    std::string media_url;
    std::map<std::string, std::vector<std::string>> attributes;

    // Personal fields: stored, never returned by GET.
    std::string first_name;
    std::string last_name;
    std::string email;
    std::string phone;
    std::string device_id;

    // Whether the sender agreed to the purpose of the personal fields. It is
    // required when any personal field is sent.
    bool consent = false;
};

// The purpose of the personal fields, which a client shows before it sends
// any of them with consent=true.
inline constexpr const char* personal_data_purpose =
    "Nama, email, telepon dan ID perangkat hanya dipakai petugas Kabupaten Badung untuk menghubungi Anda tentang "
    "laporan ini, tidak pernah ditampilkan kepada publik, dan dihapus setelah masa simpan berakhir. "
    "Name, email, phone and device ID are used only by Kabupaten Badung staff to contact you about this report, "
    "are never shown to the public, and are erased when the retention period ends.";

// Raised for an invalid field. `field` names it, and what() states what is
// wrong with the value and how to fix it.
class ValidationError : public std::invalid_argument {
public:
    ValidationError(std::string field, const std::string& message)
        : std::invalid_argument(message), field_(std::move(field)) {}
    const std::string& field() const noexcept { return field_; }

private:
    std::string field_;
};

// The personal fields of a service request.
inline constexpr std::array<const char*, 5> personal_field_names = {"first_name", "last_name", "email", "phone",
                                                                    "device_id"};

// Returns `text` with each value that `input` has for a personal field
// replaced by "[email withheld]" (with that field's name), so error messages
// can be logged without personal data.
std::string withhold_personal_values(std::string text, const ReportInput& input);

// Validates a request body against the services and the report area:
// a known service_code; lat and long inside `area` (or an address_string);
// a description of at most 4,000 characters; attribute answers that the
// service defines, with required ones present and list answers among the
// listed keys; an http(s) media_url; an email and phone of plausible form;
// consent=true when any personal field is sent;
// valid UTF-8 without control characters everywhere. Fields that Open311
// defines but this server does not use (api_key, jurisdiction_id, ...) and
// unknown fields are ignored. Throws ValidationError.
ServiceRequestDraft validate_report(const ReportInput& input, const ServiceCatalog& services,
                                    const ReportArea& area);

// Returns a canonical JSON text of the draft: the same request gives the
// same text whether it came as a form or as JSON, in any field order.
std::string fingerprint(const ServiceRequestDraft& draft);

// Counts the Unicode characters of UTF-8 text. Returns nothing for invalid UTF-8.
std::optional<std::size_t> count_utf8_characters(const std::string& text);

} // namespace badung::cityd

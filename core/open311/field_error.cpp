#include "core/open311/field_error.hpp"

#include <string_view>

namespace badung::open311 {

namespace {

// Message templates: {field} is the field name (English) or label
// (Indonesian), {value} the submitted value and {limit} the broken rule.
struct MessageTemplate {
    FieldErrorCode code;
    const char* name;
    const char* english;
    const char* indonesian;
};

constexpr MessageTemplate message_table[] = {
    {FieldErrorCode::missing, "missing", "{field} is missing; fill it in.", "{field} wajib diisi."},
    {FieldErrorCode::missing_location, "missing_location",
     "the location is missing; send lat and long, or address_string.",
     "Lokasi belum diisi; pilih titik di peta atau tulis alamatnya."},
    {FieldErrorCode::invalid_utf8, "invalid_utf8",
     "{field} \"{value}\" is not valid UTF-8 text; type it again.",
     "{field} berisi karakter yang tidak valid (\"{value}\"); ketik ulang."},
    {FieldErrorCode::control_character, "control_character",
     "{field} \"{value}\" contains a control character; remove it.",
     "{field} berisi karakter kontrol (\"{value}\"); hapus karakter itu."},
    {FieldErrorCode::line_break, "line_break", "{field} \"{value}\" must be one line; remove the line breaks.",
     "{field} harus satu baris; hapus baris barunya."},
    {FieldErrorCode::too_long, "too_long",
     "{field} is longer than {limit} characters; shorten it.",
     "{field} lebih dari {limit} karakter; persingkat."},
    {FieldErrorCode::invalid_number, "invalid_number",
     "{field} \"{value}\" is not a number; enter digits such as -8.7177.",
     "{field} \"{value}\" bukan angka; isi angka seperti -8.7177."},
    {FieldErrorCode::decimal_comma, "decimal_comma",
     "{field} \"{value}\" uses a decimal comma; use a point, as in -8.7177.",
     "{field} \"{value}\" memakai koma desimal; gunakan titik, seperti -8.7177."},
    {FieldErrorCode::out_of_range, "out_of_range",
     "{field} {value} is out of range {limit}; enter a value in that range.",
     "{field} {value} di luar rentang {limit}; isi nilai dalam rentang itu."},
    {FieldErrorCode::outside_area, "outside_area",
     "{field} {value} is outside Kabupaten Badung ({limit}); move the pin into Badung.",
     "{field} {value} berada di luar Kabupaten Badung ({limit}); pindahkan titik ke dalam wilayah Badung."},
    {FieldErrorCode::outside_boundary, "outside_boundary",
     "the position {value} (lat, long) is more than {limit} m outside the Kabupaten Badung boundary; move the "
     "pin into Badung.",
     "Lokasi {value} berada lebih dari {limit} m di luar batas Kabupaten Badung; pindahkan titik ke dalam "
     "wilayah Badung."},
    {FieldErrorCode::unknown_service, "unknown_service",
     "{field} \"{value}\" is not a service of this form ({limit}); choose a service from the list.",
     "{field} \"{value}\" tidak dikenal; pilih jenis laporan dari daftar."},
    {FieldErrorCode::invalid_email, "invalid_email",
     "{field} \"{value}\" is not an email address; use the form nama@contoh.id.",
     "{field} \"{value}\" tidak valid; gunakan bentuk nama@contoh.id."},
    {FieldErrorCode::invalid_phone, "invalid_phone",
     "{field} \"{value}\" is not an Indonesian phone number; use +62 812-3456-7890 or 0812-3456-7890.",
     "{field} \"{value}\" tidak valid; gunakan +62 812-3456-7890 atau 0812-3456-7890."},
    {FieldErrorCode::invalid_url, "invalid_url",
     "{field} \"{value}\" is not an http or https URL; send the link of the uploaded photo.",
     "{field} \"{value}\" bukan tautan http atau https; unggah ulang fotonya."},
    {FieldErrorCode::invalid_date_time, "invalid_date_time",
     "{field} \"{value}\" is not a valid date and time; use the form 2026-12-04T07:30.",
     "{field} \"{value}\" bukan tanggal dan jam yang valid; gunakan bentuk 2026-12-04T07:30."},
    {FieldErrorCode::not_in_list, "not_in_list",
     "{field} \"{value}\" is not one of the choices ({limit}); choose one from the list.",
     "{field} \"{value}\" tidak ada dalam pilihan ({limit}); pilih dari daftar."},
    {FieldErrorCode::repeated_value, "repeated_value",
     "{field} lists \"{value}\" more than once; choose each option once.",
     "{field} memuat \"{value}\" lebih dari sekali; pilih setiap opsi sekali saja."},
    {FieldErrorCode::too_many_values, "too_many_values",
     "{field} takes one value but got several (\"{value}\", …); send one.",
     "{field} hanya boleh satu jawaban; pilih satu."},
    {FieldErrorCode::unknown_attribute, "unknown_attribute",
     "{field} is not a question of this service; remove it.",
     "{field} bukan pertanyaan untuk layanan ini; hapus jawabannya."},
    {FieldErrorCode::no_letter_or_digit, "no_letter_or_digit",
     "{field} \"{value}\" contains no letter or digit; write the street, banjar or a landmark.",
     "{field} tidak berisi huruf atau angka; tulis nama jalan, banjar atau patokan."},
};

struct StandardLabel {
    const char* field;
    const char* indonesian;
};

constexpr StandardLabel standard_labels[] = {
    {"service_code", "Jenis laporan"}, {"lat", "Lintang"},        {"long", "Bujur"},
    {"address_string", "Alamat"},      {"address_id", "ID alamat"}, {"description", "Deskripsi"},
    {"media_url", "Tautan foto"},      {"first_name", "Nama depan"}, {"last_name", "Nama belakang"},
    {"email", "Email"},                {"phone", "Nomor telepon"}, {"device_id", "ID perangkat"},
};

const MessageTemplate& template_of(FieldErrorCode code) noexcept {
    for (const MessageTemplate& entry : message_table) {
        if (entry.code == code) {
            return entry;
        }
    }
    return message_table[0];
}

std::string indonesian_label(const FieldError& error) {
    if (!error.label_id.empty()) {
        return error.label_id;
    }
    for (const StandardLabel& label : standard_labels) {
        if (error.field == label.field) {
            return label.indonesian;
        }
    }
    return error.field;
}

// The limit as the Indonesian message writes it: a range "low to high"
// (see range_text in form_validator.cpp) becomes "low sampai high".
std::string indonesian_limit(const FieldError& error) {
    constexpr std::string_view separator = " to ";
    const bool is_range = error.code == FieldErrorCode::out_of_range || error.code == FieldErrorCode::outside_area;
    const std::size_t at = error.limit.find(separator);
    if (!is_range || at == std::string::npos) {
        return error.limit;
    }
    return error.limit.substr(0, at) + " sampai " + error.limit.substr(at + separator.size());
}

std::string fill(std::string_view pattern, const std::string& field, const FieldError& error,
                 const std::string& limit) {
    std::string out;
    std::size_t pos = 0;
    while (pos < pattern.size()) {
        const std::size_t open = pattern.find('{', pos);
        if (open == std::string_view::npos) {
            out.append(pattern.substr(pos));
            break;
        }
        out.append(pattern.substr(pos, open - pos));
        const std::size_t close = pattern.find('}', open);
        const std::string_view name = pattern.substr(open + 1, close - open - 1);
        if (name == "field") {
            out += field;
        } else if (name == "value") {
            out += error.value;
        } else if (name == "limit") {
            out += limit;
        }
        pos = close + 1;
    }
    return out;
}

} // namespace

const char* error_code_name(FieldErrorCode code) noexcept {
    return template_of(code).name;
}

std::string field_error_message(const FieldError& error, Language language) {
    const MessageTemplate& entry = template_of(error.code);
    if (language == Language::english) {
        return fill(entry.english, error.field, error, error.limit);
    }
    return fill(entry.indonesian, indonesian_label(error), error, indonesian_limit(error));
}

} // namespace badung::open311

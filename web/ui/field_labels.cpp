#include "web/ui/field_labels.hpp"

#include <algorithm>
#include <array>

namespace badung::web::ui {

namespace {

struct FieldLabel {
    std::string_view key;
    std::string_view id;
    std::string_view en;
};

// Labels of the fields the Badung layers share, by source field name.
constexpr std::array<FieldLabel, 43> labels{{
    {"alamat", "Alamat", "Address"},
    {"alamat_jalan", "Alamat", "Address"},
    {"alamat_faskes", "Alamat", "Address"},
    {"addr:full", "Alamat", "Address"},
    {"addr:street", "Jalan", "Street"},
    {"addr:housenumber", "Nomor rumah", "House number"},
    {"addr:postcode", "Kode pos", "Postcode"},
    {"addr:city", "Kota", "City"},
    {"jenis", "Jenis", "Type"},
    {"jenis_faskes", "Jenis", "Type"},
    {"bentuk", "Jenjang", "School level"},
    {"status", "Status", "Status"},
    {"npsn", "NPSN", "School ID (NPSN)"},
    {"kode_faskes", "Kode faskes", "Facility code"},
    {"kecamatan", "Kecamatan", "District"},
    {"district", "Kecamatan", "District"},
    {"village", "Desa", "Village"},
    {"kabupaten_kota", "Kabupaten/Kota", "Regency/City"},
    {"regency", "Kabupaten", "Regency"},
    {"province", "Provinsi", "Province"},
    {"n_desa", "Jumlah desa", "Villages"},
    {"amenity", "Fasilitas", "Amenity"},
    {"religion", "Agama", "Religion"},
    {"denomination", "Aliran", "Denomination"},
    {"operator", "Pengelola", "Operator"},
    {"phone", "Telepon", "Phone"},
    {"contact:phone", "Telepon", "Phone"},
    {"website", "Situs web", "Website"},
    {"opening_hours", "Jam buka", "Opening hours"},
    {"description", "Keterangan", "Description"},
    {"highway", "Jenis jalan", "Road type"},
    {"surface", "Permukaan", "Surface"},
    {"lanes", "Lajur", "Lanes"},
    {"maxspeed", "Batas kecepatan", "Speed limit"},
    {"oneway", "Satu arah", "One way"},
    {"ref", "Nomor", "Reference"},
    {"from", "Dari", "From"},
    {"to", "Ke", "To"},
    {"shelter", "Peneduh", "Shelter"},
    {"wheelchair", "Akses kursi roda", "Wheelchair access"},
    {"tourism", "Wisata", "Tourism"},
    {"source", "Sumber", "Source"},
    {"name:en", "Nama (Inggris)", "English name"},
}};

// Fields of the data build's own checks and identifiers of other systems.
constexpr std::array<std::string_view, 27> internal_fields{
    "coord_check",        "correction",        "kecamatan_by_coord", "kecamatan_by_code",
    "in_badung",          "is_badung_code",    "src_row",            "name_in_source",
    "in_route_extracts",  "on_routes",         "lat",                "lon",
    "osm_id",             "osm_type",          "full_id",            "z_order",
    "kemdikbud_id",       "kode_kec_kemdikbud", "kode_kec_kemendagri", "kode_kabkota",
    "kode_kemendagri",    "regency_code_bps",  "district_code_bps",  "village_code_bps",
    "valid_on",           "date",              "wikidata",
};

} // namespace

bool is_internal_field(std::string_view key) noexcept {
    return std::find(internal_fields.begin(), internal_fields.end(), key) != internal_fields.end();
}

std::string field_label(std::string_view key, i18n::Language language) {
    const auto* found = std::find_if(labels.begin(), labels.end(),
                                     [key](const FieldLabel& label) { return label.key == key; });
    if (found != labels.end()) {
        return std::string(language == i18n::Language::en ? found->en : found->id);
    }
    std::string readable(key);
    std::replace(readable.begin(), readable.end(), '_', ' ');
    return readable;
}

} // namespace badung::web::ui

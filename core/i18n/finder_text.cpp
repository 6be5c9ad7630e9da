#include "core/i18n/finder_text.hpp"

#include <array>

namespace badung::i18n {

namespace {

constexpr std::array<FinderString, 44> table{{
    {"title", "Cari tempat", "Find places"},
    {"search_label", "Cari tempat, fasilitas atau alamat", "Search places, facilities or addresses"},
    {"search_placeholder", "Contoh: puskesmas kuta, SDN 1, Jl. Raya", "E.g. puskesmas kuta, SDN 1, Jl. Raya"},
    {"results_count", "{n} hasil", "{n} results"},
    {"results_count_one", "1 hasil", "1 result"},
    {"no_results", "Tidak ada hasil untuk \u201c{q}\u201d", "No results for \u201c{q}\u201d"},
    {"categories", "Kategori", "Categories"},
    {"nearest", "Terdekat", "Nearest"},
    {"nearest_category", "Terdekat: {q}", "Nearest: {q}"},
    {"nearest_kind", "{q} terdekat", "Nearest: {q}"},
    {"nearest_all", "Semua tempat terdekat", "All nearest places"},
    // Typed search ranks by match first, so the heading must not read as
    // "sorted by distance".
    {"search_count", "{n} hasil, paling cocok dulu, lalu terdekat ke tengah peta",
     "{n} results, best match first, then nearest to the map centre"},
    {"search_count_one", "1 hasil, jarak dari tengah peta", "1 result, distance from the map centre"},
    {"from_position", "dari posisi Anda", "from your position"},
    {"from_centre", "dari tengah peta", "from the map centre"},
    {"use_my_location", "Pakai lokasi saya", "Use my location"},
    {"locating", "Mencari lokasi Anda\u2026", "Finding your location\u2026"},
    {"location_failed", "Lokasi tidak tersedia, jadi tengah peta dipakai.",
     "Your location is not available, so the map centre is used."},
    {"location_failed_distances", "Lokasi Anda tidak tersedia, jadi jarak diukur dari tengah peta.",
     "Your location is not available, so distances are measured from the map centre."},
    {"position_outside", "Posisi Anda di luar Kabupaten Badung, jadi jarak diukur dari luar Badung.",
     "Your position is outside Kabupaten Badung, so distances are measured from outside Badung."},
    {"list_from_centre", "Ukur dari tengah peta", "Measure from the map centre"},
    {"where_am_i", "Saya di mana?", "Where am I?"},
    {"desa", "Desa/Kelurahan", "Village (desa/kelurahan)"},
    {"kecamatan", "Kecamatan", "District (kecamatan)"},
    {"kabupaten", "Kabupaten", "Regency (kabupaten)"},
    {"outside", "Di luar wilayah Kabupaten Badung", "Outside Kabupaten Badung"},
    {"near_boundary", "Anda sekitar {distance} m di luar garis batas pada peta, jadi wilayah terdekat ditampilkan.",
     "You are about {distance} m outside the boundary line of the map, so the nearest area is shown."},
    {"unknown_area", "tidak diketahui", "unknown"},
    {"category", "Kategori", "Category"},
    {"kind", "Jenis", "Type"},
    {"address", "Alamat", "Address"},
    {"phone", "Telepon", "Phone"},
    {"email", "Email", "Email"},
    {"website", "Situs web", "Website"},
    {"distance", "Jarak", "Distance"},
    {"location_unknown", "lokasi tidak diketahui", "location unknown"},
    {"lies_in", "Terletak di", "Lies in"},
    {"open_in_app", "Buka di aplikasi peta", "Open in a map app"},
    {"directions", "Rute di OpenStreetMap", "Directions on OpenStreetMap"},
    {"show_on_map", "Tampilkan di peta", "Show on the map"},
    {"close", "Tutup", "Close"},
    {"back", "Kembali ke daftar", "Back to the list"},
    {"loading", "Memuat data pencarian\u2026", "Loading search data\u2026"},
    {"unnamed", "(tanpa nama)", "(no name)"},
}};

} // namespace

std::span<const FinderString> finder_strings() noexcept {
    return table;
}

} // namespace badung::i18n

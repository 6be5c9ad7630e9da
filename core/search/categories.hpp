#pragma once

#include <span>
#include <string_view>

namespace badung::search {

// The kind of a category's features: places a user looks for, or the
// administrative areas that contain them.
enum class CategoryKind { facility, area };

// A category of the data catalog, with its display names and the extra
// words a search for it may use.
struct Category {
    std::string_view slug;    // key in the data catalog, e.g. "kesehatan"
    std::string_view name_id; // Bahasa Indonesia display name
    std::string_view name_en; // English display name
    std::string_view keywords; // space-separated search words in both languages
    CategoryKind kind = CategoryKind::facility;
};

// The catalog category of the base map layers (land, water, coastline, the
// Bali outline). It has no entry in categories() because the finder never
// offers or searches it.
inline constexpr std::string_view base_map_slug = "peta-dasar";

// Every category, in display order: pendidikan, kesehatan, ibadah,
// transportasi, pantai, pemerintahan, administrasi (desa, kecamatan and
// kabupaten boundaries).
std::span<const Category> categories() noexcept;

// The category with this slug, or nullptr when the slug is unknown.
const Category* find_category(std::string_view slug) noexcept;

// Tells whether a folded word names a kind of place rather than one place
// ("puskesmas", "apotek", "sekolah", "pura", "pantai"). A feature named
// only with such words has a generic name.
bool is_kind_word(std::string_view folded_word) noexcept;

// True unless slug is an area category (administrasi) or the base map. A
// slug of the data's own that is not in categories() counts as a facility.
bool is_facility_category(std::string_view slug) noexcept;

} // namespace badung::search

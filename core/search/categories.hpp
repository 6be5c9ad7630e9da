#pragma once

#include <span>
#include <string_view>

namespace badung::search {

// A facility category of the data catalog, with its display names and the
// extra words a search for it may use.
struct Category {
    std::string_view slug;    // key in the data catalog, e.g. "kesehatan"
    std::string_view name_id; // Bahasa Indonesia display name
    std::string_view name_en; // English display name
    std::string_view keywords; // space-separated search words in both languages
};

// Every category, in display order: pendidikan, kesehatan, ibadah,
// transportasi, pantai, pemerintahan, administrasi (desa, kecamatan and
// kabupaten boundaries).
std::span<const Category> categories() noexcept;

// The category with this slug, or nullptr when the slug is unknown.
const Category* find_category(std::string_view slug) noexcept;

} // namespace badung::search

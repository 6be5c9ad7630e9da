#include "core/search/categories.hpp"

#include <algorithm>
#include <array>
#include <iterator>

namespace badung::search {

namespace {

// Keywords are generic words for the whole category only: a subtype word
// (puskesmas, pura, rumah sakit) would make every facility of the category
// match a search meant for that subtype.
constexpr std::array<Category, 7> table{{
    {"pendidikan", "Pendidikan", "Schools", "pendidikan sekolah education school schools"},
    {"kesehatan", "Kesehatan", "Health", "kesehatan faskes health healthcare"},
    {"ibadah", "Tempat ibadah", "Places of worship", "ibadah worship"},
    {"transportasi", "Transportasi", "Transport", "transportasi angkutan transport transit"},
    {"pantai", "Pantai", "Beaches", "pantai beach beaches"},
    {"pemerintahan", "Pemerintahan", "Government", "pemerintahan pemerintah government"},
    {"administrasi", "Batas wilayah", "Administrative areas", "administrasi wilayah administrative", CategoryKind::area},
}};

} // namespace

std::span<const Category> categories() noexcept {
    return table;
}

const Category* find_category(std::string_view slug) noexcept {
    for (const Category& category : table) {
        if (category.slug == slug) {
            return &category;
        }
    }
    return nullptr;
}

bool is_facility_category(std::string_view slug) noexcept {
    if (slug == base_map_slug) {
        return false;
    }
    const Category* category = find_category(slug);
    return category == nullptr || category->kind == CategoryKind::facility;
}

bool is_kind_word(std::string_view folded_word) noexcept {
    // Sorted for binary search.
    static constexpr std::string_view words[] = {
        "apotek",   "apotik",  "bidan",   "dokter",    "gereja",  "halte", "kantor",   "klenteng", "klinik",
        "masjid",   "mushola", "musholla", "pantai",   "posyandu", "pura",  "puskesmas", "pustu",    "sakit",
        "sd",       "sekolah", "sma",     "smk",       "smp",     "tk",    "vihara",
    };
    return std::binary_search(std::begin(words), std::end(words), folded_word);
}

} // namespace badung::search

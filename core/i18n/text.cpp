#include "core/i18n/text.hpp"

#include <array>
#include <cctype>
#include <cstddef>

namespace badung::i18n {

namespace {

struct Entry {
    Text text;
    std::string_view id;
    std::string_view en;
};

// One row per Text value, in enum order (checked below).
constexpr std::array<Entry, static_cast<std::size_t>(Text::count)> table{{
    {Text::layers, "Lapisan", "Layers"},
    {Text::selected_feature, "Fitur terpilih", "Selected feature"},
    {Text::no_selection, "Klik peta untuk memilih fitur.", "Click the map to select a feature."},
    {Text::no_attributes, "Tidak ada atribut.", "No attributes."},
    {Text::layer_of_feature, "Lapisan", "Layer"},
    {Text::language, "Bahasa", "Language"},
    {Text::report, "Lapor", "Report"},
    {Text::open_report_form, "Buat laporan warga", "Make a citizen report"},
    {Text::loading_layers, "Memuat lapisan...", "Loading layers..."},
    {Text::layer_failed, "Gagal dimuat", "Failed to load"},
    {Text::zoom_in, "Perbesar", "Zoom in"},
    {Text::zoom_out, "Perkecil", "Zoom out"},
    {Text::panel_title, "Peta Kabupaten Badung", "Badung Regency Map"},
}};

constexpr bool table_in_enum_order() {
    for (std::size_t i = 0; i < table.size(); ++i) {
        if (static_cast<std::size_t>(table[i].text) != i) {
            return false;
        }
    }
    return true;
}
static_assert(table_in_enum_order(), "i18n table rows must follow the order of enum Text");

} // namespace

std::string_view translate(Text text, Language language) noexcept {
    const auto index = static_cast<std::size_t>(text);
    if (index >= table.size()) {
        return "?";
    }
    return language == Language::en ? table[index].en : table[index].id;
}

std::string_view code(Language language) noexcept {
    return language == Language::en ? "en" : "id";
}

std::optional<Language> parse_language(std::string_view code) noexcept {
    const std::size_t dash = code.find_first_of("-_");
    const std::string_view primary = code.substr(0, dash);
    if (primary.size() != 2) {
        return std::nullopt;
    }

    const char first = static_cast<char>(std::tolower(static_cast<unsigned char>(primary[0])));
    const char second = static_cast<char>(std::tolower(static_cast<unsigned char>(primary[1])));
    if (first == 'i' && second == 'd') {
        return Language::id;
    }
    if (first == 'e' && second == 'n') {
        return Language::en;
    }
    return std::nullopt;
}

} // namespace badung::i18n

#pragma once

#include <optional>
#include <string_view>

namespace badung::i18n {

// The languages of the user interface. Bahasa Indonesia is the default.
enum class Language { id, en };

// Every user-interface string of the app, named by what it labels.
enum class Text {
    layers,
    selected_feature,
    no_selection,
    no_attributes,
    layer_of_feature,
    language,
    report,
    open_report_form,
    loading_layers,
    layer_failed,
    zoom_in,
    zoom_out,
    panel_title,
    count, // number of entries, not a string
};

// The string for text in language; never empty.
std::string_view translate(Text text, Language language) noexcept;

// The BCP 47 code of a language: "id" or "en".
std::string_view code(Language language) noexcept;

// The language of a BCP 47 code ("id", "en", case-insensitive, region
// subtags such as "en-GB" allowed); std::nullopt for any other code.
std::optional<Language> parse_language(std::string_view code) noexcept;

} // namespace badung::i18n

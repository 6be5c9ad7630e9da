#pragma once

#include "core/i18n/text.hpp"

#include <string>
#include <string_view>

// How the panel shows a feature's attributes: which source fields are
// bookkeeping of the data build, and readable labels for the common ones.
namespace badung::web::ui {

// True for fields the data build adds for its own checks (coord_check,
// src_row, in_badung, ...) and for codes no reader needs; the panel hides them.
bool is_internal_field(std::string_view key) noexcept;

// The label of a field in language: a readable one for the common fields
// (alamat_jalan -> "Alamat" / "Address"), else the key with its underscores
// as spaces.
std::string field_label(std::string_view key, i18n::Language language);

} // namespace badung::web::ui

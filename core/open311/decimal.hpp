#pragma once

#include <optional>
#include <string_view>

namespace badung::open311 {

// Parses a decimal number as a form field carries it: the JSON number grammar
// (-8.7177, 115, 1e3) with an optional leading '+'. The conversion does not
// depend on the process locale. Returns std::nullopt for anything else,
// including a decimal comma ("8,5"), surrounding spaces, NaN and infinities.
std::optional<double> parse_decimal(std::string_view text);

} // namespace badung::open311

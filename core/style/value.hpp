#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace badung::style {

// Straight (not premultiplied) RGBA, each channel 0..1.
struct Color {
    float r = 0.0F;
    float g = 0.0F;
    float b = 0.0F;
    float a = 1.0F;

    friend bool operator==(const Color&, const Color&) = default;
};

// A value of the style expression language: null, boolean, number, string,
// color or array.
struct Value {
    using Array = std::vector<Value>;
    std::variant<std::monostate, bool, double, std::string, Color, Array> data;

    Value() = default;
    Value(bool v) : data(v) {}
    Value(double v) : data(v) {}
    Value(int v) : data(static_cast<double>(v)) {}
    Value(std::string v) : data(std::move(v)) {}
    Value(const char* v) : data(std::string(v)) {}
    Value(Color v) : data(v) {}
    Value(Array v) : data(std::move(v)) {}

    bool is_null() const noexcept { return std::holds_alternative<std::monostate>(data); }
    const bool* as_bool() const noexcept { return std::get_if<bool>(&data); }
    const double* as_number() const noexcept { return std::get_if<double>(&data); }
    const std::string* as_string() const noexcept { return std::get_if<std::string>(&data); }
    const Color* as_color() const noexcept { return std::get_if<Color>(&data); }
    const Array* as_array() const noexcept { return std::get_if<Array>(&data); }

    friend bool operator==(const Value&, const Value&) = default;
};

// Parses a CSS colour as the style specification allows: #rgb, #rgba,
// #rrggbb, #rrggbbaa, rgb(), rgba(), hsl(), hsla() and a few names (black,
// white, red, green, blue, gray/grey, transparent). Nothing when the text is
// not one of these.
std::optional<Color> parse_color(std::string_view text);

// The value as text for messages and text-field: numbers without a
// trailing ".0", colours as rgba(), arrays as JSON-like lists.
std::string to_display(const Value& value);

// The value converted to a colour: a Color as it is, a string parsed by
// parse_color. Nothing for anything else.
std::optional<Color> to_color(const Value& value);

} // namespace badung::style

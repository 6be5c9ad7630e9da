#include "core/style/value.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <cmath>
#include <cstdio>

namespace badung::style {

namespace {

int hex_digit(char c) {
    if (c >= '0' && c <= '9') {
        return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
        return c - 'a' + 10;
    }
    if (c >= 'A' && c <= 'F') {
        return c - 'A' + 10;
    }
    return -1;
}

std::optional<Color> parse_hex(std::string_view digits) {
    std::array<int, 8> d{};
    for (std::size_t i = 0; i < digits.size(); ++i) {
        d[i] = hex_digit(digits[i]);
        if (d[i] < 0) {
            return std::nullopt;
        }
    }
    const auto channel = [](int high, int low) { return static_cast<float>(high * 16 + low) / 255.0F; };
    switch (digits.size()) {
    case 3:
    case 4: {
        Color c{channel(d[0], d[0]), channel(d[1], d[1]), channel(d[2], d[2]), 1.0F};
        if (digits.size() == 4) {
            c.a = channel(d[3], d[3]);
        }
        return c;
    }
    case 6:
    case 8: {
        Color c{channel(d[0], d[1]), channel(d[2], d[3]), channel(d[4], d[5]), 1.0F};
        if (digits.size() == 8) {
            c.a = channel(d[6], d[7]);
        }
        return c;
    }
    default:
        return std::nullopt;
    }
}

std::string_view trim(std::string_view text) {
    while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front())) != 0) {
        text.remove_prefix(1);
    }
    while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back())) != 0) {
        text.remove_suffix(1);
    }
    return text;
}

// One component of rgb()/hsl(): a number, or a percentage (fraction 0..1
// in `percent` when it ends in %).
std::optional<double> parse_component(std::string_view text, bool& percent) {
    text = trim(text);
    percent = !text.empty() && text.back() == '%';
    if (percent) {
        text.remove_suffix(1);
    }
    // from_chars for double is missing from the wasm toolchain's libc++, so
    // strtod reads the number from a bounded copy.
    const std::string copy(text);
    char* end = nullptr;
    const double value = std::strtod(copy.c_str(), &end);
    if (copy.empty() || end != copy.c_str() + copy.size() || !std::isfinite(value)) {
        return std::nullopt;
    }
    return percent ? value / 100.0 : value;
}

// The comma-separated arguments of "name(a, b, c)" when text starts with name.
std::optional<std::vector<std::string_view>> function_arguments(std::string_view text, std::string_view name) {
    if (text.substr(0, name.size()) != name || text.size() < name.size() + 2 || text[name.size()] != '(' ||
        text.back() != ')') {
        return std::nullopt;
    }
    std::string_view inner = text.substr(name.size() + 1, text.size() - name.size() - 2);
    std::vector<std::string_view> parts;
    while (true) {
        const std::size_t comma = inner.find(',');
        parts.push_back(inner.substr(0, comma));
        if (comma == std::string_view::npos) {
            break;
        }
        inner.remove_prefix(comma + 1);
    }
    return parts;
}

float clamp01(double v) {
    return static_cast<float>(std::clamp(v, 0.0, 1.0));
}

std::optional<Color> parse_rgb(std::string_view text) {
    auto parts = function_arguments(text, "rgba");
    if (!parts) {
        parts = function_arguments(text, "rgb");
    }
    if (!parts || (parts->size() != 3 && parts->size() != 4)) {
        return std::nullopt;
    }
    std::array<double, 4> v{0, 0, 0, 1};
    for (std::size_t i = 0; i < parts->size(); ++i) {
        bool percent = false;
        const auto number = parse_component((*parts)[i], percent);
        if (!number) {
            return std::nullopt;
        }
        v[i] = (i < 3 && !percent) ? *number / 255.0 : *number;
    }
    return Color{clamp01(v[0]), clamp01(v[1]), clamp01(v[2]), clamp01(v[3])};
}

double hue_to_channel(double p, double q, double t) {
    t = t - std::floor(t);
    if (t < 1.0 / 6.0) {
        return p + (q - p) * 6.0 * t;
    }
    if (t < 0.5) {
        return q;
    }
    if (t < 2.0 / 3.0) {
        return p + (q - p) * (2.0 / 3.0 - t) * 6.0;
    }
    return p;
}

std::optional<Color> parse_hsl(std::string_view text) {
    auto parts = function_arguments(text, "hsla");
    if (!parts) {
        parts = function_arguments(text, "hsl");
    }
    if (!parts || (parts->size() != 3 && parts->size() != 4)) {
        return std::nullopt;
    }
    std::array<double, 4> v{0, 0, 0, 1};
    for (std::size_t i = 0; i < parts->size(); ++i) {
        bool percent = false;
        const auto number = parse_component((*parts)[i], percent);
        if (!number || (i == 1 || i == 2) != percent) {
            return std::nullopt;
        }
        v[i] = *number;
    }
    const double h = v[0] / 360.0;
    const double s = std::clamp(v[1], 0.0, 1.0);
    const double l = std::clamp(v[2], 0.0, 1.0);
    const double q = l < 0.5 ? l * (1 + s) : l + s - l * s;
    const double p = 2 * l - q;
    return Color{clamp01(hue_to_channel(p, q, h + 1.0 / 3.0)), clamp01(hue_to_channel(p, q, h)),
                 clamp01(hue_to_channel(p, q, h - 1.0 / 3.0)), clamp01(v[3])};
}

std::optional<Color> named_color(std::string_view name) {
    struct Named {
        std::string_view name;
        Color color;
    };
    static constexpr std::array<Named, 9> names{{{"black", {0, 0, 0, 1}},
                                                 {"white", {1, 1, 1, 1}},
                                                 {"red", {1, 0, 0, 1}},
                                                 {"green", {0, 128.0F / 255.0F, 0, 1}},
                                                 {"blue", {0, 0, 1, 1}},
                                                 {"gray", {128.0F / 255.0F, 128.0F / 255.0F, 128.0F / 255.0F, 1}},
                                                 {"grey", {128.0F / 255.0F, 128.0F / 255.0F, 128.0F / 255.0F, 1}},
                                                 {"yellow", {1, 1, 0, 1}},
                                                 {"transparent", {0, 0, 0, 0}}}};
    for (const Named& entry : names) {
        if (entry.name == name) {
            return entry.color;
        }
    }
    return std::nullopt;
}

std::string format_number(double number) {
    if (std::isfinite(number) && number == std::floor(number) && std::fabs(number) < 1e15) {
        return std::to_string(static_cast<long long>(number));
    }
    char text[32];
    std::snprintf(text, sizeof text, "%.17g", number);
    return text;
}

} // namespace

std::optional<Color> parse_color(std::string_view text) {
    std::string lower(trim(text));
    std::transform(lower.begin(), lower.end(), lower.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    lower.erase(std::remove(lower.begin(), lower.end(), ' '), lower.end());

    if (!lower.empty() && lower.front() == '#') {
        return parse_hex(std::string_view(lower).substr(1));
    }
    if (auto rgb = parse_rgb(lower)) {
        return rgb;
    }
    if (auto hsl = parse_hsl(lower)) {
        return hsl;
    }
    return named_color(lower);
}

std::optional<Color> to_color(const Value& value) {
    if (const Color* color = value.as_color()) {
        return *color;
    }
    if (const std::string* text = value.as_string()) {
        return parse_color(*text);
    }
    return std::nullopt;
}

std::string to_display(const Value& value) {
    if (value.is_null()) {
        return "";
    }
    if (const bool* b = value.as_bool()) {
        return *b ? "true" : "false";
    }
    if (const double* number = value.as_number()) {
        return format_number(*number);
    }
    if (const std::string* text = value.as_string()) {
        return *text;
    }
    if (const Color* c = value.as_color()) {
        return "rgba(" + format_number(std::round(c->r * 255)) + "," + format_number(std::round(c->g * 255)) + "," +
               format_number(std::round(c->b * 255)) + "," + format_number(c->a) + ")";
    }
    std::string text = "[";
    const Value::Array& items = *value.as_array();
    for (std::size_t i = 0; i < items.size(); ++i) {
        text += (i == 0 ? "" : ",") + to_display(items[i]);
    }
    return text + "]";
}

} // namespace badung::style

// Types and defaults of the paint and layout properties the renderers use,
// from the MapLibre style specification v8.
#include "core/style/style.hpp"

#include <algorithm>
#include <array>

namespace badung::style {

namespace {

bool ends_with(std::string_view text, std::string_view suffix) {
    return text.size() >= suffix.size() && text.substr(text.size() - suffix.size()) == suffix;
}

} // namespace

ValueType property_type(std::string_view name) {
    if (ends_with(name, "-color")) {
        return ValueType::color;
    }
    constexpr std::array<std::string_view, 7> arrays{"text-font",   "text-offset",      "icon-offset",
                                                     "line-dasharray", "text-variable-anchor", "text-translate",
                                                     "fill-translate"};
    if (std::find(arrays.begin(), arrays.end(), name) != arrays.end()) {
        return ValueType::array;
    }
    constexpr std::array<std::string_view, 7> numeric{"-width", "-opacity", "-radius", "-size",
                                                      "-blur",  "-padding", "-spacing"};
    for (const std::string_view suffix : numeric) {
        if (ends_with(name, suffix)) {
            return ValueType::number;
        }
    }
    return ValueType::any;
}

Value property_default(std::string_view name) {
    struct Default {
        std::string_view name;
        Value value;
    };
    static const std::array<Default, 21> defaults{{
        {"background-color", Color{0, 0, 0, 1}},
        {"background-opacity", 1.0},
        {"fill-color", Color{0, 0, 0, 1}},
        {"fill-opacity", 1.0},
        {"line-color", Color{0, 0, 0, 1}},
        {"line-width", 1.0},
        {"line-opacity", 1.0},
        {"line-gap-width", 0.0},
        {"line-blur", 0.0},
        {"circle-color", Color{0, 0, 0, 1}},
        {"circle-radius", 5.0},
        {"circle-opacity", 1.0},
        {"circle-stroke-color", Color{0, 0, 0, 1}},
        {"circle-stroke-width", 0.0},
        {"text-color", Color{0, 0, 0, 1}},
        {"text-halo-color", Color{0, 0, 0, 0}},
        {"text-halo-width", 0.0},
        {"text-size", 16.0},
        {"text-field", std::string()},
        {"text-max-width", 10.0},
        {"symbol-placement", std::string("point")},
    }};
    for (const Default& entry : defaults) {
        if (entry.name == name) {
            return entry.value;
        }
    }
    return {};
}

std::string_view to_string(LayerType type) {
    switch (type) {
    case LayerType::background:
        return "background";
    case LayerType::fill:
        return "fill";
    case LayerType::line:
        return "line";
    case LayerType::circle:
        return "circle";
    case LayerType::symbol:
        return "symbol";
    }
    return "fill";
}

} // namespace badung::style

#include "core/geojson/feature.hpp"

#include <cstdlib>
#include <stdexcept>

namespace badung::geojson {

double Value::number() const {
    if (kind != Kind::number) {
        throw std::domain_error("Value::number: the value is not a JSON number (text \"" +
                                text + "\"); check kind first");
    }

    // JSON number text is valid strtod input in the C locale.
    return std::strtod(text.c_str(), nullptr);
}

std::string Value::to_display() const {
    switch (kind) {
    case Kind::null:
        return "";
    case Kind::boolean:
        return boolean ? "true" : "false";
    case Kind::number:
    case Kind::string:
    case Kind::array:
    case Kind::object:
        return text;
    }
    return text;
}

const Value* Feature::property(std::string_view key) const noexcept {
    for (const auto& [name, value] : properties) {
        if (name == key) {
            return &value;
        }
    }
    return nullptr;
}

std::string Feature::id_text() const {
    return id.to_display();
}

geo::BBox Feature::bbox() const noexcept {
    if (!geometry) {
        return {};
    }
    return geometry->bbox();
}

} // namespace badung::geojson

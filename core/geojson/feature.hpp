#pragma once

#include "core/geo/bbox.hpp"
#include "core/geojson/geometry.hpp"

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace badung::geojson {

// A JSON property value of any type. Strings hold their decoded text; numbers,
// arrays and objects hold compact JSON text, so writing a feature back keeps
// every value, and number() gives a number's value. Integers within 64 bits
// keep their digits; other numbers are written in RapidJSON's shortest form
// that reads back to the same double (1.50 becomes 1.5, 1e5 becomes 100000.0).
// NOTE: integers beyond 64 bits are read as doubles and lose digits.
struct Value {
    enum class Kind : std::uint8_t { null, boolean, number, string, array, object };

    Kind kind = Kind::null;
    bool boolean = false;
    std::string text;

    bool is_null() const noexcept { return kind == Kind::null; }
    // The value of a number. Throws std::domain_error when kind is not number.
    double number() const;

    // The value as display text: strings as they are, null as "", others as JSON.
    std::string to_display() const;

    friend bool operator==(const Value&, const Value&) = default;
};

using Properties = std::vector<std::pair<std::string, Value>>;

struct Feature {
    // The "id" member: Kind::null when absent, else a string or a number.
    Value id;

    // std::nullopt for "geometry": null.
    std::optional<Geometry> geometry;

    // True for "properties": null; properties is then empty.
    bool properties_null = false;
    Properties properties;

    // Position of the feature in the input's "features" array.
    std::size_t source_index = 0;

    // The property named key, or nullptr.
    const Value* property(std::string_view key) const noexcept;

    // The id as text ("" when absent).
    std::string id_text() const;

    // True when the feature has a geometry with at least one position; only
    // such features are drawn and returned by spatial queries.
    bool has_location() const noexcept { return geometry && !geometry->empty(); }

    geo::BBox bbox() const noexcept;
};

} // namespace badung::geojson

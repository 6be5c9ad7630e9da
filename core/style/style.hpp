#pragma once

#include "core/style/expression.hpp"

#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace badung::style {

// Raised when a document is not a MapLibre style v8 at all (not JSON, no
// "version": 8, no "layers" array). Problems inside one layer never raise:
// they become Diagnostics.
class StyleError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

enum class LayerType { background, fill, line, circle, symbol };

// One problem found while reading the style, reported once: the layer,
// the property ("filter", "paint.line-width", "type", ...) and what is wrong.
// The layer is skipped when the problem is in its type or filter, else only
// that property is.
struct Diagnostic {
    std::string layer_id;
    std::string property;
    std::string message;
};

// A source of the style: its type and, for vector sources, the TileJSON url
// or the tile url templates.
struct Source {
    std::string type;
    std::string url;
    std::vector<std::string> tiles;
};

// One style layer with its compiled filter, paint and layout properties.
class Layer {
public:
    std::string id;
    LayerType type = LayerType::fill;
    std::string source;
    std::string source_layer;
    double minzoom = 0.0;  // the layer shows from this zoom on
    double maxzoom = 24.0; // and below this one
    bool visible = true;   // layout visibility
    std::optional<Expression> filter;
    std::map<std::string, Expression, std::less<>> paint;
    std::map<std::string, Expression, std::less<>> layout;

    // True when the layer is visible and minzoom <= zoom < maxzoom.
    bool shows_at(double zoom) const;

    // True when the feature passes the filter at the zoom (always without one).
    bool matches(const FeatureView& feature, double zoom) const;

    // The value of a paint property at the zoom for the feature (nullptr for
    // no feature): the layer's value, else the specification's default. A
    // value of the wrong type also falls back to the default.
    Value paint_value(std::string_view name, double zoom, const FeatureView* feature = nullptr) const;
    Value layout_value(std::string_view name, double zoom, const FeatureView* feature = nullptr) const;

    // Typed forms of paint_value: a number or colour, else the default.
    double paint_number(std::string_view name, double zoom, const FeatureView* feature = nullptr) const;
    Color paint_color(std::string_view name, double zoom, const FeatureView* feature = nullptr) const;

    // True when the paint property's value depends on the feature.
    bool paint_is_feature_dependent(std::string_view name) const;
};

// A parsed style document.
class Style {
public:
    // Parses style JSON. Throws StyleError when the document is not a v8
    // style; every problem within a layer goes to diagnostics() instead.
    static Style parse(std::string_view json);

    std::string name;
    std::string glyphs;
    std::map<std::string, Source, std::less<>> sources;
    std::vector<Layer> layers; // in drawing order, bottom first; skipped layers left out
    std::vector<Diagnostic> diagnostics;

    // The layer with this id, or nullptr.
    const Layer* find_layer(std::string_view id) const;

    // The layers drawing a source-layer, in drawing order.
    std::vector<const Layer*> layers_of(std::string_view source_layer) const;
};

// The type a property expects: colours for "*-color", arrays for
// text-font, offsets, translations and dash arrays, numbers for widths,
// radii, opacities, sizes, blurs, paddings and spacings, else any.
ValueType property_type(std::string_view name);

// The style specification's default of a paint or layout property, or null
// for properties this module does not know.
Value property_default(std::string_view name);

// The name of a layer type as in the specification ("fill", ...).
std::string_view to_string(LayerType type);

} // namespace badung::style

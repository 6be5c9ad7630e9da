#include "core/style/style.hpp"

#include "core/json/parse.hpp"

#include <rapidjson/document.h>
#include <rapidjson/error/en.h>

#include <algorithm>

namespace badung::style {

namespace {

using Json = rapidjson::Value;

std::string string_member(const Json& object, const char* key) {
    const auto it = object.FindMember(key);
    if (it == object.MemberEnd() || !it->value.IsString()) {
        return {};
    }
    return {it->value.GetString(), it->value.GetStringLength()};
}

std::optional<LayerType> layer_type(std::string_view name) {
    for (const LayerType type : {LayerType::background, LayerType::fill, LayerType::line, LayerType::circle,
                                 LayerType::symbol}) {
        if (to_string(type) == name) {
            return type;
        }
    }
    return std::nullopt;
}

Source read_source(const Json& json) {
    Source source;
    source.type = string_member(json, "type");
    source.url = string_member(json, "url");
    const auto tiles = json.FindMember("tiles");
    if (tiles != json.MemberEnd() && tiles->value.IsArray()) {
        for (const Json& tile : tiles->value.GetArray()) {
            if (tile.IsString()) {
                source.tiles.emplace_back(tile.GetString(), tile.GetStringLength());
            }
        }
    }
    return source;
}

// Compiles each member of a paint or layout object; a member that fails is
// left out with one diagnostic.
void read_properties(const Json& layer_json, const char* group, Layer& layer, std::vector<Diagnostic>& diagnostics) {
    const auto it = layer_json.FindMember(group);
    if (it == layer_json.MemberEnd()) {
        return;
    }
    if (!it->value.IsObject()) {
        diagnostics.push_back({layer.id, group, std::string(group) + " is not an object; it is ignored"});
        return;
    }
    auto& target = std::string_view(group) == "paint" ? layer.paint : layer.layout;
    for (const auto& member : it->value.GetObject()) {
        const std::string name(member.name.GetString(), member.name.GetStringLength());
        if (name == "visibility") {
            layer.visible = !(member.value.IsString() && std::string_view(member.value.GetString()) == "none");
            continue;
        }
        try {
            target.emplace(name, compile_expression(member.value, property_type(name)));
        } catch (const ExpressionError& error) {
            diagnostics.push_back({layer.id, std::string(group) + "." + name,
                                   std::string(error.what()) + "; the property is skipped"});
        }
    }
}

double zoom_member(const Json& json, const char* key, double fallback) {
    const auto it = json.FindMember(key);
    return it != json.MemberEnd() && it->value.IsNumber() ? it->value.GetDouble() : fallback;
}

// Reads one layer; nothing (and a diagnostic) when the layer must be skipped.
std::optional<Layer> read_layer(const Json& json, std::size_t index, std::vector<Diagnostic>& diagnostics) {
    Layer layer;
    if (!json.IsObject()) {
        diagnostics.push_back({"#" + std::to_string(index), "layer", "layer is not an object; it is skipped"});
        return std::nullopt;
    }
    layer.id = string_member(json, "id");
    if (layer.id.empty()) {
        layer.id = "#" + std::to_string(index);
        diagnostics.push_back({layer.id, "id", "layer has no id; it is skipped"});
        return std::nullopt;
    }
    const std::string type_name = string_member(json, "type");
    const auto type = layer_type(type_name);
    if (!type) {
        diagnostics.push_back({layer.id, "type",
                               "unsupported layer type '" + type_name +
                                   "'; use background, fill, line, circle or symbol; the layer is skipped"});
        return std::nullopt;
    }
    layer.type = *type;
    layer.source = string_member(json, "source");
    layer.source_layer = string_member(json, "source-layer");
    layer.minzoom = zoom_member(json, "minzoom", 0.0);
    layer.maxzoom = zoom_member(json, "maxzoom", 24.0);

    const auto filter = json.FindMember("filter");
    if (filter != json.MemberEnd()) {
        try {
            layer.filter = compile_filter(filter->value);
        } catch (const ExpressionError& error) {
            diagnostics.push_back({layer.id, "filter", std::string(error.what()) + "; the layer is skipped"});
            return std::nullopt;
        }
    }
    read_properties(json, "paint", layer, diagnostics);
    read_properties(json, "layout", layer, diagnostics);
    return layer;
}

Value typed_or_default(Value value, std::string_view name) {
    const ValueType type = property_type(name);
    if (type == ValueType::color) {
        if (auto color = to_color(value)) {
            return *color;
        }
        return property_default(name);
    }
    if (type == ValueType::number && value.as_number() == nullptr) {
        return property_default(name);
    }
    return value.is_null() ? property_default(name) : value;
}

Value property_value(const std::map<std::string, Expression, std::less<>>& properties, std::string_view name,
                     double zoom, const FeatureView* feature) {
    const auto it = properties.find(name);
    if (it == properties.end()) {
        return property_default(name);
    }
    return typed_or_default(it->second.evaluate({zoom, feature}), name);
}

} // namespace

bool Layer::shows_at(double zoom) const {
    return visible && zoom >= minzoom && zoom < maxzoom;
}

bool Layer::matches(const FeatureView& feature, double zoom) const {
    return !filter || filter_matches(*filter, {zoom, &feature});
}

Value Layer::paint_value(std::string_view name, double zoom, const FeatureView* feature) const {
    return property_value(paint, name, zoom, feature);
}

Value Layer::layout_value(std::string_view name, double zoom, const FeatureView* feature) const {
    return property_value(layout, name, zoom, feature);
}

double Layer::paint_number(std::string_view name, double zoom, const FeatureView* feature) const {
    const Value value = paint_value(name, zoom, feature);
    return value.as_number() != nullptr ? *value.as_number() : 0.0;
}

Color Layer::paint_color(std::string_view name, double zoom, const FeatureView* feature) const {
    return to_color(paint_value(name, zoom, feature)).value_or(Color{0, 0, 0, 1});
}

bool Layer::paint_is_feature_dependent(std::string_view name) const {
    const auto it = paint.find(name);
    return it != paint.end() && it->second.is_feature_dependent();
}

Style Style::parse(std::string_view text) {
    rapidjson::Document document;
    json::parse(document, text);
    if (document.HasParseError()) {
        throw StyleError("style is not valid JSON at byte " + std::to_string(document.GetErrorOffset()) + ": " +
                         rapidjson::GetParseError_En(document.GetParseError()));
    }
    if (!document.IsObject()) {
        throw StyleError("style is not a JSON object");
    }
    // Const access: comparing rapidjson's non-const member iterators is
    // ambiguous under C++20's reversed operators.
    const Json& root = document;
    const auto version = root.FindMember("version");
    if (version == root.MemberEnd() || !version->value.IsNumber() || version->value.GetDouble() != 8) {
        throw StyleError("style \"version\" is not 8; only MapLibre style specification v8 is supported");
    }
    const auto layers = root.FindMember("layers");
    if (layers == root.MemberEnd() || !layers->value.IsArray()) {
        throw StyleError("style has no \"layers\" array");
    }

    Style style;
    style.name = string_member(root, "name");
    style.glyphs = string_member(root, "glyphs");
    const auto sources = root.FindMember("sources");
    if (sources != root.MemberEnd() && sources->value.IsObject()) {
        for (const auto& member : sources->value.GetObject()) {
            if (member.value.IsObject()) {
                style.sources.emplace(member.name.GetString(), read_source(member.value));
            }
        }
    }
    std::size_t index = 0;
    for (const Json& json : layers->value.GetArray()) {
        if (auto layer = read_layer(json, index++, style.diagnostics)) {
            style.layers.push_back(std::move(*layer));
        }
    }
    return style;
}

const Layer* Style::find_layer(std::string_view id) const {
    const auto it = std::find_if(layers.begin(), layers.end(), [id](const Layer& layer) { return layer.id == id; });
    return it == layers.end() ? nullptr : &*it;
}

std::vector<const Layer*> Style::layers_of(std::string_view source_layer) const {
    std::vector<const Layer*> found;
    for (const Layer& layer : layers) {
        if (layer.source_layer == source_layer) {
            found.push_back(&layer);
        }
    }
    return found;
}

} // namespace badung::style

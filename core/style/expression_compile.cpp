// Compiling style JSON into Expression trees: the expression form, legacy
// zoom functions and legacy filters.
#include "core/style/expression.hpp"

#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <algorithm>
#include <array>
#include <limits>
#include <string_view>

namespace badung::style {

namespace {

using Json = rapidjson::Value;
using Op = Expression::Op;

std::string json_text(const Json& json) {
    rapidjson::StringBuffer buffer;
    rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
    json.Accept(writer);
    std::string text(buffer.GetString(), buffer.GetSize());
    return text.size() > 80 ? text.substr(0, 77) + "..." : text;
}

// A JSON value as a literal Value; arrays become arrays, objects fail.
Value json_literal(const Json& json) {
    if (json.IsNull()) {
        return {};
    }
    if (json.IsBool()) {
        return json.GetBool();
    }
    if (json.IsNumber()) {
        return json.GetDouble();
    }
    if (json.IsString()) {
        return std::string(json.GetString(), json.GetStringLength());
    }
    if (json.IsArray()) {
        Value::Array items;
        for (const Json& item : json.GetArray()) {
            items.push_back(json_literal(item));
        }
        return items;
    }
    throw ExpressionError("object literal " + json_text(json) + " is not supported");
}

Expression make_literal(Value value, ValueType type) {
    if (type == ValueType::color) {
        if (const std::string* text = value.as_string()) {
            const auto color = parse_color(*text);
            if (!color) {
                throw ExpressionError("invalid colour '" + *text + "': use #rrggbb, rgb(), rgba(), hsl() or a CSS name");
            }
            value = *color;
        }
    }
    Expression e;
    e.op = Op::literal;
    e.literal = std::move(value);
    return e;
}

Expression make(Op op, std::vector<Expression> args) {
    Expression e;
    e.op = op;
    e.args = std::move(args);
    return e;
}

Expression make_key(Op op, std::string key) {
    Expression e;
    e.op = op;
    e.key = std::move(key);
    return e;
}

std::string op_name(const Json& json) {
    return std::string(json[0].GetString(), json[0].GetStringLength());
}

void require_arity(const Json& json, rapidjson::SizeType min, rapidjson::SizeType max) {
    const rapidjson::SizeType n = json.Size() - 1;
    if (n < min || n > max) {
        throw ExpressionError("'" + op_name(json) + "' expects " +
                              (min == max ? std::to_string(min) : std::to_string(min) + " to " + std::to_string(max)) +
                              " arguments, got " + std::to_string(n) + " in " + json_text(json));
    }
}

std::string string_key(const Json& json) {
    if (!json[1].IsString()) {
        throw ExpressionError("'" + op_name(json) + "' supports only a literal property name, not " + json_text(json[1]));
    }
    return std::string(json[1].GetString(), json[1].GetStringLength());
}

Expression compile_match(const Json& json, ValueType type) {
    if (json.Size() < 5 || json.Size() % 2 != 1) {
        throw ExpressionError("'match' expects an input, label/output pairs and a fallback: " + json_text(json));
    }
    Expression e = make(Op::match, {compile_expression(json[1], ValueType::any)});
    for (rapidjson::SizeType i = 2; i + 1 < json.Size(); i += 2) {
        const Json& label = json[i];
        std::vector<Value> labels;
        if (label.IsArray()) {
            for (const Json& item : label.GetArray()) {
                labels.push_back(json_literal(item));
            }
        } else {
            labels.push_back(json_literal(label));
        }
        for (const Value& value : labels) {
            if (value.as_number() == nullptr && value.as_string() == nullptr) {
                throw ExpressionError("'match' labels must be numbers or strings, not " + json_text(label));
            }
        }
        e.labels.push_back(std::move(labels));
        e.args.push_back(compile_expression(json[i + 1], type));
    }
    e.args.push_back(compile_expression(json[json.Size() - 1], type));
    return e;
}

// Reads the stop inputs of interpolate/step from `first` on, every second
// element, and compiles the outputs after each.
void compile_stops(const Json& json, rapidjson::SizeType first, ValueType type, Expression& e) {
    for (rapidjson::SizeType i = first; i + 1 < json.Size(); i += 2) {
        if (!json[i].IsNumber()) {
            throw ExpressionError("'" + op_name(json) + "' stop inputs must be numbers, not " + json_text(json[i]));
        }
        const double stop = json[i].GetDouble();
        if (!e.stops.empty() && stop <= e.stops.back()) {
            throw ExpressionError("'" + op_name(json) + "' stop inputs must increase: " + json_text(json));
        }
        e.stops.push_back(stop);
        e.args.push_back(compile_expression(json[i + 1], type));
    }
}

Expression compile_interpolate(const Json& json, ValueType type) {
    if (json.Size() < 5 || json.Size() % 2 != 1) {
        throw ExpressionError("'interpolate' expects a type, an input and stop/output pairs: " + json_text(json));
    }
    const Json& kind = json[1];
    Expression e = make(Op::interpolate, {compile_expression(json[2], ValueType::number)});
    const std::string kind_name = kind.IsArray() && kind.Size() > 0 && kind[0].IsString() ? op_name(kind) : "";
    if (kind_name == "linear" && kind.Size() == 1) {
        e.base = 1.0;
    } else if (kind_name == "exponential" && kind.Size() == 2 && kind[1].IsNumber()) {
        e.base = kind[1].GetDouble();
    } else {
        throw ExpressionError("unsupported interpolation type " + json_text(kind) +
                              ": use [\"linear\"] or [\"exponential\", base]");
    }
    compile_stops(json, 3, type, e);
    return e;
}

Expression compile_step(const Json& json, ValueType type) {
    if (json.Size() < 3 || json.Size() % 2 != 1) {
        throw ExpressionError("'step' expects an input, a first output and stop/output pairs: " + json_text(json));
    }
    Expression e = make(Op::step, {compile_expression(json[1], ValueType::number)});
    e.args.push_back(compile_expression(json[2], type));
    e.stops.push_back(-std::numeric_limits<double>::infinity());
    compile_stops(json, 3, type, e);
    return e;
}

// A legacy zoom function {"stops": [[zoom, value], ...], "base": b}.
Expression compile_zoom_function(const Json& json, ValueType type) {
    if (json.HasMember("property")) {
        throw ExpressionError("legacy property functions are not supported: " + json_text(json) +
                              "; use a match or interpolate expression");
    }
    const auto stops = json.FindMember("stops");
    if (stops == json.MemberEnd() || !stops->value.IsArray() || stops->value.Empty()) {
        throw ExpressionError("legacy function without stops: " + json_text(json));
    }
    const bool interpolated = type == ValueType::number || type == ValueType::color;
    const auto function_type = json.FindMember("type");
    const bool interval = !interpolated || (function_type != json.MemberEnd() && function_type->value.IsString() &&
                                            std::string_view(function_type->value.GetString()) == "interval");

    Expression e = make(interval ? Op::step : Op::interpolate, {make(Op::zoom, {})});
    const auto base = json.FindMember("base");
    e.base = base != json.MemberEnd() && base->value.IsNumber() ? base->value.GetDouble() : 1.0;
    for (const Json& stop : stops->value.GetArray()) {
        if (!stop.IsArray() || stop.Size() != 2 || !stop[0].IsNumber()) {
            throw ExpressionError("legacy function stop " + json_text(stop) + " is not [zoom, value]");
        }
        if (e.args.size() == 1 && interval) {
            // step needs an output below the first stop: the first value.
            e.stops.push_back(-std::numeric_limits<double>::infinity());
            e.args.push_back(compile_expression(stop[1], type));
        }
        e.stops.push_back(stop[0].GetDouble());
        e.args.push_back(compile_expression(stop[1], type));
    }
    return e;
}

Expression compile_comparison(const Json& json, Op op) {
    require_arity(json, 2, 2);
    return make(op, {compile_expression(json[1], ValueType::any), compile_expression(json[2], ValueType::any)});
}

Expression compile_list(const Json& json, Op op, ValueType type) {
    Expression e = make(op, {});
    for (rapidjson::SizeType i = 1; i < json.Size(); ++i) {
        e.args.push_back(compile_expression(json[i], type));
    }
    return e;
}

bool is_supported_operator(std::string_view name) {
    constexpr std::array<std::string_view, 24> names{
        "literal", "get", "has", "!has", "zoom", "geometry-type", "id", "==", "!=", "<", ">", "<=",
        ">=", "in", "!", "all", "any", "coalesce", "case", "match", "interpolate", "step", "none", "!in"};
    return std::find(names.begin(), names.end(), name) != names.end();
}

Expression compile_operator(const Json& json, ValueType type) {
    const std::string name = op_name(json);
    if (name == "literal") {
        require_arity(json, 1, 1);
        return make_literal(json_literal(json[1]), type);
    }
    if (name == "get" || name == "has") {
        require_arity(json, 1, 1);
        return make_key(name == "get" ? Op::get : Op::has, string_key(json));
    }
    if (name == "!has") {
        require_arity(json, 1, 1);
        return make(Op::negate, {make_key(Op::has, string_key(json))});
    }
    if (name == "zoom" || name == "geometry-type" || name == "id") {
        require_arity(json, 0, 0);
        return make(name == "zoom" ? Op::zoom : name == "id" ? Op::id : Op::geometry_type, {});
    }
    if (name == "==" || name == "!=" || name == "<" || name == ">" || name == "<=" || name == ">=") {
        const Op op = name == "==" ? Op::equal
                      : name == "!=" ? Op::not_equal
                      : name == "<"  ? Op::less
                      : name == ">"  ? Op::greater
                      : name == "<=" ? Op::less_equal
                                     : Op::greater_equal;
        return compile_comparison(json, op);
    }
    if (name == "in") {
        require_arity(json, 2, 2);
        return make(Op::in, {compile_expression(json[1], ValueType::any), compile_expression(json[2], ValueType::any)});
    }
    if (name == "!") {
        require_arity(json, 1, 1);
        return make(Op::negate, {compile_expression(json[1], ValueType::boolean)});
    }
    if (name == "all" || name == "any") {
        return compile_list(json, name == "all" ? Op::all : Op::any, ValueType::boolean);
    }
    if (name == "coalesce") {
        return compile_list(json, Op::coalesce, type);
    }
    if (name == "case") {
        if (json.Size() < 4 || json.Size() % 2 != 0) {
            throw ExpressionError("'case' expects condition/output pairs and a fallback: " + json_text(json));
        }
        Expression e = make(Op::case_, {});
        for (rapidjson::SizeType i = 1; i < json.Size(); ++i) {
            const bool condition = i % 2 == 1 && i + 1 < json.Size();
            e.args.push_back(compile_expression(json[i], condition ? ValueType::boolean : type));
        }
        return e;
    }
    if (name == "match") {
        return compile_match(json, type);
    }
    if (name == "interpolate") {
        return compile_interpolate(json, type);
    }
    if (name == "step") {
        return compile_step(json, type);
    }
    throw ExpressionError("unsupported expression operator '" + name + "' in " + json_text(json));
}

// Whether a filter is in expression form, by the rules MapLibre GL JS uses
// to tell it from the legacy form.
bool is_expression_filter(const Json& json) {
    if (json.IsBool()) {
        return true;
    }
    if (!json.IsArray() || json.Empty() || !json[0].IsString()) {
        return false;
    }
    const std::string name = op_name(json);
    if (name == "has") {
        return json.Size() >= 2 && !(json[1].IsString() && (std::string_view(json[1].GetString()) == "$id" ||
                                                            std::string_view(json[1].GetString()) == "$type"));
    }
    if (name == "in") {
        return json.Size() >= 3 && (!json[1].IsString() || json[2].IsArray());
    }
    if (name == "!in" || name == "!has" || name == "none") {
        return false;
    }
    if (name == "==" || name == "!=" || name == "<" || name == ">" || name == "<=" || name == ">=") {
        return json.Size() != 3 || json[1].IsArray() || json[2].IsArray();
    }
    if (name == "any" || name == "all") {
        for (rapidjson::SizeType i = 1; i < json.Size(); ++i) {
            if (!is_expression_filter(json[i]) && !json[i].IsBool()) {
                return false;
            }
        }
    }
    return true;
}

Expression legacy_key(const Json& key) {
    if (!key.IsString()) {
        throw ExpressionError("legacy filter key " + json_text(key) + " is not a string");
    }
    const std::string name(key.GetString(), key.GetStringLength());
    if (name == "$type") {
        return make(Op::geometry_type, {});
    }
    if (name == "$id") {
        return make(Op::id, {});
    }
    return make_key(Op::get, name);
}

Expression compile_legacy_filter(const Json& json) {
    if (!json.IsArray() || json.Empty() || !json[0].IsString()) {
        throw ExpressionError("filter " + json_text(json) + " is neither an expression nor a legacy filter");
    }
    const std::string name = op_name(json);
    if (name == "all" || name == "any" || name == "none") {
        Expression e = make(name == "all" ? Op::all : Op::any, {});
        for (rapidjson::SizeType i = 1; i < json.Size(); ++i) {
            e.args.push_back(compile_filter(json[i]));
        }
        return name == "none" ? make(Op::negate, {std::move(e)}) : e;
    }
    if (name == "has" || name == "!has") {
        require_arity(json, 1, 1);
        const std::string key = string_key(json);
        // Every feature has a type and, for this purpose, an id slot.
        Expression has = key == "$type" ? make_literal(true, ValueType::boolean) : make_key(Op::has, key);
        return name == "has" ? has : make(Op::negate, {std::move(has)});
    }
    if (name == "in" || name == "!in") {
        if (json.Size() < 2) {
            throw ExpressionError("legacy '" + name + "' filter needs a key: " + json_text(json));
        }
        Value::Array values;
        for (rapidjson::SizeType i = 2; i < json.Size(); ++i) {
            values.push_back(json_literal(json[i]));
        }
        Expression in = make(Op::in, {legacy_key(json[1]), make_literal(std::move(values), ValueType::any)});
        return name == "in" ? in : make(Op::negate, {std::move(in)});
    }
    // ==, !=, <, >, <=, >= with a key and a value.
    const Op op = name == "==" ? Op::equal
                  : name == "!=" ? Op::not_equal
                  : name == "<"  ? Op::less
                  : name == ">"  ? Op::greater
                  : name == "<=" ? Op::less_equal
                  : name == ">=" ? Op::greater_equal
                                 : throw ExpressionError("unsupported legacy filter '" + name + "' in " + json_text(json));
    require_arity(json, 2, 2);
    return make(op, {legacy_key(json[1]), make_literal(json_literal(json[2]), ValueType::any)});
}

} // namespace

Expression compile_expression(const Json& json, ValueType type) {
    if (type == ValueType::array && json.IsArray() &&
        (json.Empty() || !json[0].IsString() || !is_supported_operator(op_name(json)))) {
        return make_literal(json_literal(json), type);
    }
    if (json.IsObject()) {
        return compile_zoom_function(json, type);
    }
    if (!json.IsArray()) {
        return make_literal(json_literal(json), type);
    }
    if (json.Empty() || !json[0].IsString()) {
        throw ExpressionError("array " + json_text(json) + " is not an expression: wrap array values in [\"literal\", ...]");
    }
    return compile_operator(json, type);
}

Expression compile_filter(const Json& json) {
    if (is_expression_filter(json)) {
        return compile_expression(json, ValueType::boolean);
    }
    return compile_legacy_filter(json);
}

} // namespace badung::style

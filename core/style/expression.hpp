#pragma once

#include "core/style/feature_view.hpp"
#include "core/style/value.hpp"

#include <rapidjson/fwd.h>

#include <stdexcept>
#include <string>
#include <vector>

namespace badung::style {

// Raised when a JSON value is not an expression of the supported subset:
// the message names the operator or the value and what is wrong with it.
class ExpressionError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// The type a property expects, so literal strings in output positions can
// be read as colours once, when the expression is compiled.
enum class ValueType { any, boolean, number, string, color, array };

// What an expression is evaluated against: the zoom and, for data-driven
// expressions, the feature (nullptr when there is none).
struct EvaluationContext {
    double zoom = 0.0;
    const FeatureView* feature = nullptr;
};

// A compiled expression of the MapLibre style specification v8, the subset:
// literal, get, has, !has, ==, !=, <, >, <=, >=, in, !, all, any, none,
// match, case, coalesce, interpolate (linear, exponential), step, zoom,
// geometry-type and id.
struct Expression {
    enum class Op {
        literal,
        get,
        has,
        zoom,
        geometry_type,
        id,
        equal,
        not_equal,
        less,
        greater,
        less_equal,
        greater_equal,
        in,
        negate,
        all,
        any,
        match,
        case_,
        coalesce,
        interpolate,
        step,
    };

    Op op = Op::literal;
    Value literal;                         // for literal
    std::string key;                       // for get and has
    std::vector<Expression> args;          // operands, in the operator's order
    std::vector<std::vector<Value>> labels; // for match: the labels of output i
    std::vector<double> stops;             // for interpolate and step: the input stops
    double base = 1.0;                     // for interpolate: 1 is linear

    // Evaluates the expression. A type mismatch at run time (comparing a
    // string with a number by <, interpolating a string) gives null, never
    // throws, as MapLibre's evaluation falls back to the default.
    Value evaluate(const EvaluationContext& context) const;

    // True when the value depends on the feature (get, has, id, ...).
    bool is_feature_dependent() const;

    // True when the value depends on the zoom.
    bool is_zoom_dependent() const;
};

// Compiles a JSON value (a constant, an expression array or a legacy zoom
// function {"stops": ...}) into an Expression. For ValueType::array, a JSON
// array that does not start with a supported operator name is a constant
// (["Noto Sans Regular"], [0, 1.2]), as MapLibre reads array properties.
// Throws ExpressionError.
Expression compile_expression(const rapidjson::Value& json, ValueType type);

// Compiles a layer filter, in expression form or the legacy filter form
// (["==", "key", value], ["in", "key", v1, v2], "$type", "!in", "!has",
// "none"), detecting the form as MapLibre does. Throws ExpressionError.
Expression compile_filter(const rapidjson::Value& json);

// Evaluates a filter: true only for a boolean true result.
bool filter_matches(const Expression& filter, const EvaluationContext& context);

} // namespace badung::style

// Evaluating compiled expressions against a zoom and a feature.
#include "core/style/expression.hpp"

#include <algorithm>
#include <cmath>

namespace badung::style {

namespace {

using Op = Expression::Op;

// Orders two numbers or two strings; nothing for other pairs, which
// MapLibre treats as an evaluation error.
std::optional<int> compare(const Value& a, const Value& b) {
    if (a.as_number() != nullptr && b.as_number() != nullptr) {
        const double x = *a.as_number();
        const double y = *b.as_number();
        return x < y ? -1 : (x > y ? 1 : 0);
    }
    if (a.as_string() != nullptr && b.as_string() != nullptr) {
        return a.as_string()->compare(*b.as_string()) < 0 ? -1 : (*a.as_string() == *b.as_string() ? 0 : 1);
    }
    return std::nullopt;
}

Value evaluate_comparison(Op op, const Value& a, const Value& b) {
    if (op == Op::equal) {
        return a == b;
    }
    if (op == Op::not_equal) {
        return !(a == b);
    }
    const auto order = compare(a, b);
    if (!order) {
        return {};
    }
    switch (op) {
    case Op::less:
        return *order < 0;
    case Op::greater:
        return *order > 0;
    case Op::less_equal:
        return *order <= 0;
    default:
        return *order >= 0;
    }
}

Value evaluate_in(const Value& needle, const Value& haystack) {
    if (const Value::Array* items = haystack.as_array()) {
        return std::find(items->begin(), items->end(), needle) != items->end();
    }
    if (const std::string* text = haystack.as_string()) {
        const std::string* part = needle.as_string();
        return part != nullptr && text->find(*part) != std::string::npos;
    }
    return false;
}

// The interpolation factor of x between lower and upper with the base.
double interpolation_factor(double x, double lower, double upper, double base) {
    const double span = upper - lower;
    const double progress = x - lower;
    if (span == 0.0) {
        return 0.0;
    }
    if (base == 1.0) {
        return progress / span;
    }
    return (std::pow(base, progress) - 1.0) / (std::pow(base, span) - 1.0);
}

Value interpolate_values(const Value& a, const Value& b, double t) {
    if (a.as_number() != nullptr && b.as_number() != nullptr) {
        return *a.as_number() + (*b.as_number() - *a.as_number()) * t;
    }
    const auto ca = to_color(a);
    const auto cb = to_color(b);
    if (ca && cb) {
        const auto mix = [t](float x, float y) { return static_cast<float>(x + (y - x) * t); };
        return Color{mix(ca->r, cb->r), mix(ca->g, cb->g), mix(ca->b, cb->b), mix(ca->a, cb->a)};
    }
    return {};
}

Value evaluate_interpolate(const Expression& e, const EvaluationContext& context) {
    const Value input = e.args[0].evaluate(context);
    const double* x = input.as_number();
    if (x == nullptr) {
        return {};
    }
    const std::size_t n = e.stops.size();
    if (*x <= e.stops.front()) {
        return e.args[1].evaluate(context);
    }
    if (*x >= e.stops.back()) {
        return e.args[n].evaluate(context);
    }
    const auto upper = std::upper_bound(e.stops.begin(), e.stops.end(), *x);
    const std::size_t i = static_cast<std::size_t>(upper - e.stops.begin()) - 1;
    const double t = interpolation_factor(*x, e.stops[i], e.stops[i + 1], e.base);
    return interpolate_values(e.args[i + 1].evaluate(context), e.args[i + 2].evaluate(context), t);
}

Value evaluate_step(const Expression& e, const EvaluationContext& context) {
    const Value input = e.args[0].evaluate(context);
    const double* x = input.as_number();
    if (x == nullptr) {
        return {};
    }
    // stops[0] is -infinity, so some stop is always <= x.
    const auto upper = std::upper_bound(e.stops.begin(), e.stops.end(), *x);
    const std::size_t i = std::max<std::ptrdiff_t>(upper - e.stops.begin(), 1) - 1;
    return e.args[i + 1].evaluate(context);
}

Value evaluate_match(const Expression& e, const EvaluationContext& context) {
    const Value input = e.args[0].evaluate(context);
    for (std::size_t i = 0; i < e.labels.size(); ++i) {
        const auto& labels = e.labels[i];
        if (std::find(labels.begin(), labels.end(), input) != labels.end()) {
            return e.args[i + 1].evaluate(context);
        }
    }
    return e.args.back().evaluate(context);
}

Value evaluate_case(const Expression& e, const EvaluationContext& context) {
    for (std::size_t i = 0; i + 1 < e.args.size(); i += 2) {
        const Value condition = e.args[i].evaluate(context);
        if (condition.as_bool() != nullptr && *condition.as_bool()) {
            return e.args[i + 1].evaluate(context);
        }
    }
    return e.args.back().evaluate(context);
}

Value evaluate_logic(const Expression& e, const EvaluationContext& context) {
    const bool want = e.op == Op::any;
    for (const Expression& arg : e.args) {
        const Value value = arg.evaluate(context);
        const bool truth = value.as_bool() != nullptr && *value.as_bool();
        if (truth == want) {
            return want;
        }
    }
    return !want;
}

Value evaluate_feature_op(const Expression& e, const EvaluationContext& context) {
    const FeatureView* feature = context.feature;
    switch (e.op) {
    case Op::get: {
        if (feature == nullptr) {
            return {};
        }
        auto value = feature->property(e.key);
        return value ? std::move(*value) : Value{};
    }
    case Op::has:
        return feature != nullptr && feature->property(e.key).has_value();
    case Op::geometry_type:
        return feature != nullptr ? std::string(feature->geometry_type()) : Value{};
    default:
        return feature != nullptr ? feature->id() : Value{};
    }
}

} // namespace

Value Expression::evaluate(const EvaluationContext& context) const {
    switch (op) {
    case Op::literal:
        return literal;
    case Op::get:
    case Op::has:
    case Op::geometry_type:
    case Op::id:
        return evaluate_feature_op(*this, context);
    case Op::zoom:
        return context.zoom;
    case Op::equal:
    case Op::not_equal:
    case Op::less:
    case Op::greater:
    case Op::less_equal:
    case Op::greater_equal:
        return evaluate_comparison(op, args[0].evaluate(context), args[1].evaluate(context));
    case Op::in:
        return evaluate_in(args[0].evaluate(context), args[1].evaluate(context));
    case Op::negate: {
        const Value value = args[0].evaluate(context);
        return value.as_bool() != nullptr ? Value(!*value.as_bool()) : Value{};
    }
    case Op::all:
    case Op::any:
        return evaluate_logic(*this, context);
    case Op::match:
        return evaluate_match(*this, context);
    case Op::case_:
        return evaluate_case(*this, context);
    case Op::coalesce:
        for (const Expression& arg : args) {
            Value value = arg.evaluate(context);
            if (!value.is_null()) {
                return value;
            }
        }
        return {};
    case Op::interpolate:
        return evaluate_interpolate(*this, context);
    case Op::step:
        return evaluate_step(*this, context);
    }
    return {};
}

bool Expression::is_feature_dependent() const {
    if (op == Op::get || op == Op::has || op == Op::geometry_type || op == Op::id) {
        return true;
    }
    return std::any_of(args.begin(), args.end(), [](const Expression& arg) { return arg.is_feature_dependent(); });
}

bool Expression::is_zoom_dependent() const {
    if (op == Op::zoom) {
        return true;
    }
    return std::any_of(args.begin(), args.end(), [](const Expression& arg) { return arg.is_zoom_dependent(); });
}

bool filter_matches(const Expression& filter, const EvaluationContext& context) {
    const Value result = filter.evaluate(context);
    return result.as_bool() != nullptr && *result.as_bool();
}

} // namespace badung::style

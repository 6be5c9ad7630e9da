#include "core/query/feature_order.hpp"

namespace badung::query {

namespace {

// Rank of an id's kind in the order: numbers, strings, then the rest.
int kind_rank(const geojson::Value& id) {
    switch (id.kind) {
    case geojson::Value::Kind::number:
        return 0;
    case geojson::Value::Kind::string:
        return 1;
    default:
        return 2;
    }
}

} // namespace

bool id_less(const geojson::Feature& a, const geojson::Feature& b) {
    const int rank_a = kind_rank(a.id);
    const int rank_b = kind_rank(b.id);
    if (rank_a != rank_b) {
        return rank_a < rank_b;
    }

    if (rank_a == 0) {
        const double number_a = a.id.number();
        const double number_b = b.id.number();
        if (number_a != number_b) {
            return number_a < number_b;
        }
    } else if (rank_a == 1 && a.id.text != b.id.text) {
        return a.id.text < b.id.text;
    }
    return a.source_index < b.source_index;
}

} // namespace badung::query

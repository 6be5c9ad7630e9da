// Native and wasm builds must give the same query answers: ids exactly and
// distances to 1 mm. Both builds compare against one recorded answer file,
// written by the hidden test below from a native build:
//   badung_core_tests "[.][record]"

#include "core/query/feature_layer.hpp"
#include "core/query/locate.hpp"
#include "core/query/search_records.hpp"
#include "core/search/search_index.hpp"

#include "test_data.hpp"
#include "test_random.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

using badung::geo::LonLat;
using badung::geojson::Feature;
using badung::geojson::Geometry;
using badung::geojson::GeometryType;
using badung::geojson::Value;
using badung::query::FeatureLayer;
using badung::test::Random;

namespace {

constexpr const char* answers_file = "query/cross_build_answers.txt";

Feature random_feature(Random& random, std::int64_t id) {
    Feature feature;
    const std::string name = (id % 2 == 0 ? "Pura Desa " : "SD Negeri ") + std::to_string(id % 37);
    feature.id = Value{Value::Kind::string, false, "f" + std::to_string(id)};
    feature.properties.push_back({"name", Value{Value::Kind::string, false, name}});

    Geometry geometry;
    const LonLat a{random.uniform(115.05, 115.3), random.uniform(-8.85, -8.45)};
    const double size = random.uniform(0.001, 0.02);
    if (id % 3 == 0) {
        geometry.type = GeometryType::polygon;
        geometry.polygons = {{{{a, {a.lon + size, a.lat}, {a.lon + size, a.lat + size}, {a.lon, a.lat + size}, a}}}};
    } else if (id % 3 == 1) {
        geometry.type = GeometryType::line_string;
        geometry.lines = {{a, {a.lon + size, a.lat - size / 2}, {a.lon + 2 * size, a.lat + size}}};
    } else {
        geometry.type = GeometryType::point;
        geometry.points = {a};
    }
    feature.geometry = std::move(geometry);
    return feature;
}

// A school kept without geometry, as the Kemendikbud data has some.
Feature unlocated_feature(std::int64_t id) {
    Feature feature;
    feature.id = Value{Value::Kind::string, false, "f" + std::to_string(id)};
    feature.properties.push_back({"name", Value{Value::Kind::string, false, "SD Negeri 3"}});
    return feature;
}

// One line per result: "<query kind> <query number> <feature id> <distance in m>",
// where the distance of a search hit without a location is "inf".
std::vector<std::string> compute_answers() {
    Random random(6371);
    std::vector<Feature> features;
    for (std::int64_t id = 0; id < 2000; ++id) {
        features.push_back(random_feature(random, id));
    }
    for (std::int64_t id = 2000; id < 2003; ++id) {
        features.push_back(unlocated_feature(id));
    }
    const FeatureLayer layer(features);

    std::vector<badung::search::SearchRecord> records;
    badung::query::append_search_records(layer, "pendidikan", "", 0, records);
    const badung::search::SearchIndex index(records);

    std::vector<std::string> lines;
    const auto add = [&](const std::string& kind, int q, std::size_t position, double distance_m) {
        char distance[64];
        std::snprintf(distance, sizeof distance, "%.4f", distance_m);
        lines.push_back(kind + " " + std::to_string(q) + " " + layer.features()[position].id_text() + " " + distance);
    };

    for (int q = 0; q < 200; ++q) {
        const LonLat p{random.uniform(115.0, 115.35), random.uniform(-8.9, -8.4)};
        for (const auto& found : layer.nearest(p, 5)) {
            add("knn", q, found.feature, found.distance_m);
        }
        if (const auto located = badung::query::locate(layer, p)) {
            add("locate", q, *located, 0.0);
        }
        badung::search::SearchOptions options;
        options.centre = p;
        options.limit = 3;
        for (const auto& hit : index.search(q % 2 == 0 ? "pura desa 1" : "sdn 2", options)) {
            add("search", q, hit.item, hit.distance_m);
        }
        // Every "SD Negeri 3", so the ones without a location come last.
        if (q % 40 == 0) {
            options.limit = 100;
            for (const auto& hit : index.search("sdn 3 ", options)) {
                add("search-all", q, hit.item, hit.distance_m);
            }
        }
    }
    return lines;
}

} // namespace

TEST_CASE("cross-build answers match the record", "[query]") {
    const std::vector<std::string> computed = compute_answers();

    std::istringstream recorded(badung::test::read_test_file(answers_file));
    std::vector<std::string> expected;
    for (std::string line; std::getline(recorded, line);) {
        expected.push_back(line);
    }
    REQUIRE(computed.size() == expected.size());

    for (std::size_t i = 0; i < computed.size(); ++i) {
        // Everything but the distance must match exactly, the distance to 1 mm.
        const auto split = [](const std::string& line) {
            const std::size_t cut = line.rfind(' ');
            return std::make_pair(line.substr(0, cut), std::stod(line.substr(cut + 1)));
        };
        const auto [computed_key, computed_distance] = split(computed[i]);
        const auto [expected_key, expected_distance] = split(expected[i]);
        INFO("line " << i + 1);
        REQUIRE(computed_key == expected_key);
        if (std::isinf(expected_distance)) {
            REQUIRE(computed_distance == expected_distance);
        } else {
            REQUIRE(std::abs(computed_distance - expected_distance) <= 0.001);
        }
    }
}

TEST_CASE("cross-build answers record", "[.][record]") {
    std::ofstream out(std::string(BADUNG_TEST_DATA) + "/" + answers_file, std::ios::binary);
    for (const std::string& line : compute_answers()) {
        out << line << '\n';
    }
    REQUIRE(out.good());
}

// Query benchmark of the core, run natively and as wasm under Node by
// bench/queries/run.mjs, which writes the inputs and compares the peers.
//
//   bench-queries [--out FILE] [--repeat N] boxes BOXES.f64 BBOX_QUERIES.f64 KNN_QUERIES.f64
//       item boxes and queries as little-endian doubles (4 per box, 2 per
//       kNN position): index build, every bbox query, every kNN (k = 10)
//       query with haversine distances to the item boxes
//   bench-queries [--out FILE] [--repeat N] layers BBOX_QUERIES.f64 KNN_QUERIES.f64 CATALOG LAYER.geojson...
//       the same over the boxes of real features, with kNN by haversine
//       distance to each feature box as for the random items (box_knn_ms).
//       Then kNN over every layer by exact distance to each geometry
//       (knn_ms), after a first kNN query, timed apart, that builds the
//       segment index. Last, the search time per keystroke over all layers.
//
// Prints one JSON object with times in milliseconds: with --repeat N, each
// timed step (build, all bbox queries, all kNN queries) runs N times and the
// best time counts.

#include "core/geo/lon_lat.hpp"
#include "core/geojson/reader.hpp"
#include "core/index/box_distance.hpp"
#include "core/index/hilbert_rtree.hpp"
#include "core/query/layer_set.hpp"

#include <rapidjson/document.h>

#include <algorithm>
#include <cstdlib>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <limits>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

namespace {

using namespace badung;

// Where the JSON goes: stdout, or the file of --out (the wasm build under
// NODERAWFS writes stdout straight to the process, past its caller).
std::FILE* out = stdout;
using Clock = std::chrono::steady_clock;

double ms_since(Clock::time_point start) {
    return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

std::string read_bytes(const std::string& path) {
    std::ifstream file(path, std::ios::binary);
    if (!file) {
        throw std::runtime_error("cannot open '" + path + "'");
    }
    std::ostringstream bytes;
    bytes << file.rdbuf();
    return bytes.str();
}

std::vector<double> read_doubles(const std::string& path) {
    const std::string bytes = read_bytes(path);
    std::vector<double> values(bytes.size() / sizeof(double));
    std::memcpy(values.data(), bytes.data(), values.size() * sizeof(double));
    return values;
}

std::vector<geo::BBox> boxes_of(const std::vector<double>& values) {
    std::vector<geo::BBox> boxes(values.size() / 4);
    for (std::size_t i = 0; i < boxes.size(); ++i) {
        boxes[i] = {values[4 * i], values[4 * i + 1], values[4 * i + 2], values[4 * i + 3]};
    }
    return boxes;
}

struct IndexTimes {
    double build_ms = 0;
    double bbox_ms = 0;
    double knn_ms = 0;
    std::size_t memory_bytes = 0;
    std::size_t bbox_hits = 0;
    std::size_t knn_hits = 0;
};

// Prints the times as one JSON member. extra_members, when not empty,
// contains further members (",\"key\":value...") of the same object.
void print_index(const char* name, const IndexTimes& times, std::size_t items,
                 const std::string& extra_members = {}) {
    std::fprintf(out, "\"%s\":{\"items\":%zu,\"build_ms\":%.3f,\"bbox_ms\":%.3f,\"knn_ms\":%.3f,"
                "\"memory_bytes\":%zu,\"bbox_hits\":%zu,\"knn_hits\":%zu%s}",
                name, items, times.build_ms, times.bbox_ms, times.knn_ms, times.memory_bytes, times.bbox_hits,
                times.knn_hits, extra_members.c_str());
}

// How often each timed step runs; the best time counts (--repeat).
int repeat_count = 1;

// Runs step repeat_count times and returns the best time in milliseconds.
template <typename Step>
double best_ms(Step&& step) {
    double best = std::numeric_limits<double>::infinity();
    for (int run = 0; run < repeat_count; ++run) {
        const auto start = Clock::now();
        step();
        best = std::min(best, ms_since(start));
    }
    return best;
}

// One bbox query, kept out of line so a wasm engine that compiles hot
// functions again with its optimising tier uses that code on later calls.
[[gnu::noinline]] std::size_t count_bbox_hits(const index::HilbertRTree& tree, const geo::BBox& box,
                                              std::vector<std::uint32_t>& hits) {
    hits.clear();
    tree.search(box, [&hits](std::uint32_t item) { hits.push_back(item); });
    return hits.size();
}

// One kNN (k = 10) query by the haversine distance to each item box, out of
// line for the same reason.
[[gnu::noinline]] std::size_t count_knn_hits(const index::HilbertRTree& tree, geo::LonLat p) {
    const auto distance = [&p](std::uint32_t, const geo::BBox& box) { return index::min_distance_m(p, box); };
    return tree.nearest(p, 10, distance).size();
}

// Times every kNN query of knn_queries (lon, lat pairs) as best_ms does,
// and sets hits to the sum of their result counts.
template <typename Query>
double time_knn(const std::vector<double>& knn_queries, Query&& knn_query, std::size_t& hits) {
    return best_ms([&] {
        hits = 0;
        for (std::size_t q = 0; q + 1 < knn_queries.size(); q += 2) {
            hits += knn_query(geo::LonLat{knn_queries[q], knn_queries[q + 1]});
        }
    });
}

// Index build, every bbox query and every kNN query by the haversine
// distance to the item boxes (count_knn_hits), each step timed as best_ms
// does.
IndexTimes time_index(const std::vector<geo::BBox>& items, const std::vector<geo::BBox>& bbox_queries,
                      const std::vector<double>& knn_queries) {
    IndexTimes times;
    std::optional<index::HilbertRTree> tree;
    times.build_ms = best_ms([&] { tree.emplace(items); });
    times.memory_bytes = tree->memory_bytes();

    std::vector<std::uint32_t> hits;
    times.bbox_ms = best_ms([&] {
        times.bbox_hits = 0;
        for (const geo::BBox& box : bbox_queries) {
            times.bbox_hits += count_bbox_hits(*tree, box, hits);
        }
    });

    times.knn_ms = time_knn(knn_queries, [&](geo::LonLat p) { return count_knn_hits(*tree, p); }, times.knn_hits);
    return times;
}

std::string catalog_category(const rapidjson::Document& catalog, const std::string& id) {
    for (const auto& entry : catalog["layers"].GetArray()) {
        if (entry["id"].GetString() == id && entry.HasMember("category")) {
            return entry["category"].GetString();
        }
    }
    return {};
}

// Every prefix of each query, as typed one key at a time.
const std::vector<std::string> typed_queries{
    "puskesmas kuta", "sdn 1 mengwi", "jl raya uluwatu", "pura desa", "halte bandara", "pantai kuta",
    "rumah sakit", "smp negeri 2 kuta selatan", "pkm abiansemal", "pusksemas mengwi", "apotek kimia farma",
    "gereja", "masjid", "sma negeri 1", "kelurahan jimbaran", "kecamatan petang", "jalan sunset road",
    "rsud mangusada", "klinik", "br. tegal",
};

void run_layers(const std::vector<std::string>& args) {
    const std::vector<geo::BBox> bbox_queries = boxes_of(read_doubles(args[0]));
    const std::vector<double> knn_queries = read_doubles(args[1]);
    rapidjson::Document catalog;
    catalog.Parse(read_bytes(args[2]).c_str());

    // Parsing is not timed: the peers get their boxes ready-made.
    query::LayerSet set;
    for (std::size_t i = 3; i < args.size(); ++i) {
        const std::string id = std::filesystem::path(args[i]).stem().string();
        set.add(id, catalog_category(catalog, id), geojson::read(read_bytes(args[i])).features);
    }
    std::vector<const geojson::Feature*> features;
    std::vector<geo::BBox> boxes;
    for (const query::NamedLayer& layer : set.layers()) {
        for (const geojson::Feature& feature : layer.features.features()) {
            features.push_back(&feature);
            boxes.push_back(feature.has_location() ? feature.bbox() : geo::BBox{});
        }
    }

    // The feature boxes in one tree, as the peers index them. Its kNN ranks
    // the boxes by haversine distance, where flatbush ranks them by planar
    // distance in degrees.
    IndexTimes times = time_index(boxes, bbox_queries, knn_queries);
    const double box_knn_ms = times.knn_ms;
    const std::size_t box_knn_hits = times.knn_hits;

    // LayerSet::nearest builds its segment index on the first query after
    // a change: that first query is timed apart.
    auto start = Clock::now();
    set.nearest({115.17, -8.65}, 10);
    const double knn_index_ms = ms_since(start);

    // kNN over the layer set by each feature's exact distance, what the
    // finder runs: more work than ranking boxes.
    times.knn_ms = time_knn(knn_queries, [&set](geo::LonLat p) { return set.nearest(p, 10).size(); }, times.knn_hits);

    char box_knn[96];
    std::snprintf(box_knn, sizeof(box_knn), ",\"box_knn_ms\":%.3f,\"box_knn_hits\":%zu", box_knn_ms, box_knn_hits);
    print_index("badung", times, boxes.size(), box_knn);
    std::fprintf(out, ",\"knn_index\":{\"build_ms\":%.3f,\"memory_bytes\":%zu}", knn_index_ms,
                 set.nearest_index_bytes());

    // Search: the index is built on the first search, timed apart.
    search::SearchOptions options;
    options.centre = geo::LonLat{115.17, -8.65};
    options.limit = 20;
    start = Clock::now();
    set.search("a", options);
    const double index_ms = ms_since(start);

    std::vector<double> keystrokes;
    for (const std::string& text : typed_queries) {
        for (std::size_t length = 1; length <= text.size(); ++length) {
            start = Clock::now();
            set.search(std::string_view(text).substr(0, length), options);
            keystrokes.push_back(ms_since(start));
        }
    }
    std::sort(keystrokes.begin(), keystrokes.end());
    const double p95 = keystrokes[std::min(keystrokes.size() - 1, keystrokes.size() * 95 / 100)];
    const double p50 = keystrokes[keystrokes.size() / 2];
    std::fprintf(out, ",\"search\":{\"index_ms\":%.3f,\"keystrokes\":%zu,\"p50_ms\":%.4f,\"p95_ms\":%.4f,\"max_ms\":%.4f}",
                index_ms, keystrokes.size(), p50, p95, keystrokes.back());
}

} // namespace

int main(int argc, char** argv) {
    std::vector<std::string> args(argv + 1, argv + argc);
    if (args.size() >= 2 && args[0] == "--out") {
        out = std::fopen(args[1].c_str(), "w");
        if (out == nullptr) {
            std::fprintf(stderr, "bench-queries: cannot write '%s'\n", args[1].c_str());
            return 1;
        }
        args.erase(args.begin(), args.begin() + 2);
    }
    if (args.size() >= 2 && args[0] == "--repeat") {
        repeat_count = std::atoi(args[1].c_str());
        if (repeat_count < 1) {
            std::fprintf(stderr, "bench-queries: invalid --repeat '%s': use a whole number of 1 or more\n",
                         args[1].c_str());
            return 2;
        }
        args.erase(args.begin(), args.begin() + 2);
    }
    try {
        if (args.size() == 4 && args[0] == "boxes") {
            const std::vector<geo::BBox> items = boxes_of(read_doubles(args[1]));
            std::fprintf(out, "{");
            const IndexTimes times = time_index(items, boxes_of(read_doubles(args[2])), read_doubles(args[3]));
            print_index("random", times, items.size());
            std::fprintf(out, "}\n");
            std::fflush(out);
            return 0;
        }
        if (args.size() >= 5 && args[0] == "layers") {
            std::fprintf(out, "{");
            run_layers({args.begin() + 1, args.end()});
            std::fprintf(out, "}\n");
            std::fflush(out);
            return 0;
        }
    } catch (const std::exception& error) {
        std::fprintf(stderr, "bench-queries: %s\n", error.what());
        return 1;
    }
    std::fprintf(stderr, "usage: bench-queries [--out FILE] [--repeat N] boxes BOXES BBOX_QUERIES KNN_QUERIES\n"
                         "       bench-queries [--out FILE] [--repeat N] layers BBOX_QUERIES KNN_QUERIES CATALOG LAYER.geojson...\n");
    return 2;
}

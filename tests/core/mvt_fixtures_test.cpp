// The Mapbox Vector Tile conformance fixtures (tests/data/mvt-fixtures, CC0):
// valid tiles decode to their tile.json, fatal ones are rejected with a
// typed error, recoverable ones lose only the broken feature.

#include "core/mvt/decoder.hpp"
#include "core/mvt/geometry_decoder.hpp"
#include "test_data.hpp"

#include <catch2/catch.hpp>
#include <rapidjson/document.h>

#include <filesystem>
#include <map>
#include <string>

using namespace badung;

namespace {

const std::string fixture_root = "mvt-fixtures/fixtures/";

std::vector<std::string> fixture_ids() {
    std::vector<std::string> ids;
    for (const auto& entry :
         std::filesystem::directory_iterator(std::string(BADUNG_TEST_DATA) + "/" + fixture_root)) {
        ids.push_back(entry.path().filename().string());
    }
    std::sort(ids.begin(), ids.end());
    return ids;
}

rapidjson::Document read_json(const std::string& relative) {
    rapidjson::Document doc;
    doc.Parse(test::read_test_file(relative).c_str());
    REQUIRE_FALSE(doc.HasParseError());
    return doc;
}

// What info.json recommends: "valid", "fatal", "recoverable" or "undefined".
std::string expected_handling(const rapidjson::Document& info) {
    const auto& validity = info["validity"];
    if (validity["v2"].GetBool()) {
        return "valid";
    }
    return validity.HasMember("error") ? validity["error"].GetString() : "undefined";
}

mvt::Value value_from_json(const rapidjson::Value& json) {
    mvt::Value v;
    const auto& member = *json.MemberBegin();
    const std::string type = member.name.GetString();
    const auto& x = member.value;
    if (type == "string_value") {
        // The dump writes a numeric string as a JSON number (076: "613").
        v.type = mvt::Value::Type::string;
        v.string = x.IsString() ? std::string(x.GetString()) : std::to_string(x.GetUint64());
    } else if (type == "float_value") {
        v.type = mvt::Value::Type::float_;
        v.number = static_cast<float>(x.GetDouble());
    } else if (type == "double_value") {
        v.type = mvt::Value::Type::double_;
        v.number = x.GetDouble();
    } else if (type == "int_value") {
        v.type = mvt::Value::Type::int_;
        v.integer = x.GetInt64();
    } else if (type == "uint_value") {
        v.type = mvt::Value::Type::uint;
        v.unsigned_integer = x.GetUint64();
    } else if (type == "sint_value") {
        v.type = mvt::Value::Type::sint;
        v.integer = x.GetInt64();
    } else {
        REQUIRE(type == "bool_value");
        v.type = mvt::Value::Type::boolean;
        v.boolean = x.GetBool();
    }
    return v;
}

std::vector<std::uint32_t> uint_array(const rapidjson::Value& json) {
    std::vector<std::uint32_t> out;
    for (const auto& x : json.GetArray()) {
        out.push_back(static_cast<std::uint32_t>(x.GetUint64()));
    }
    return out;
}

void check_feature(const mvt::Feature& got, const rapidjson::Value& want, const mvt::Layer& layer) {
    if (want.HasMember("id")) {
        REQUIRE(got.id);
        CHECK(*got.id == want["id"].GetUint64());
    } else {
        CHECK_FALSE(got.id);
    }
    const auto type = static_cast<mvt::GeomType>(want["type"].GetUint());
    CHECK(got.type == type);

    const auto tags = uint_array(want["tags"]);
    REQUIRE(got.properties.size() * 2 == tags.size());
    for (std::size_t i = 0; i < got.properties.size(); ++i) {
        CHECK(got.properties[i].first == layer.keys.at(tags[2 * i]));
        CHECK(got.properties[i].second == layer.values.at(tags[2 * i + 1]));
    }

    // The command integers of tile.json, decoded independently of the protobuf.
    const auto expected = mvt::decode_geometry(type, uint_array(want["geometry"]));
    REQUIRE_FALSE(expected.problem);
    CHECK(got.geometry == expected.geometry);
}

void check_valid(const mvt::Tile& tile, const rapidjson::Document& want) {
    CHECK(tile.problems.empty());
    const auto& layers = want["layers"].GetArray();
    REQUIRE(tile.layers.size() == layers.Size());
    for (std::size_t l = 0; l < tile.layers.size(); ++l) {
        const mvt::Layer& got = tile.layers[l];
        const auto& layer = layers[static_cast<rapidjson::SizeType>(l)];
        CHECK(got.version == layer["version"].GetUint());
        CHECK(got.name == layer["name"].GetString());
        CHECK(got.extent == (layer.HasMember("extent") ? layer["extent"].GetUint() : 4096U));

        REQUIRE(got.keys.size() == layer["keys"].Size());
        for (std::size_t k = 0; k < got.keys.size(); ++k) {
            CHECK(got.keys[k] == layer["keys"][static_cast<rapidjson::SizeType>(k)].GetString());
        }
        REQUIRE(got.values.size() == layer["values"].Size());
        for (std::size_t v = 0; v < got.values.size(); ++v) {
            CHECK(got.values[v] == value_from_json(layer["values"][static_cast<rapidjson::SizeType>(v)]));
        }
        const auto& features = layer["features"].GetArray();
        REQUIRE(got.features.size() == features.Size());
        for (std::size_t f = 0; f < got.features.size(); ++f) {
            check_feature(got.features[f], features[static_cast<rapidjson::SizeType>(f)], got);
        }
    }
}

// The error kind each fatal fixture must be rejected with.
const std::map<std::string, mvt::ErrorKind> fatal_kinds = {
    {"007", mvt::ErrorKind::wire_type},      {"008", mvt::ErrorKind::wire_type},
    {"010", mvt::ErrorKind::wire_type},      {"011", mvt::ErrorKind::value},
    {"012", mvt::ErrorKind::layer_version},  {"013", mvt::ErrorKind::wire_type},
    {"014", mvt::ErrorKind::layer_name},     {"023", mvt::ErrorKind::layer_name},
    {"024", mvt::ErrorKind::layer_version},  {"026", mvt::ErrorKind::value},
    {"040", mvt::ErrorKind::tag_index},      {"041", mvt::ErrorKind::tag_index},
    {"042", mvt::ErrorKind::tag_index},      {"044", mvt::ErrorKind::command},
    {"047", mvt::ErrorKind::command_count},  {"048", mvt::ErrorKind::command_count},
    {"051", mvt::ErrorKind::command_count},  {"052", mvt::ErrorKind::command_count},
    {"058", mvt::ErrorKind::command_count},  {"061", mvt::ErrorKind::layer_version},
};

// The problem each recoverable fixture must list.
const std::map<std::string, mvt::ErrorKind> recoverable_kinds = {
    {"004", mvt::ErrorKind::missing_geometry}, {"005", mvt::ErrorKind::odd_tags},
    {"006", mvt::ErrorKind::geometry_type},    {"015", mvt::ErrorKind::duplicate_layer},
    {"030", mvt::ErrorKind::repeated_geometry}, {"046", mvt::ErrorKind::degenerate},
};

} // namespace

TEST_CASE("mvt fixtures: every tile is handled as info.json recommends", "[mvt]") {
    const auto ids = fixture_ids();
    REQUIRE(ids.size() == 74);
    std::map<std::string, int> passed;

    for (const std::string& id : ids) {
        INFO("fixture " << id);
        const auto info = read_json(fixture_root + id + "/info.json");
        const std::string bytes = test::read_test_file(fixture_root + id + "/tile.mvt");
        std::string handling = expected_handling(info);
        std::string json_id = id;

        if (id == "057") {
            // NOTE: 057 is marked valid, but its geometry is the same as fatal
            // 051 (MoveTo count 536870911 followed by one point); no rule can
            // tell them apart, so both are rejected for the count, early and
            // without allocating for it.
            handling = "fatal";
        }

        if (id == "003") {
            // 003 (recoverable: no type) is byte for byte 016 (valid: type
            // UNKNOWN by default), so it decodes as 016 does and loses nothing.
            CHECK(bytes == test::read_test_file(fixture_root + "016/tile.mvt"));
            handling = "valid";
            json_id = "016";
        }

        if (handling == "valid") {
            const mvt::Tile tile = mvt::decode_tile(bytes);
            check_valid(tile, read_json(fixture_root + json_id + "/tile.json"));
        } else if (handling == "fatal") {
            try {
                mvt::decode_tile(bytes);
                FAIL("fatal fixture " << id << " decoded");
            } catch (const mvt::format_error& e) {
                CHECK_FALSE(std::string(e.what()).empty());
                if (fatal_kinds.count(id) != 0) {
                    CHECK(to_string(e.problem().kind) == to_string(fatal_kinds.at(id)));
                }
            }
        } else if (handling == "recoverable") {
            const mvt::Tile tile = mvt::decode_tile(bytes);
            REQUIRE_FALSE(tile.problems.empty());
            const auto want = read_json(fixture_root + id + "/tile.json");
            std::size_t encoded = 0;
            std::size_t decoded = 0;
            for (const auto& layer : want["layers"].GetArray()) {
                encoded += layer["features"].Size();
            }
            for (const auto& layer : tile.layers) {
                decoded += layer.features.size();
            }
            std::size_t feature_problems = 0;
            for (const auto& problem : tile.problems) {
                CHECK(problem.layer);
                feature_problems += problem.feature ? 1 : 0;
            }
            CHECK(decoded + feature_problems == encoded);
            REQUIRE(recoverable_kinds.count(id) == 1);
            CHECK(to_string(tile.problems.front().kind) == to_string(recoverable_kinds.at(id)));
        } else {
            // No recommended handling (045): either outcome, never a crash.
            try {
                mvt::decode_tile(bytes);
            } catch (const mvt::format_error&) {
            }
        }
        ++passed[handling];
    }
    CHECK(passed["valid"] + passed["fatal"] + passed["recoverable"] + passed["undefined"] == 74);
}

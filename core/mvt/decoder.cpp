#include "core/mvt/decoder.hpp"

#include "core/mvt/geometry_decoder.hpp"

#include <protozero/exception.hpp>
#include <protozero/pbf_reader.hpp>

#include <set>
#include <string>
#include <utility>
#include <vector>

namespace badung::mvt {
namespace {

using protozero::pbf_reader;
using protozero::pbf_wire_type;

// The layer and feature being decoded, to place a problem.
struct Place {
    std::optional<std::size_t> layer;
    std::optional<std::size_t> feature;
};

[[noreturn]] void fail(const Place& at, ErrorKind kind, std::string message) {
    throw format_error(Problem{kind, std::move(message), at.layer, at.feature});
}

std::string_view wire_name(pbf_wire_type type) {
    switch (type) {
    case pbf_wire_type::varint: return "varint";
    case pbf_wire_type::fixed64: return "fixed64";
    case pbf_wire_type::length_delimited: return "length-delimited";
    case pbf_wire_type::fixed32: return "fixed32";
    default: return "unknown";
    }
}

// Fails unless the current field has the wire type its tag requires.
void require_wire(const pbf_reader& in, pbf_wire_type type, std::string_view field, const Place& at) {
    if (in.wire_type() != type) {
        fail(at, ErrorKind::wire_type,
             std::string(field) + " is encoded as " + std::string(wire_name(in.wire_type())) +
                 ", must be " + std::string(wire_name(type)));
    }
}

std::vector<std::uint32_t> read_packed(pbf_reader& in) {
    // Each integer takes at least one byte, so this stays within the input size.
    const auto range = in.get_packed_uint32();
    return {range.begin(), range.end()};
}

Value read_value(pbf_reader in, const Place& at, std::size_t index) {
    const std::string where = "value " + std::to_string(index);
    Value value;
    int fields = 0;
    while (in.next()) {
        ++fields;
        switch (in.tag()) {
        case 1:
            require_wire(in, pbf_wire_type::length_delimited, where + " string_value", at);
            value.type = Value::Type::string;
            value.string = in.get_string();
            break;
        case 2:
            require_wire(in, pbf_wire_type::fixed32, where + " float_value", at);
            value.type = Value::Type::float_;
            value.number = in.get_float();
            break;
        case 3:
            require_wire(in, pbf_wire_type::fixed64, where + " double_value", at);
            value.type = Value::Type::double_;
            value.number = in.get_double();
            break;
        case 4:
            require_wire(in, pbf_wire_type::varint, where + " int_value", at);
            value.type = Value::Type::int_;
            value.integer = in.get_int64();
            break;
        case 5:
            require_wire(in, pbf_wire_type::varint, where + " uint_value", at);
            value.type = Value::Type::uint;
            value.unsigned_integer = in.get_uint64();
            break;
        case 6:
            require_wire(in, pbf_wire_type::varint, where + " sint_value", at);
            value.type = Value::Type::sint;
            value.integer = in.get_sint64();
            break;
        case 7:
            require_wire(in, pbf_wire_type::varint, where + " bool_value", at);
            value.type = Value::Type::boolean;
            value.boolean = in.get_bool();
            break;
        default:
            fail(at, ErrorKind::value,
                 where + " has unknown field " + std::to_string(in.tag()) +
                     " (a value holds exactly one of the seven types)");
        }
    }
    if (fields != 1) {
        fail(at, ErrorKind::value,
             where + " has " + std::to_string(fields) + " fields, must have exactly one");
    }
    return value;
}

// The raw fields of one feature, before its tags and geometry are checked.
struct RawFeature {
    std::optional<std::uint64_t> id;
    std::optional<std::uint32_t> type;
    std::vector<std::uint32_t> tags;
    std::vector<std::uint32_t> geometry;
    int geometry_fields = 0;
};

RawFeature read_raw_feature(pbf_reader in, const Place& at) {
    RawFeature raw;
    while (in.next()) {
        switch (in.tag()) {
        case 1:
            require_wire(in, pbf_wire_type::varint, "feature id", at);
            raw.id = in.get_uint64();
            break;
        case 2: {
            require_wire(in, pbf_wire_type::length_delimited, "feature tags", at);
            const auto more = read_packed(in);
            raw.tags.insert(raw.tags.end(), more.begin(), more.end());
            break;
        }
        case 3:
            require_wire(in, pbf_wire_type::varint, "feature type", at);
            raw.type = in.get_uint32();
            break;
        case 4:
            require_wire(in, pbf_wire_type::length_delimited, "feature geometry", at);
            raw.geometry = read_packed(in);
            ++raw.geometry_fields;
            break;
        default: in.skip(); break;
        }
    }
    return raw;
}

// Tag indexes past the keys or values are fatal (they cannot come from a
// correct encoder); an odd tag count only loses the feature.
std::optional<Problem> read_tags(const RawFeature& raw, const Layer& layer, const Place& at,
                                 Feature& out) {
    for (std::size_t i = 0; i < raw.tags.size(); ++i) {
        const bool is_key = i % 2 == 0;
        const std::size_t limit = is_key ? layer.keys.size() : layer.values.size();
        if (raw.tags[i] >= limit) {
            fail(at, ErrorKind::tag_index,
                 std::string("tag ") + std::to_string(i) + " points to " + (is_key ? "key " : "value ") +
                     std::to_string(raw.tags[i]) + " but the layer has " + std::to_string(limit) +
                     (is_key ? " keys" : " values"));
        }
    }
    if (raw.tags.size() % 2 != 0) {
        return Problem{ErrorKind::odd_tags,
                       "tags has " + std::to_string(raw.tags.size()) +
                           " integers, must be key/value pairs",
                       at.layer, at.feature};
    }
    for (std::size_t i = 0; i < raw.tags.size(); i += 2) {
        out.properties.emplace_back(layer.keys[raw.tags[i]], layer.values[raw.tags[i + 1]]);
    }
    return std::nullopt;
}

// Decodes one feature; returns the problem that drops it, or throws.
std::optional<Problem> decode_feature(pbf_reader in, const Layer& layer, const Place& at,
                                      Feature& out) {
    const RawFeature raw = read_raw_feature(in, at);
    auto recoverable = [&](ErrorKind kind, std::string message) {
        return Problem{kind, std::move(message), at.layer, at.feature};
    };

    if (auto problem = read_tags(raw, layer, at, out)) {
        return problem;
    }
    // A missing type is proto2's default UNKNOWN: the feature is kept and
    // its geometry left undecoded.
    const std::uint32_t type = raw.type.value_or(0);
    if (type > 3) {
        return recoverable(ErrorKind::geometry_type,
                           "geometry type " + std::to_string(type) +
                               " is not UNKNOWN (0), POINT (1), LINESTRING (2) or POLYGON (3)");
    }
    if (raw.geometry_fields == 0) {
        return recoverable(ErrorKind::missing_geometry, "feature has no geometry");
    }
    if (raw.geometry_fields > 1) {
        return recoverable(ErrorKind::repeated_geometry,
                           "feature has " + std::to_string(raw.geometry_fields) +
                               " geometry fields, must have one");
    }

    out.id = raw.id;
    out.type = static_cast<GeomType>(type);
    GeometryResult decoded = decode_geometry(out.type, raw.geometry);
    if (decoded.problem) {
        if (decoded.problem->fatal) {
            fail(at, decoded.problem->kind, decoded.problem->message);
        }
        return recoverable(decoded.problem->kind, decoded.problem->message);
    }
    out.geometry = std::move(decoded.geometry);
    return std::nullopt;
}

Layer decode_layer(pbf_reader in, std::size_t layer_index, std::vector<Problem>& problems) {
    Place at{layer_index, std::nullopt};
    Layer layer;
    bool has_version = false;
    bool has_name = false;
    std::vector<pbf_reader> features;

    while (in.next()) {
        switch (in.tag()) {
        case 15:
            require_wire(in, pbf_wire_type::varint, "layer version", at);
            layer.version = in.get_uint32();
            has_version = true;
            break;
        case 1:
            require_wire(in, pbf_wire_type::length_delimited, "layer name", at);
            layer.name = in.get_string();
            has_name = true;
            break;
        case 2:
            require_wire(in, pbf_wire_type::length_delimited, "layer feature", at);
            features.push_back(in.get_message());
            break;
        case 3:
            require_wire(in, pbf_wire_type::length_delimited, "layer key", at);
            layer.keys.push_back(in.get_string());
            break;
        case 4:
            require_wire(in, pbf_wire_type::length_delimited, "layer value", at);
            layer.values.push_back(read_value(in.get_message(), at, layer.values.size()));
            break;
        case 5:
            require_wire(in, pbf_wire_type::varint, "layer extent", at);
            layer.extent = in.get_uint32();
            break;
        default: in.skip(); break;
        }
    }

    if (!has_version) {
        fail(at, ErrorKind::layer_version, "layer version is missing, must be 2");
    }
    if (layer.version != 1 && layer.version != 2) {
        fail(at, ErrorKind::layer_version,
             "layer version " + std::to_string(layer.version) + " is not 1 or 2");
    }
    if (!has_name || layer.name.empty()) {
        fail(at, ErrorKind::layer_name, "layer name is missing or empty");
    }
    if (layer.extent == 0) {
        fail(at, ErrorKind::protobuf, "layer extent 0 is invalid, must be at least 1");
    }

    for (std::size_t i = 0; i < features.size(); ++i) {
        at.feature = i;
        Feature feature;
        feature.source_index = i;
        if (auto problem = decode_feature(features[i], layer, at, feature)) {
            problems.push_back(std::move(*problem));
        } else {
            layer.features.push_back(std::move(feature));
        }
    }
    return layer;
}

} // namespace

Tile decode_tile(std::string_view bytes) {
    Tile tile;
    std::set<std::string> names;
    std::size_t field_start = 0;
    try {
        pbf_reader in(bytes.data(), bytes.size());
        // The reader's views point into bytes, so the unread view gives the offset.
        for (field_start = 0; in.next(); field_start = bytes.size() - in.data().size()) {
            if (in.tag() != 3) {
                in.skip();
                continue;
            }
            const std::size_t index = tile.layers.size();
            require_wire(in, pbf_wire_type::length_delimited, "tile layer", Place{index, {}});
            Layer layer = decode_layer(in.get_message(), index, tile.problems);
            if (!names.insert(layer.name).second) {
                tile.problems.push_back(Problem{ErrorKind::duplicate_layer,
                                                "layer name \"" + layer.name +
                                                    "\" is used by an earlier layer",
                                                index, std::nullopt});
            }
            tile.layers.push_back(std::move(layer));
        }
    } catch (const protozero::exception& e) {
        throw format_error(Problem{ErrorKind::protobuf,
                                   std::string("malformed protobuf: ") + e.what(),
                                   std::nullopt, std::nullopt, field_start});
    } catch (const format_error& e) {
        Problem problem = e.problem();
        problem.offset = field_start;
        throw format_error(std::move(problem));
    }
    return tile;
}

} // namespace badung::mvt

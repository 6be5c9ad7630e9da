#include "core/query/search_records.hpp"

#include "core/search/fold.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <span>
#include <string>

namespace badung::query {

namespace {

// The display text of the first of these properties that is present and not empty.
std::string first_property(const geojson::Feature& feature, std::span<const std::string_view> keys) {
    for (std::string_view key : keys) {
        const geojson::Value* value = feature.property(key);
        if (value != nullptr && !value->is_null()) {
            std::string text = value->to_display();
            if (!text.empty()) {
                return text;
            }
        }
    }
    return {};
}

// Search words for the kind of a health facility (its OpenStreetMap
// amenity tag), in Indonesian and English, or "" for another kind. A
// layer's title names every kind the layer contains ("Apotek, klinik dan
// dokter"), so a feature with a known kind is found by its own kind only.
std::string kind_terms(const geojson::Feature& feature) {
    struct Kind {
        std::string_view tag;
        std::string_view terms;
    };
    constexpr std::array<Kind, 5> kinds{{
        {"pharmacy", "apotek apotik pharmacy"},
        {"clinic", "klinik clinic"},
        {"doctors", "dokter praktik doctor doctors"},
        {"dentist", "dokter gigi dentist"},
        {"hospital", "rumah sakit hospital"},
    }};
    constexpr std::array<std::string_view, 1> amenity{"amenity"};
    const std::string tag = first_property(feature, amenity);
    for (const Kind& kind : kinds) {
        if (tag == kind.tag) {
            return std::string(kind.terms);
        }
    }
    return {};
}

// "negeri" for a school whose "status" property marks it as a state school
// (Kemendikbud's data: "Negeri" or "Swasta"), so "SDN 1 Kuta" finds a
// state school named "SD Nomor 1 Kuta" or "SD No. 1 Kuta"; else "".
std::string status_terms(const geojson::Feature& feature) {
    constexpr std::array<std::string_view, 1> status{"status"};
    std::string value = first_property(feature, status);
    std::transform(value.begin(), value.end(), value.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return value == "negeri" ? "negeri" : "";
}

std::string address_of(const geojson::Feature& feature) {
    constexpr std::array<std::string_view, 5> whole{"address", "alamat", "alamat_jalan", "alamat_faskes",
                                                    "addr:full"};
    std::string address = first_property(feature, whole);
    if (!address.empty()) {
        return address;
    }

    constexpr std::array<std::string_view, 1> street{"addr:street"};
    constexpr std::array<std::string_view, 1> city{"addr:city"};
    address = first_property(feature, street);
    const std::string city_name = first_property(feature, city);
    if (!city_name.empty()) {
        address += (address.empty() ? "" : ", ") + city_name;
    }
    return address;
}

geo::LonLat location_of(const geojson::Feature& feature) {
    if (!feature.has_location()) {
        return {};
    }
    const geojson::Geometry& geometry = *feature.geometry;
    if (geometry.type == geojson::GeometryType::point) {
        return geometry.points.front();
    }
    const geo::BBox box = feature.bbox();
    return {(box.west + box.east) / 2, (box.south + box.north) / 2};
}

std::string without_parentheses(std::string_view text) {
    std::string outside;
    int depth = 0;
    for (const char c : text) {
        if (c == '(') {
            ++depth;
        } else if (c == ')') {
            depth = depth > 0 ? depth - 1 : 0;
        } else if (depth == 0) {
            outside += c;
        }
    }
    return outside;
}

bool is_stop_word(std::string_view word) {
    constexpr std::array<std::string_view, 10> stop_words{"dan", "atau", "di", "dari", "untuk",
                                                          "and", "or",   "of", "the", "for"};
    return std::find(stop_words.begin(), stop_words.end(), word) != stop_words.end();
}

} // namespace

std::string title_search_terms(std::span<const std::string_view> titles) {
    std::string terms;
    for (std::string_view title : titles) {
        for (const std::string& word : search::tokenize(without_parentheses(title))) {
            if (!is_stop_word(word)) {
                terms += (terms.empty() ? "" : " ") + word;
            }
        }
    }
    return terms;
}

void append_search_records(const FeatureLayer& layer, std::string_view category_slug, std::string_view terms,
                           std::uint32_t first_item, std::vector<search::SearchRecord>& records) {
    constexpr std::array<std::string_view, 2> name_keys{"name", "nama"};
    for (std::size_t i = 0; i < layer.size(); ++i) {
        const geojson::Feature& feature = layer.features()[i];
        search::SearchRecord record;
        record.item = first_item + static_cast<std::uint32_t>(i);
        record.name = first_property(feature, name_keys);
        record.category = std::string(category_slug);
        record.address = address_of(feature);
        record.location = location_of(feature);
        record.terms = kind_terms(feature);
        if (record.terms.empty()) {
            record.terms = std::string(terms);
        }
        const std::string status = status_terms(feature);
        if (!status.empty()) {
            record.terms += (record.terms.empty() ? "" : " ") + status;
        }
        records.push_back(std::move(record));
    }
}

} // namespace badung::query

#include "core/query/search_records.hpp"

#include "core/query/place_kinds.hpp"
#include "core/search/fold.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <limits>
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

std::string lower_case(std::string text) {
    std::transform(text.begin(), text.end(), text.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return text;
}

// Search words, in Indonesian and English, for the kind of a feature as its
// own properties give it: the OpenStreetMap "amenity" tag of a health
// facility, or the "jenis_faskes" or "jenis" value of government data
// ("PUSKESMAS", "RUMAH SAKIT", "desa", "kelurahan"). A "jenis" value outside
// the table gives its own words. Returns "" when the feature has no kind.
std::string kind_terms(const geojson::Feature& feature) {
    struct Kind {
        std::string_view value; // folded to lower case
        std::string_view terms;
    };
    constexpr std::array<Kind, 5> amenity_kinds{{
        {"pharmacy", "apotek apotik pharmacy"},
        {"clinic", "klinik clinic"},
        {"doctors", "dokter praktik doctor doctors"},
        {"dentist", "dokter gigi dentist"},
        {"hospital", "rumah sakit hospital"},
    }};
    constexpr std::array<Kind, 5> jenis_kinds{{
        {"puskesmas", "puskesmas community health centre center"},
        {"rumah sakit", "rumah sakit hospital"},
        {"klinik", "klinik clinic"},
        {"desa", "desa village"},
        // "Desa" is also the everyday word for a kelurahan, but not the other way round.
        {"kelurahan", "kelurahan desa village"},
    }};

    constexpr std::array<std::string_view, 1> amenity{"amenity"};
    const std::string tag = lower_case(first_property(feature, amenity));
    for (const Kind& kind : amenity_kinds) {
        if (tag == kind.value) {
            return std::string(kind.terms);
        }
    }

    constexpr std::array<std::string_view, 2> jenis{"jenis_faskes", "jenis"};
    const std::string value = lower_case(first_property(feature, jenis));
    for (const Kind& kind : jenis_kinds) {
        if (value == kind.value) {
            return std::string(kind.terms);
        }
    }
    return value;
}

// "negeri" or "swasta" for a school whose "status" property marks it as a
// state or private school (Kemendikbud's data: "Negeri" or "Swasta"), else
// "". So "SDN 1 Kuta" finds the state school named "SD Nomor 1 Kuta", and
// "SDS Taman Tirta" the private school named "SD Taman Tirta".
std::string status_terms(const geojson::Feature& feature) {
    constexpr std::array<std::string_view, 1> status{"status"};
    const std::string value = lower_case(first_property(feature, status));
    return value == "negeri" || value == "swasta" ? value : "";
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
        constexpr double unknown = std::numeric_limits<double>::quiet_NaN();
        return {unknown, unknown};
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

// True when a title, without its parenthesised parts, lists several kinds
// joined by a comma or a conjunction, as "Puskesmas dan rumah sakit" does.
bool names_several_kinds(std::string_view title) {
    if (title.find(',') != std::string_view::npos) {
        return true;
    }
    constexpr std::array<std::string_view, 4> conjunctions{"dan", "atau", "and", "or"};
    for (const std::string& word : search::tokenize(title)) {
        if (std::find(conjunctions.begin(), conjunctions.end(), word) != conjunctions.end()) {
            return true;
        }
    }
    return false;
}

} // namespace

std::string title_search_terms(std::span<const std::string_view> titles) {
    std::string terms;
    for (std::string_view title : titles) {
        const std::string outside = without_parentheses(title);
        if (names_several_kinds(outside)) {
            continue;
        }
        for (const std::string& word : search::tokenize(outside)) {
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
    const std::span<const PlaceKind> kinds = place_kinds();
    std::vector<std::vector<std::string>> kind_words;
    for (const PlaceKind& kind : kinds) {
        kind_words.push_back(kind_search_words(kind));
    }

    for (std::size_t i = 0; i < layer.size(); ++i) {
        const geojson::Feature& feature = layer.features()[i];
        search::SearchRecord record;
        record.item = first_item + static_cast<std::uint32_t>(i);
        record.name = first_property(feature, name_keys);
        record.category = std::string(category_slug);
        record.address = address_of(feature);
        record.location = location_of(feature);
        record.terms = std::string(terms);
        for (const std::string& more : {kind_terms(feature), status_terms(feature)}) {
            if (!more.empty()) {
                record.terms += (record.terms.empty() ? "" : " ") + more;
            }
        }
        if (const PlaceKind* kind = kind_in_layer(category_slug, feature)) {
            record.kind_words = kind_words[static_cast<std::size_t>(kind - kinds.data())];
        }
        records.push_back(std::move(record));
    }
}

} // namespace badung::query

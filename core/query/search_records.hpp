#pragma once

#include "core/query/feature_layer.hpp"
#include "core/search/search_index.hpp"

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace badung::query {

// Appends one search record per feature of a layer, numbered from
// first_item in the layer's id order, so hits map back to features as
// layer.features()[hit.item - first_item]. The name is the "name" property
// ("nama" when there is none); the address joins the first of "address",
// "alamat", "alamat_jalan", "alamat_faskes" and "addr:full", else
// "addr:street" with "addr:city". The category is category_slug (the
// catalog's slug for the layer). The terms are the layer's words (see
// title_search_terms), then the Indonesian and English words of the
// feature's own kind, then "negeri" or "swasta" for a school. The kind comes from
// its "amenity" tag (pharmacy, clinic, doctors, dentist, hospital) or its
// "jenis_faskes" or "jenis" value. The kind words are the search words of
// the feature's place kind (see kind_in_layer). A point feature is located at its
// point, any other at the centre of its bbox, and one without a location
// at NaN.
void append_search_records(const FeatureLayer& layer, std::string_view category_slug, std::string_view terms,
                           std::uint32_t first_item, std::vector<search::SearchRecord>& records);

// The words of layer titles worth searching for, joined by spaces: the
// titles without parenthesised parts and without the conjunctions and
// prepositions dan, atau, di, dari, untuk, and, or, of, the, for. "Halte
// bus" and "Bus stops" give "halte bus bus stops". "Sekolah (SD, SMP)"
// gives "sekolah", because every school would otherwise match "smp". A
// title that lists several kinds ("Puskesmas dan rumah sakit", "Apotek,
// klinik dan dokter") gives no words, because every hospital would
// otherwise match "puskesmas", so its features are found by their own kind.
// NOTE: the list test is a comma or one of dan, atau, and, or outside
// parentheses, so a one-kind title with such a word loses its words too.
std::string title_search_terms(std::span<const std::string_view> titles);

} // namespace badung::query

#pragma once
// The offline pack manifest, pack.json: every file and tile the web app needs
// to work with no network, with sizes and SHA-256 digests, so a client can
// download the pack once, verify it and later fetch only what changed.

#include <filesystem>
#include <string>

namespace badung::geodata {

/// Hex digits of a tile's SHA-256 kept in pack.json: 128 bits, enough to
/// detect corruption or a change, at half the manifest size of full digests.
inline constexpr std::size_t kTileDigestHexDigits = 32;

/// Writes `out`/pack.json from what is in `out`: catalog.json, every
/// layers/*.geojson, every tile of badung.mbtiles (sizes and digests of the
/// inflated MVT bytes, as a browser receives them), and the style and glyphs
/// under styles/ and fonts/ when present. Paths are URLs relative to the
/// site root: data/catalog.json, data/layers/ID.geojson,
/// tiles/badung/{z}/{x}/{y}.mvt, styles/NAME.json, fonts/STACK/RANGE.pbf.
/// data_version is derived from the content, so an unchanged build keeps it.
/// Returns the data version. Throws InputError naming the file that fails.
std::string write_pack_manifest(const std::filesystem::path& out);

}  // namespace badung::geodata

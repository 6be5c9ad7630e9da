#pragma once
// UTF-8 checks for text that arrives as bytes: a Shapefile .dbf in another
// code page, a GeoPackage or GeoJSON file with stray bytes. JSON must be
// valid UTF-8 (RFC 8259), and the core's reader rejects a whole file for one
// invalid byte, so the data tool and the server repair such text first.

#include <cstddef>
#include <string>
#include <string_view>

namespace badung::text {

// The result of repair_utf8.
struct Utf8Repair {
    std::string text; // the input with each invalid sequence replaced by U+FFFD
    std::size_t replaced = 0; // number of invalid sequences replaced
    std::size_t first_offset = 0; // byte offset of the first invalid sequence in the input
    std::string first_bytes; // that sequence in hex, e.g. "FF"
};

// Returns whether `text` is well-formed UTF-8 (no overlong forms, no
// surrogates, nothing above U+10FFFF).
bool is_valid_utf8(std::string_view text);

// Replaces invalid sequences in `text` with U+FFFD: one for each maximal
// start of a valid sequence that breaks off, and one for each byte that
// starts none. So "E0 80" (overlong) gives two, "F0 9F 98" (cut) gives one.
Utf8Repair repair_utf8(std::string_view text);

// Returns `text` when it is valid UTF-8, else its repair_utf8 text.
std::string valid_utf8(std::string_view text);

} // namespace badung::text

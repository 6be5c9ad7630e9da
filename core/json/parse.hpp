#pragma once

#include <rapidjson/document.h>

#include <string_view>

namespace badung::json {

// RapidJSON parse flags of every JSON reader in the core and the browser
// app: numbers are converted with full precision (correctly rounded),
// strings must be valid UTF-8, and the iterative parser keeps deep nesting
// off the call stack. With one flag set the WebAssembly module carries one
// copy of RapidJSON's parser. Dropping the two other sets it had cut the
// module by 4.6 KB (Emscripten 3.1.6, -Oz).
inline constexpr unsigned parse_flags = rapidjson::kParseFullPrecisionFlag |
                                        rapidjson::kParseValidateEncodingFlag |
                                        rapidjson::kParseIterativeFlag;

// Parses TEXT, which need not be null-terminated, into DOCUMENT with
// parse_flags. The caller checks document.HasParseError().
void parse(rapidjson::Document& document, std::string_view text);

} // namespace badung::json

// Catch2's main(), compiled once for the core test binary (native and wasm).
#define CATCH_CONFIG_MAIN
#include <catch2/catch.hpp>

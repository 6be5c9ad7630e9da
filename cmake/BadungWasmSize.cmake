# Size optimisation of the browser app's WebAssembly module.
#
# The app's code (web/, Dear ImGui and the app's copy of the core) is
# compiled with -Oz and full link-time optimisation, so the LTO step inlines
# and drops code across libraries. Measured with Emscripten 3.1.6 on the
# whole app, this cut badung-map.wasm from 423 KB to about 300 KB (gzip -9);
# docs/BENCHMARKS.md has the steps. The core's tests and the query benchmark
# keep the -O3 build of the core, so their timings stay comparable with the
# native build. Debug builds keep their own flags.
set(badung_size_flags "$<$<NOT:$<CONFIG:Debug>>:-Oz;-flto>")

# Compiles TARGET's own sources for size (see above).
function(badung_optimize_for_size target)
  target_compile_options(${target} PRIVATE "${badung_size_flags}")
endfunction()

# Links TARGET for size: -Oz (also wasm-opt's level) and the LTO step.
function(badung_link_for_size target)
  target_link_options(${target} PRIVATE "${badung_size_flags}")
endfunction()

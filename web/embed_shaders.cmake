# Writes every shaders/*.vert and *.frag file as a string constant into one
# C++ source: shaders/fill.vert becomes badung::web::shaders::fill_vert.
file(GLOB shader_files "${SHADER_DIR}/*.vert" "${SHADER_DIR}/*.frag")
list(SORT shader_files)

set(out "// Generated from shaders/ by web/embed_shaders.cmake; do not edit.\n")
string(APPEND out "#include \"web/gl/shader_sources.hpp\"\n\nnamespace badung::web::shaders {\n\n")
foreach(file IN LISTS shader_files)
  get_filename_component(name "${file}" NAME)
  string(REPLACE "." "_" symbol "${name}")
  file(READ "${file}" text)

  # Comments and indentation are dropped to keep them out of the wasm
  # module. Each line stays a line, so the line numbers in a driver's
  # compile error still match the file. GLSL has no string literals, so
  # every "//" starts a comment.
  string(REGEX REPLACE "[ ]*//[^\n]*" "" text "${text}")
  string(REGEX REPLACE "\n[ ]+" "\n" text "${text}")

  string(APPEND out "const char* const ${symbol} = R\"glsl(${text})glsl\";\n\n")
endforeach()
string(APPEND out "} // namespace badung::web::shaders\n")

file(WRITE "${OUTPUT}.tmp" "${out}")
file(COPY_FILE "${OUTPUT}.tmp" "${OUTPUT}" ONLY_IF_DIFFERENT)

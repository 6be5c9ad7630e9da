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
  string(APPEND out "const char* const ${symbol} = R\"glsl(${text})glsl\";\n\n")
endforeach()
string(APPEND out "} // namespace badung::web::shaders\n")

file(WRITE "${OUTPUT}.tmp" "${out}")
file(COPY_FILE "${OUTPUT}.tmp" "${OUTPUT}" ONLY_IF_DIFFERENT)

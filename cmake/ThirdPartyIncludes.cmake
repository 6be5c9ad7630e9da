# Header-only libraries from Debian (GLM, RapidJSON, protozero, Catch2).
#
# Natively they are found in /usr/include, where the compiler treats them
# as system headers already. For Emscripten, /usr/include must
# never reach a compile (its libc headers would shadow Emscripten's), so a
# folder of symlinks to only these libraries is added as a SYSTEM include.
add_library(badung_third_party INTERFACE)

if(EMSCRIPTEN)
  set(_links "${CMAKE_BINARY_DIR}/third-party-include")
  file(MAKE_DIRECTORY "${_links}")
  foreach(_lib glm rapidjson protozero catch2)
    if(EXISTS "/usr/include/${_lib}" AND NOT EXISTS "${_links}/${_lib}")
      file(CREATE_LINK "/usr/include/${_lib}" "${_links}/${_lib}" SYMBOLIC)
    endif()
  endforeach()
  target_include_directories(badung_third_party SYSTEM INTERFACE "${_links}")
endif()

# RapidJSON's std::string support, used by every JSON reader and writer here.
target_compile_definitions(badung_third_party INTERFACE RAPIDJSON_HAS_STDSTRING=1)

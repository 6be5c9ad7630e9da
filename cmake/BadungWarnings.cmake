# Warnings are errors in the project's own targets; third-party code
# (Dear ImGui, RapidJSON) is compiled without them or included as SYSTEM.
function(badung_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Werror
    -Wno-error=deprecated-declarations)

  # GCC 12 at -O2/-O3 reports false -Wrestrict overlaps inside libstdc++'s
  # std::string (GCC bug 105329); keep the warning but not as an error.
  if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
    target_compile_options(${target} PRIVATE -Wno-error=restrict)
  endif()
endfunction()

# Warnings are errors in the project's own targets; third-party code
# (Dear ImGui, RapidJSON) is compiled without them or included as SYSTEM.
function(badung_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Werror
    -Wno-error=deprecated-declarations)
endfunction()

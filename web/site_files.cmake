# Copies of the shell's files in the site folder. JavaScript and CSS are
# minified with esbuild (an npm devDependency that `./badung setup` installs
# into node_modules), because their gzip bytes count in every first visit
# and in the service worker's precache. The sources in shell/ stay the
# readable originals, and each minified file keeps its name and folder.
find_program(BADUNG_ESBUILD esbuild PATHS "${PROJECT_SOURCE_DIR}/node_modules/.bin" NO_DEFAULT_PATH)
if(NOT BADUNG_ESBUILD)
  message(FATAL_ERROR "esbuild not found in ${PROJECT_SOURCE_DIR}/node_modules/.bin: "
    "run './badung setup' (or 'npm install' in ${PROJECT_SOURCE_DIR}), "
    "or pass -DBADUNG_ESBUILD=<path to esbuild>")
endif()

# Every text or wasm file of the site also gets a gzip copy beside it
# (FILE.gz), which badung-cityd sends to clients that accept gzip, so the
# server never compresses a static file per request. zopfli (Debian package
# zopfli) writes gzip streams about 5% smaller than `gzip -9`; without it
# the build falls back on gzip -9.
find_program(BADUNG_ZOPFLI zopfli)
find_program(BADUNG_GZIP gzip)
if(BADUNG_ZOPFLI)
  set(badung_gzip_command "${BADUNG_ZOPFLI}" --gzip)
elseif(BADUNG_GZIP)
  message(STATUS "zopfli not found: the site's gzip copies come from gzip -9")
  set(badung_gzip_command "${BADUNG_GZIP}" -9 -n -k -f)
else()
  message(FATAL_ERROR "neither zopfli nor gzip found: install the Debian package zopfli")
endif()
set(badung_precompressed_extensions .html .js .mjs .css .json .webmanifest .wasm .svg .ttf)

# Adds a build rule that writes SOURCE to SITE_PATH (relative to the site
# folder), minified when it is JavaScript or CSS, and appends the written
# file to the list named OUTPUTS. Extra arguments are file or target
# dependencies besides SOURCE.
#
# esbuild runs without --bundle and without --format, so each file keeps
# its imports, exports and top-level names: classic scripts share globals
# (finder.js, badung-map-api.js, the Emscripten glue, pack-db.js in the
# service worker), and ES modules import each other by file name.
#
# A SOURCE with a generator expression (the module's files) is another
# target's output. Ninja knows no rule for badung-map.wasm, which the link
# of badung-map.js writes beside it, so such a source is left out of
# DEPENDS: the target named in the extra arguments orders the build and
# reruns the command when the module is linked again.
function(badung_add_site_file source site_path outputs)
  set(destination "${badung_site}/${site_path}")
  set(source_dependency "${source}")
  if(source MATCHES "\\$<")
    set(source_dependency "")
  endif()
  get_filename_component(destination_folder "${destination}" DIRECTORY)
  get_filename_component(extension "${source}" LAST_EXT)
  if(extension STREQUAL ".js" OR extension STREQUAL ".css")
    add_custom_command(OUTPUT "${destination}"
      COMMAND "${BADUNG_ESBUILD}" "${source}" --minify --log-level=warning
        "--outfile=${destination}"
      DEPENDS ${source_dependency} ${ARGN}
      COMMENT "Minifying ${site_path}"
      VERBATIM)
  else()
    add_custom_command(OUTPUT "${destination}"
      COMMAND "${CMAKE_COMMAND}" -E make_directory "${destination_folder}"
      COMMAND "${CMAKE_COMMAND}" -E copy "${source}" "${destination}"
      DEPENDS ${source_dependency} ${ARGN}
      VERBATIM)
  endif()
  list(APPEND ${outputs} "${destination}")

  if(extension IN_LIST badung_precompressed_extensions)
    add_custom_command(OUTPUT "${destination}.gz"
      COMMAND ${badung_gzip_command} "${destination}"
      DEPENDS "${destination}"
      COMMENT "Compressing ${site_path}"
      VERBATIM)
    list(APPEND ${outputs} "${destination}.gz")
  endif()
  set(${outputs} "${${outputs}}" PARENT_SCOPE)
endfunction()

# Adds a site file for every file below the shell folder SUBFOLDER ("" for
# the shell folder itself, without its subfolders) and appends them to
# OUTPUTS.
function(badung_add_shell_files subfolder outputs)
  set(folder "${PROJECT_SOURCE_DIR}/shell")
  if(NOT subfolder STREQUAL "")
    set(folder "${folder}/${subfolder}")
  endif()
  file(GLOB sources LIST_DIRECTORIES false RELATIVE "${PROJECT_SOURCE_DIR}/shell"
    CONFIGURE_DEPENDS "${folder}/*")
  foreach(relative IN LISTS sources)
    badung_add_site_file("${PROJECT_SOURCE_DIR}/shell/${relative}" "${relative}" ${outputs})
  endforeach()
  set(${outputs} "${${outputs}}" PARENT_SCOPE)
endfunction()

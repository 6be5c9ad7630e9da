# Writes SITE/shell-manifest.json: every file of the assembled site (the app
# shell the service worker precaches) with its size and SHA-256, and a
# version derived from them, so a new deployment gets a new cache name.
# The service worker script itself and the manifest are left out, because
# the browser fetches sw.js on its own and the manifest is always fetched fresh.
# Usage: cmake -DSITE=<site folder> -P shell_manifest.cmake
if(NOT IS_DIRECTORY "${SITE}")
  message(FATAL_ERROR "SITE='${SITE}' is not a folder")
endif()

file(GLOB_RECURSE site_files LIST_DIRECTORIES false RELATIVE "${SITE}" "${SITE}/*")
list(SORT site_files)
list(REMOVE_ITEM site_files "sw.js" "shell-manifest.json")
# The build's gzip copies are another encoding of files listed already.
list(FILTER site_files EXCLUDE REGEX "\\.gz$")

set(entries "")
set(listing "")
foreach(path IN LISTS site_files)
  file(SHA256 "${SITE}/${path}" digest)
  file(SIZE "${SITE}/${path}" size)
  string(APPEND listing "${path} ${digest}\n")
  if(NOT entries STREQUAL "")
    string(APPEND entries ",\n")
  endif()
  string(APPEND entries "    {\"path\": \"${path}\", \"size\": ${size}, \"sha256\": \"${digest}\"}")
endforeach()

string(SHA256 listing_digest "${listing}")
string(SUBSTRING "${listing_digest}" 0 16 version)
set(json "{\n  \"version\": \"${version}\",\n  \"files\": [\n${entries}\n  ]\n}\n")

# Rewrite only on change, so the file's ETag stays put across no-op builds.
set(output "${SITE}/shell-manifest.json")
set(previous "")
if(EXISTS "${output}")
  file(READ "${output}" previous)
endif()
if(NOT previous STREQUAL json)
  file(WRITE "${output}" "${json}")
endif()

# Offline support in the site: the service worker's modules and the icons
# (shell subfolders, which the flat shell copy leaves out), then the shell
# manifest over everything assembled, as the last step of the site.
set(badung_offline_dirs "${PROJECT_SOURCE_DIR}/shell/offline" "${PROJECT_SOURCE_DIR}/shell/icons")
file(GLOB_RECURSE badung_offline_files CONFIGURE_DEPENDS
  "${PROJECT_SOURCE_DIR}/shell/offline/*" "${PROJECT_SOURCE_DIR}/shell/icons/*")

add_custom_target(badung_offline_site ALL
  COMMAND "${CMAKE_COMMAND}" -E copy_directory "${PROJECT_SOURCE_DIR}/shell/offline" "${badung_site}/offline"
  COMMAND "${CMAKE_COMMAND}" -E copy_directory "${PROJECT_SOURCE_DIR}/shell/icons" "${badung_site}/icons"
  COMMAND "${CMAKE_COMMAND}" "-DSITE=${badung_site}" -P "${CMAKE_CURRENT_SOURCE_DIR}/shell_manifest.cmake"
  DEPENDS badung_site ${badung_offline_files} "${CMAKE_CURRENT_SOURCE_DIR}/shell_manifest.cmake"
  COMMENT "Adding the offline modules and writing shell-manifest.json")

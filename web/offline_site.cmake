# Offline support in the site: the service worker's modules and the icons
# (shell subfolders, which the flat shell copy leaves out), then the shell
# manifest over everything assembled, as the last step of the site.
set(badung_offline_site_files "")
badung_add_shell_files("offline" badung_offline_site_files)
badung_add_shell_files("icons" badung_offline_site_files)

add_custom_target(badung_offline_site ALL
  COMMAND "${CMAKE_COMMAND}" "-DSITE=${badung_site}" -P "${CMAKE_CURRENT_SOURCE_DIR}/shell_manifest.cmake"
  DEPENDS badung_site ${badung_offline_site_files} "${CMAKE_CURRENT_SOURCE_DIR}/shell_manifest.cmake"
  COMMENT "Writing shell-manifest.json over the assembled site")

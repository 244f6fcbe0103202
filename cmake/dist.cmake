# Install rules and CPack of the portable binary (LOCALNOTION_PORTABLE, `make dist`,
# docs/development.md "Release artifacts"). The layout, for the .deb and for dist/:
#   lib/localnotion/localnotion      the binary, RPATH $ORIGIN/lib
#   lib/localnotion/lib/*.so*        every shared library it needs that is not glibc
#   bin/localnotion                  a symlink to ../lib/localnotion/localnotion
# glibc (libc, libm, libresolv, the loader) stays the system's: the minimum version is
# written by tools/dist.sh into dist/GLIBC_MINIMUM.
set(LN_DIST_GLIBC_REGEXES
  "^ld-linux" "^linux-vdso" "^libc\\.so" "^libm\\.so" "^libpthread\\.so" "^libdl\\.so"
  "^librt\\.so" "^libresolv\\.so" "^libutil\\.so" "^libanl\\.so")
install(TARGETS localnotion_portable RUNTIME_DEPENDENCY_SET ln_runtime
  RUNTIME DESTINATION lib/localnotion COMPONENT dist)
install(RUNTIME_DEPENDENCY_SET ln_runtime
  PRE_EXCLUDE_REGEXES ${LN_DIST_GLIBC_REGEXES}
  POST_EXCLUDE_REGEXES ${LN_DIST_GLIBC_REGEXES}
  DESTINATION lib/localnotion/lib COMPONENT dist)
install(CODE "file(MAKE_DIRECTORY \"\$ENV{DESTDIR}\${CMAKE_INSTALL_PREFIX}/bin\")
  file(CREATE_LINK ../lib/localnotion/localnotion \"\$ENV{DESTDIR}\${CMAKE_INSTALL_PREFIX}/bin/localnotion\" SYMBOLIC)"
  COMPONENT dist)
install(FILES ${PROJECT_SOURCE_DIR}/deploy/localnotion.service DESTINATION lib/systemd/system COMPONENT dist)

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME localnotion)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_CONTACT "localnotion developers")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "The Notion public REST API on your own machine, for tests")
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_ARCHITECTURE amd64)
set(CPACK_DEBIAN_PACKAGE_SECTION devel)
set(CPACK_DEB_COMPONENT_INSTALL OFF)
set(CPACK_COMPONENTS_ALL dist)
# Only glibc comes from the system; everything else is in /usr/lib/localnotion/lib.
set(CPACK_DEBIAN_PACKAGE_DEPENDS "libc6 (>= 2.36)")
include(CPack)

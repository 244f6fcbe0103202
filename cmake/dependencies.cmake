# The third-party libraries that Debian 12 also ships as static archives, as the layers
# link them: ln_dep_boost_json, ln_dep_boost_url, ln_dep_sqlite3, ln_dep_re2. Each one is
# the shared library (the imported target of its CMake or pkg-config package) for every
# target except one whose LOCALNOTION_STATIC_DEPS property is ON, the portable binary of
# `make dist` (src/cli/CMakeLists.txt), which links the archive instead. The property is
# read on the target being linked (a generator expression in a link interface is
# evaluated on the consumer), so the layers compile to the same objects for both
# binaries and the portable one costs one link (docs/development.md, "Release artifacts").
define_property(TARGET PROPERTY LOCALNOTION_STATIC_DEPS
  BRIEF_DOCS "Link the ln_dep_* libraries from their static archives"
  FULL_DOCS "Set on the portable binary of make dist (cmake/dependencies.cmake).")

# localnotion_dependency(NAME IMPORTED ARCHIVE [EXTRA...]): ARCHIVE is the static
# archive's file name; EXTRA are what that archive needs besides (for the static branch).
function(localnotion_dependency NAME IMPORTED ARCHIVE)
  find_library(LN_ARCHIVE_${NAME} NAMES ${ARCHIVE})
  add_library(${NAME} INTERFACE)
  if(LN_ARCHIVE_${NAME})
    set(is_static "$<BOOL:$<TARGET_PROPERTY:LOCALNOTION_STATIC_DEPS>>")
    target_link_libraries(${NAME} INTERFACE "$<$<NOT:${is_static}>:${IMPORTED}>")
    foreach(item IN ITEMS ${LN_ARCHIVE_${NAME}} ${ARGN})
      target_link_libraries(${NAME} INTERFACE "$<${is_static}:${item}>")
    endforeach()
  else()
    target_link_libraries(${NAME} INTERFACE ${IMPORTED})
  endif()
endfunction()

localnotion_dependency(ln_dep_boost_json Boost::json libboost_json.a libboost_container.a)
localnotion_dependency(ln_dep_boost_url Boost::url libboost_url.a)
localnotion_dependency(ln_dep_sqlite3 SQLite::SQLite3 libsqlite3.a m)
localnotion_dependency(ln_dep_re2 PkgConfig::RE2 libre2.a Threads::Threads)

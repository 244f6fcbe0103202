# Precompiled headers (LOCALNOTION_PCH, the top CMakeLists.txt): two small targets own the
# headers, cmake/pch.h for libraries and cmake/pch_test.h for tests, and every other target
# reuses theirs. They only save compile time (about 40 % per file with gcc 12).
# gcc uses a precompiled header only when the macros its headers test are the same as in
# the file that includes it. Targets differ in two such (FMT_SHARED from fmt::fmt, and
# _REENTRANT from -pthread, which only some dependencies add), so with LOCALNOTION_PCH
# every target gets both. Without it no flag changes, so ccache's entries stay valid.
function(localnotion_pch_flags target)
  target_compile_options(${target} PRIVATE -pthread)
  target_compile_definitions(${target} PRIVATE FMT_SHARED)
endfunction()

function(localnotion_pch_targets)
  if(NOT LOCALNOTION_PCH)
    return()
  endif()
  add_library(ln_pch STATIC ${PROJECT_SOURCE_DIR}/cmake/pch.cc)
  target_link_libraries(ln_pch PRIVATE Boost::json fmt::fmt)
  localnotion_pch_flags(ln_pch)
  target_compile_options(ln_pch PRIVATE -Wall -Wextra -Wno-unused-parameter)
  target_precompile_headers(ln_pch PRIVATE ${PROJECT_SOURCE_DIR}/cmake/pch.h)
  if(LOCALNOTION_BUILD_TESTS)
    add_library(ln_test_pch STATIC ${PROJECT_SOURCE_DIR}/cmake/pch.cc)
    target_link_libraries(ln_test_pch PRIVATE Boost::json fmt::fmt GTest::gmock GTest::gtest)
    localnotion_pch_flags(ln_test_pch)
    target_precompile_headers(ln_test_pch PRIVATE ${PROJECT_SOURCE_DIR}/cmake/pch_test.h)
  endif()
endfunction()

# LOCALNOTION_UNITY (the top CMakeLists.txt): the target's sources are compiled in
# batches of LOCALNOTION_UNITY_BATCH files, each batch one translation unit. Names with
# internal linkage (an anonymous namespace, `static`) are then shared by every file of a
# batch, so two files of one target must not define the same file-local name: give each
# its own, or move a shared one into a header. A file with its own compile options (such
# as src/common/json.cc) is compiled alone, as CMake does for any source with them.
function(localnotion_unity target)
  if(LOCALNOTION_UNITY)
    set_target_properties(${target} PROPERTIES UNITY_BUILD ON UNITY_BUILD_BATCH_SIZE ${LOCALNOTION_UNITY_BATCH})
  endif()
endfunction()

# localnotion_cc_library(NAME SRCS ... DEPS ...): one static library per layer.
# The DEPS list is the set of layers this one may use; a forbidden edge shows up as a
# missing include path or link error. Every source is listed explicitly (no GLOB).
function(localnotion_cc_library)
  cmake_parse_arguments(LN "" "NAME" "SRCS;DEPS" ${ARGN})
  add_library(${LN_NAME} STATIC ${LN_SRCS})
  target_include_directories(${LN_NAME} PUBLIC ${PROJECT_SOURCE_DIR}/src)
  target_compile_options(${LN_NAME} PRIVATE -Wall -Wextra -Wno-unused-parameter)
  target_link_libraries(${LN_NAME} PUBLIC ${LN_DEPS})
  if(LOCALNOTION_PCH)
    localnotion_pch_flags(${LN_NAME})
    target_precompile_headers(${LN_NAME} REUSE_FROM ln_pch)
  endif()
  localnotion_unity(${LN_NAME})
endfunction()

# localnotion_cc_test(NAME SRCS ... DEPS ...): a GoogleTest binary registered with CTest.
# Every test links gMock and ln_testing (src/testing: testing::J, TempDir, IsOk/ErrorIs).
function(localnotion_cc_test)
  if(NOT LOCALNOTION_BUILD_TESTS)
    return()
  endif()
  cmake_parse_arguments(LN "" "NAME" "SRCS;DEPS" ${ARGN})
  add_executable(${LN_NAME} ${LN_SRCS})
  target_link_libraries(${LN_NAME} PRIVATE ${LN_DEPS} ln_testing GTest::gmock GTest::gtest GTest::gtest_main)
  if(LOCALNOTION_PCH)
    localnotion_pch_flags(${LN_NAME})
    target_precompile_headers(${LN_NAME} REUSE_FROM ln_test_pch)
  endif()
  localnotion_unity(${LN_NAME})
  # One CTest test per GoogleTest case, so the summary counts test cases.
  gtest_discover_tests(${LN_NAME} DISCOVERY_TIMEOUT 60)
endfunction()

# localnotion_cc_library(NAME SRCS ... DEPS ...): one static library per layer.
# The DEPS list is the set of layers this one may use; a forbidden edge shows up as a
# missing include path or link error. Every source is listed explicitly (no GLOB).
function(localnotion_cc_library)
  cmake_parse_arguments(LN "" "NAME" "SRCS;DEPS" ${ARGN})
  add_library(${LN_NAME} STATIC ${LN_SRCS})
  target_include_directories(${LN_NAME} PUBLIC ${PROJECT_SOURCE_DIR}/src)
  target_compile_options(${LN_NAME} PRIVATE -Wall -Wextra -Wno-unused-parameter)
  target_link_libraries(${LN_NAME} PUBLIC ${LN_DEPS})
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
  # One CTest test per GoogleTest case, so the summary counts test cases.
  gtest_discover_tests(${LN_NAME} DISCOVERY_TIMEOUT 60)
endfunction()

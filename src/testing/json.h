// testing::J: JSON text to a json::value, for building test inputs and expectations.
// Text that does not parse fails the current test (non-fatally, naming the text) and
// yields null, so a typo in a test's JSON literal shows up as such.
#pragma once

#include <gtest/gtest.h>

#include <string_view>

#include "common/json.h"

namespace localnotion::testing {

inline json::value J(std::string_view text) {
  auto v = ParseJson(text);
  EXPECT_TRUE(v.has_value()) << "testing::J: not JSON: " << text;
  return v ? *v : json::value(nullptr);
}

}  // namespace localnotion::testing

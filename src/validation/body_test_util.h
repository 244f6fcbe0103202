// For the body reader tests: JSON from text, and the check that a reader refused with
// kValidationError and an exact message.
#pragma once

#include <gtest/gtest.h>

#include <string_view>

#include "common/error.h"
#include "common/json.h"

namespace localnotion::validation {

// An id in the dashed form Notion prints, for the bodies that name a page or block.
inline constexpr const char* kId = "59833787-2cf9-4fdf-8782-e53db20768a5";

inline json::value BodyJson(std::string_view text) {
  auto v = ParseJson(text);
  EXPECT_TRUE(v.has_value()) << text;
  return v ? *v : json::value(nullptr);
}

template <class T>
void ExpectValidationError(const Result<T>& r, std::string_view message) {
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::kValidationError);
  EXPECT_EQ(r.error().message, message);
}

inline void ExpectValidationError(const Status& s, std::string_view message) {
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().code, ErrorCode::kValidationError);
  EXPECT_EQ(s.error().message, message);
}

}  // namespace localnotion::validation

#include "common/uuid.h"

#include <gtest/gtest.h>

namespace localnotion {
namespace {

TEST(UuidTest, AcceptsDashedUndashedAndUpperCase) {
  const std::string want = "59833787-2cf9-4fdf-8782-e53db20768a5";
  EXPECT_EQ(NormalizeUuid("598337872cf94fdf8782e53db20768a5"), want);
  EXPECT_EQ(NormalizeUuid("59833787-2CF9-4FDF-8782-E53DB20768A5"), want);
  EXPECT_EQ(NormalizeUuid(want), want);
}

TEST(UuidTest, RejectsOtherShapes) {
  EXPECT_FALSE(NormalizeUuid("not-an-id").has_value());
  EXPECT_FALSE(NormalizeUuid("598337872cf94fdf8782e53db20768a").has_value());
  EXPECT_FALSE(NormalizeUuid("59833787-2cf94fdf-8782-e53db20768a5").has_value());
  EXPECT_FALSE(NormalizeUuid("g98337872cf94fdf8782e53db20768a5").has_value());
}

TEST(UuidTest, NewUuidIsVersion4AndNormal) {
  std::string id = NewUuid();
  EXPECT_EQ(NormalizeUuid(id), id);
  EXPECT_EQ(id[14], '4');
}

}  // namespace
}  // namespace localnotion

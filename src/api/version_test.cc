// Notion-Version: parsing, order, and the predicates that switch behaviour by version.
#include "api/version.h"

#include <gtest/gtest.h>

namespace localnotion::api {
namespace {

TEST(ApiVersion, ParsesServedVersionsOnly) {
  EXPECT_EQ(ParseApiVersion("2022-06-28"), ApiVersion::k2022_06_28);
  EXPECT_EQ(ParseApiVersion("2025-09-03"), ApiVersion::k2025_09_03);
  EXPECT_EQ(ParseApiVersion("2026-03-11"), ApiVersion::k2026_03_11);
  EXPECT_EQ(ParseApiVersion("2021-05-11"), ApiVersion::k2021_05_11);
  EXPECT_EQ(ParseApiVersion("2021-05-13"), ApiVersion::k2021_05_13);
  EXPECT_EQ(ParseApiVersion("2021-08-16"), ApiVersion::k2021_08_16);
  EXPECT_EQ(ParseApiVersion("2022-02-22"), ApiVersion::k2022_02_22);
  EXPECT_EQ(ParseApiVersion("2024-01-01"), std::nullopt);
  EXPECT_EQ(ParseApiVersion("2026-03-11 "), std::nullopt);
  EXPECT_EQ(ParseApiVersion(""), std::nullopt);
}

TEST(ApiVersion, NamesRoundTrip) {
  for (ApiVersion v :
       {ApiVersion::k2021_05_11, ApiVersion::k2021_05_13, ApiVersion::k2021_08_16, ApiVersion::k2022_02_22,
        ApiVersion::k2022_06_28, ApiVersion::k2025_09_03, ApiVersion::k2026_03_11}) {
    EXPECT_EQ(ParseApiVersion(ApiVersionName(v)), v);
  }
}

// Notion's text for an unknown version lists every accepted value (docs/compat.md).
TEST(ApiVersion, MessageListsEveryVersion) {
  EXPECT_EQ(VersionListForMessage(),
            "`\"2021-05-11\"`, `\"2021-05-13\"`, `\"2021-08-16\"`, `\"2022-02-22\"`, `\"2022-06-28\"`, "
            "`\"2025-09-03\"`, or `\"2026-03-11\"`");
}

TEST(ApiVersion, OrderedByRelease) {
  static_assert(ApiVersion::k2022_06_28 < ApiVersion::k2025_09_03);
  static_assert(kOldestApiVersion <= kNewestApiVersion);
}

TEST(ApiVersion, PredicatesHoldFromTheirFirstVersionOn) {
  static_assert(!HasDataSources(ApiVersion::k2022_06_28));
  static_assert(HasDataSources(ApiVersion::k2025_09_03));
  // Every version from 2025-09-03 on has data sources, the newest included.
  static_assert(HasDataSources(kNewestApiVersion));
  static_assert(DatabaseEditsSchema(ApiVersion::k2022_06_28) && !DatabaseEditsSchema(kNewestApiVersion));
  static_assert(PageCreateRequiresProperties(ApiVersion::k2022_06_28) &&
                !PageCreateRequiresProperties(kNewestApiVersion));
  static_assert(AcceptsUntypedPropertyValues(ApiVersion::k2022_06_28) &&
                !AcceptsUntypedPropertyValues(kNewestApiVersion));
}

// The versions before 2022-06-28 behave as 2022-06-28 (docs/compat.md).
TEST(ApiVersion, OlderVersionsShapedAs2022) {
  for (ApiVersion v :
       {ApiVersion::k2021_05_11, ApiVersion::k2021_05_13, ApiVersion::k2021_08_16, ApiVersion::k2022_02_22}) {
    EXPECT_EQ(HasDataSources(v), HasDataSources(ApiVersion::k2022_06_28));
    EXPECT_EQ(PageCreateRequiresProperties(v), PageCreateRequiresProperties(ApiVersion::k2022_06_28));
    EXPECT_EQ(HasArchivedAlias(v), HasArchivedAlias(ApiVersion::k2022_06_28));
    EXPECT_EQ(AppendTakesAfter(v), AppendTakesAfter(ApiVersion::k2022_06_28));
  }
}

TEST(ApiVersion, Version2026DropsArchivedAndAfter) {
  static_assert(HasArchivedAlias(ApiVersion::k2022_06_28) && HasArchivedAlias(ApiVersion::k2025_09_03));
  static_assert(!HasArchivedAlias(ApiVersion::k2026_03_11));
  static_assert(AppendTakesAfter(ApiVersion::k2025_09_03) && !AppendTakesAfter(ApiVersion::k2026_03_11));
  static_assert(!NamesMeetingNotes(ApiVersion::k2025_09_03) && NamesMeetingNotes(ApiVersion::k2026_03_11));
  static_assert(HasDataSources(ApiVersion::k2026_03_11));
}

}  // namespace
}  // namespace localnotion::api

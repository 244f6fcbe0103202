// Notion-Version: parsing, order, and the predicates that switch behaviour by version.
#include "api/version.h"

#include <gtest/gtest.h>

namespace localnotion::api {
namespace {

TEST(ApiVersion, ParsesServedVersionsOnly) {
  EXPECT_EQ(ParseApiVersion("2022-06-28"), ApiVersion::k2022_06_28);
  EXPECT_EQ(ParseApiVersion("2025-09-03"), ApiVersion::k2025_09_03);
  EXPECT_EQ(ParseApiVersion("2021-08-16"), std::nullopt);
  EXPECT_EQ(ParseApiVersion(""), std::nullopt);
}

TEST(ApiVersion, NamesRoundTrip) {
  for (ApiVersion v : {ApiVersion::k2022_06_28, ApiVersion::k2025_09_03}) EXPECT_EQ(ParseApiVersion(ApiVersionName(v)), v);
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
  static_assert(PageCreateRequiresProperties(ApiVersion::k2022_06_28) && !PageCreateRequiresProperties(kNewestApiVersion));
  static_assert(AcceptsUntypedPropertyValues(ApiVersion::k2022_06_28) && !AcceptsUntypedPropertyValues(kNewestApiVersion));
}

}  // namespace
}  // namespace localnotion::api

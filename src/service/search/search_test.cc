// POST /v1/search folds case as filters do (query::FoldCase): a page titled "école" is
// found by "ÉCOLE" and the reverse, over the bare store and behind the CachingStore.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "service/admin/admin.h"
#include "service/pages/pages.h"
#include "service/search/search.h"
#include "service/service_test_util.h"

namespace localnotion::service {
namespace {

class SearchFoldingTest : public ServiceTestBase<::testing::TestWithParam<bool>> {
 protected:
  void SetUp() override {
    this->OpenService(GetParam());
    ASSERT_TRUE(Run([&] { return admin::Bootstrap(*ctx_, {"secret_search"}); }).ok());
    auto integration = Run([&] { return ctx_->Authenticate("secret_search"); });
    ASSERT_TRUE(integration.ok());
    caller_ = Caller{*integration, api::ApiVersion::k2025_09_03};
  }

  std::string NewPage(std::string_view title) {
    json::value b = J(std::string(R"({"parent":{"workspace":true},"properties":{"title":{"title":[{"text":{"content":")") +
                      std::string(title) + R"("}}]}}})");
    auto page = Run([&] { return pages::CreatePage(*ctx_, caller_, b); });
    EXPECT_TRUE(page.ok()) << page.error().message;
    return page.ok() ? std::string(page->at("id").as_string()) : "";
  }

  // The ids of the pages a search for `query` finds, sorted (pages made in the same
  // millisecond have no order by edit time).
  std::vector<std::string> Search(std::string_view query) {
    json::value b = J(std::string(R"({"query":")") + std::string(query) +
                      R"(","filter":{"property":"object","value":"page"}})");
    auto found = Run([&] { return search::Search(*ctx_, caller_, b); });
    EXPECT_TRUE(found.ok()) << found.error().message;
    std::vector<std::string> ids;
    if (!found.ok()) return ids;
    for (const auto& r : found->at("results").as_array()) ids.emplace_back(r.at("id").as_string());
    std::sort(ids.begin(), ids.end());
    return ids;
  }

  Caller caller_;
};

TEST_P(SearchFoldingTest, AccentedCapitalsFoldBothWays) {
  const std::string small = NewPage("école");
  const std::string capital = NewPage("ÉCOLE DU SOIR");
  NewPage("Kale");
  const std::vector<std::string> both = small < capital ? std::vector{small, capital} : std::vector{capital, small};
  EXPECT_EQ(Search("ÉCOLE"), both);
  EXPECT_EQ(Search("école du"), (std::vector<std::string>{capital}));
  EXPECT_EQ(Search("Éco"), both);
  EXPECT_TRUE(Search("ecole").empty());  // no accent folding, as in filters
}

INSTANTIATE_TEST_SUITE_P(Stores, SearchFoldingTest, ::testing::Bool());

}  // namespace
}  // namespace localnotion::service

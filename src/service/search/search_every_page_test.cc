// POST /v1/search without a query reads pages from storage a batch at a time in the order
// of the results (PageRecords::ListPageHeadsByEdit) and merges the data sources in: every
// page size and cursor must give the same sequence as one long page, the trash and what
// the caller may not see are left out, and a cursor that names no result is refused.
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <string>
#include <thread>
#include <vector>

#include "service/admin/admin.h"
#include "service/databases/databases.h"
#include "service/pages/pages.h"
#include "service/search/search.h"
#include "service/service_test_util.h"
#include "testing/matchers.h"

namespace localnotion::service {
namespace {

using testing::ErrorIs;

const std::string kOwner = "secret_every";

class SearchEveryPageTest : public ServiceTestBase<::testing::TestWithParam<bool>> {
 protected:
  void SetUp() override {
    this->OpenService(GetParam());
    ASSERT_TRUE(Run([&] { return admin::Bootstrap(*ctx_, {kOwner}); }).ok());
    auto integration = Run([&] { return ctx_->Authenticate(kOwner); });
    ASSERT_TRUE(integration.ok());
    caller_ = Caller{*integration, api::ApiVersion::k2025_09_03};
  }

  std::string NewPage(const Caller& caller, std::string_view title) {
    json::value b =
        J(std::string(R"({"parent":{"workspace":true},"properties":{"title":{"title":[{"text":{"content":")") +
          std::string(title) + R"("}}]}}})");
    auto page = Run([&] { return pages::CreatePage(*ctx_, caller, b); });
    EXPECT_TRUE(page.ok()) << page.error().message;
    return page.ok() ? std::string(page->at("id").as_string()) : "";
  }

  std::string NewDataSource(std::string_view title) {
    json::value b = J(std::string(R"({"parent":{"type":"workspace","workspace":true},"title":[{"text":{"content":")") +
                      std::string(title) + R"("}}],"initial_data_source":{"properties":{"Name":{"title":{}}}}})");
    auto db = Run([&] { return databases::CreateDatabase(*ctx_, caller_, b); });
    EXPECT_TRUE(db.ok()) << db.error().message;
    return db.ok() ? std::string(db->at("data_sources").at(0).at("id").as_string()) : "";
  }

  // One request as `token`: authenticated in the same unit, as a request is (the caller's
  // access is worked out there).
  Result<json::value> SearchRaw(const std::string& token, const std::string& body) {
    return Run([&]() -> Result<json::value> {
      LN_ASSIGN_OR_RETURN(auto integration, ctx_->Authenticate(token));
      return search::Search(*ctx_, Caller{integration, api::ApiVersion::k2025_09_03}, J(body));
    });
  }

  // Every result, `page_size` at a time: "object:id" each, in order.
  std::vector<std::string> All(const std::string& token, int page_size, const std::string& extra = "") {
    std::vector<std::string> out;
    std::string cursor;
    for (int guard = 0; guard < 200; ++guard) {
      std::string body = "{\"page_size\":" + std::to_string(page_size) + extra;
      if (!cursor.empty()) body += ",\"start_cursor\":\"" + cursor + "\"";
      auto found = SearchRaw(token, body + "}");
      EXPECT_TRUE(found.ok()) << found.error().message;
      if (!found.ok()) break;
      const auto& results = found->at("results").as_array();
      EXPECT_LE(results.size(), static_cast<size_t>(page_size));
      for (const auto& r : results) {
        out.push_back(std::string(r.at("object").as_string()) + ":" + std::string(r.at("id").as_string()));
      }
      const bool more = found->at("has_more").as_bool();
      EXPECT_EQ(more, !found->at("next_cursor").is_null());
      if (!more) break;
      cursor = std::string(found->at("next_cursor").as_string());
      // The cursor names the first result of the next page.
      EXPECT_FALSE(results.empty());
    }
    return out;
  }

  Caller caller_;
};

TEST_P(SearchEveryPageTest, EveryPageSizeGivesTheSameSequenceAsOneLongPage) {
  std::vector<std::string> pages;
  std::vector<std::string> sources;
  for (int i = 0; i < 12; ++i) {
    pages.push_back(NewPage(caller_, "Page " + std::to_string(i)));
    if (i % 4 == 1) sources.push_back(NewDataSource("Source " + std::to_string(i)));
  }
  // One page in the trash: not a result.
  json::value trash = J(R"({"in_trash":true})");
  ASSERT_TRUE(Run([&] { return pages::UpdatePage(*ctx_, caller_, pages[3], trash); }).ok());

  const std::vector<std::string> whole = All(kOwner, 100);
  // The 11 pages out of the trash and the 3 data sources.
  ASSERT_EQ(whole.size(), 14u);
  for (const std::string& r : whole) EXPECT_NE(r, "page:" + pages[3]);
  for (const std::string& s : sources) EXPECT_EQ(std::count(whole.begin(), whole.end(), "data_source:" + s), 1);
  // Objects made in the same millisecond have no order by edit time but their creation, so
  // the order checked is the one every page size must give.
  for (int size : {1, 2, 3, 5, 13}) EXPECT_EQ(All(kOwner, size), whole) << "page_size " << size;
  const std::vector<std::string> oldest_first =
      All(kOwner, 100, ",\"sort\":{\"direction\":\"ascending\",\"timestamp\":\"last_edited_time\"}");
  ASSERT_EQ(oldest_first.size(), 14u);
  for (int size : {1, 4}) {
    EXPECT_EQ(All(kOwner, size, ",\"sort\":{\"direction\":\"ascending\",\"timestamp\":\"last_edited_time\"}"),
              oldest_first);
  }
  // Pages only: the same pages in the same order.
  std::vector<std::string> only_pages;
  for (const std::string& r : whole) {
    if (r.rfind("page:", 0) == 0) only_pages.push_back(r);
  }
  EXPECT_EQ(All(kOwner, 2, ",\"filter\":{\"property\":\"object\",\"value\":\"page\"}"), only_pages);

  // A cursor that names no result: the trashed page, an unknown id.
  for (const std::string& cursor : {pages[3], std::string("0b0f6c1e-2a39-4b52-9f0f-6a4f2d1c9e77")}) {
    auto refused = SearchRaw(kOwner, R"({"start_cursor":")" + cursor + R"("})");
    EXPECT_THAT(refused, ErrorIs(ErrorCode::kValidationError, "The start_cursor provided is invalid: " + cursor));
  }
}

TEST_P(SearchEveryPageTest, PagesTheCallerMayNotSeeAreSkippedWhateverTheirNumber) {
  auto created = Run([&] { return admin::CreateIntegration(*ctx_, "Narrow", "read,update,insert"); });
  ASSERT_TRUE(created.ok()) << created.error().message;
  // 40 pages a few milliseconds apart, so that the newest first is 39, 38, ... 0.
  std::vector<std::string> pages;
  for (int i = 0; i < 40; ++i) {
    pages.push_back(NewPage(caller_, "Hidden " + std::to_string(i)));
    std::this_thread::sleep_for(std::chrono::milliseconds(3));
  }
  // Four shared. With 3 results a page, search reads the 4 newest heads first (39 to 36,
  // of which only 36 is shown), then a batch sixteen times larger that starts with the
  // last head read before (36), which must not be listed twice.
  for (int i : {36, 20, 10, 0}) {
    ASSERT_TRUE(Run([&]() -> Result<bool> {
                  LN_RETURN_IF_ERROR(admin::Share(*ctx_, "Narrow", pages[i]));
                  return true;
                }).ok());
  }
  const std::vector<std::string> expected = {"page:" + pages[36], "page:" + pages[20], "page:" + pages[10],
                                             "page:" + pages[0]};
  EXPECT_EQ(All(created->token, 3), expected);
  EXPECT_EQ(All(created->token, 1), expected);
  EXPECT_EQ(All(created->token, 100), expected);
  EXPECT_EQ(All(kOwner, 100).size(), 40u);
}

INSTANTIATE_TEST_SUITE_P(Stores, SearchEveryPageTest, ::testing::Bool());

}  // namespace
}  // namespace localnotion::service

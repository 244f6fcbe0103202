// The store conformance suite, view facet (storage/view_records.h): runs on every
// configuration of store_conformance_test.cc (the suite is instantiated there).
#include <gtest/gtest.h>

#include "storage/store_conformance_test_util.h"
#include "testing/json.h"

namespace localnotion::storage {
namespace {

ViewRecord View(std::string id, std::string database_id, std::string data_source_id, int64_t position) {
  ViewRecord v;
  v.id = std::move(id);
  v.database_id = std::move(database_id);
  v.data_source_id = std::move(data_source_id);
  v.name = "View " + v.id;
  v.type = "table";
  v.filter = testing::J(R"({"property":"Status","select":{"equals":"Done"}})");
  v.sorts = testing::J(R"([{"property":"Name","direction":"ascending"}])");
  v.quick_filters = nullptr;
  v.configuration = testing::J(R"({"type":"table","wrap_cells":true})");
  v.position = position;
  v.created_time = 1700000000000;
  v.created_by = "u1";
  v.last_edited_time = 1700000000001;
  v.last_edited_by = "u2";
  return v;
}

std::string Describe(const ViewRecord& v) {
  return v.id + "|" + v.database_id + "|" + v.data_source_id + "|" + v.dashboard_view_id + "|" + v.name + "|" + v.type +
         "|" + SerializeJson(v.filter) + "|" + SerializeJson(v.sorts) + "|" + SerializeJson(v.quick_filters) + "|" +
         SerializeJson(v.configuration) + "|" + std::to_string(v.position) + "|" + std::to_string(v.created_time) +
         "|" + v.created_by + "|" + std::to_string(v.last_edited_time) + "|" + v.last_edited_by;
}

std::vector<std::string> Ids(const std::vector<ViewRecord>& views) {
  std::vector<std::string> out;
  for (const ViewRecord& v : views) out.push_back(v.id);
  return out;
}

TEST_P(StoreConformanceTest, ViewsRoundTripAndListByPositionThenCreation) {
  ViewRecord widget = View("v4", "db1", "ds2", 1);
  widget.dashboard_view_id = "v3";
  widget.quick_filters = testing::J(R"({"Status":{"status":{"equals":"Done"}}})");
  Write([&](Txn& txn) {
    LN_ASSERT_OK(txn.PutView(View("v1", "db1", "ds1", 2)));
    LN_ASSERT_OK(txn.PutView(View("v2", "db1", "ds1", 1)));
    LN_ASSERT_OK(txn.PutView(View("v3", "db1", "", 2)));
    LN_ASSERT_OK(txn.PutView(widget));
    LN_ASSERT_OK(txn.PutView(View("v5", "db2", "ds1", 1)));
  });
  ReadBoth([&](Txn& txn) {
    EXPECT_EQ(Describe(*LN_VAL(txn.GetView("v1"))), Describe(View("v1", "db1", "ds1", 2)));
    EXPECT_EQ(Describe(*LN_VAL(txn.GetView("v4"))), Describe(widget));
    EXPECT_EQ(LN_VAL(txn.GetView("nope")), std::nullopt);
    EXPECT_EQ(Ids(LN_VAL(txn.ListViewsOfDatabase("db1"))), (std::vector<std::string>{"v2", "v4", "v1", "v3"}));
    EXPECT_EQ(Ids(LN_VAL(txn.ListViewsOfDataSource("ds1"))), (std::vector<std::string>{"v2", "v1", "v5"}));
    EXPECT_EQ(LN_VAL(txn.ListAllViews()).size(), 5u);
  });
  // An update keeps the view's creation rank: v1 moved to position 1 comes after v2.
  Write([&](Txn& txn) {
    ViewRecord moved = View("v1", "db1", "ds1", 1);
    moved.name = "Renamed";
    LN_ASSERT_OK(txn.PutView(moved));
  });
  ReadBoth([&](Txn& txn) {
    EXPECT_EQ(LN_VAL(txn.GetView("v1"))->name, "Renamed");
    EXPECT_EQ(Ids(LN_VAL(txn.ListViewsOfDatabase("db1"))), (std::vector<std::string>{"v1", "v2", "v4", "v3"}));
  });
}

TEST_P(StoreConformanceTest, ViewsAreDeletedOneByOneAndByReset) {
  Write([&](Txn& txn) {
    LN_ASSERT_OK(txn.PutView(View("v1", "db1", "ds1", 1)));
    LN_ASSERT_OK(txn.PutView(View("v2", "db1", "ds1", 2)));
  });
  Write([&](Txn& txn) {
    LN_ASSERT_OK(txn.DeleteView("v1"));
    LN_ASSERT_OK(txn.DeleteView("unknown"));
  });
  ReadBoth([&](Txn& txn) { EXPECT_EQ(Ids(LN_VAL(txn.ListViewsOfDatabase("db1"))), (std::vector<std::string>{"v2"})); });
  Write([&](Txn& txn) { LN_ASSERT_OK(txn.Reset(/*keep_integrations=*/true)); });
  ReadBoth([&](Txn& txn) { EXPECT_TRUE(LN_VAL(txn.ListAllViews()).empty()); });
}

}  // namespace
}  // namespace localnotion::storage

#include "service/databases/query_snapshots.h"

#include <gtest/gtest.h>

namespace localnotion::service {
namespace {

std::shared_ptr<const QuerySnapshot> Snap(std::vector<std::string> ids, std::string fingerprint = "{}") {
  return std::make_shared<const QuerySnapshot>(QuerySnapshot{"ds", std::move(fingerprint), std::move(ids), false});
}

TEST(QuerySnapshotsTest, CursorIsTheNextIdAndFindsItsPlace) {
  QuerySnapshots s;
  auto snap = Snap({"a", "b", "c"});
  EXPECT_EQ(s.Remember(snap, 2, 1000), "c");
  auto place = s.Find("ds", "{}", "c", 1000);
  ASSERT_TRUE(place.has_value());
  EXPECT_EQ(place->offset, 2u);
  EXPECT_EQ(place->snapshot, snap);
}

TEST(QuerySnapshotsTest, AnotherQueryOrDataSourceHasNoPlace) {
  QuerySnapshots s;
  s.Remember(Snap({"a", "b"}, R"({"filter":1})"), 1, 0);
  EXPECT_TRUE(s.Find("ds", R"({"filter":1})", "b", 0).has_value());
  EXPECT_FALSE(s.Find("ds", R"({"filter":2})", "b", 0).has_value());
  EXPECT_FALSE(s.Find("other", R"({"filter":1})", "b", 0).has_value());
  EXPECT_FALSE(s.Find("ds", R"({"filter":1})", "a", 0).has_value());
}

TEST(QuerySnapshotsTest, ExpiredCursorsAreNotFound) {
  QuerySnapshots s;
  s.Remember(Snap({"a"}), 0, 1000);
  EXPECT_TRUE(s.Find("ds", "{}", "a", 1000 + QuerySnapshots::kTtlMs - 1).has_value());
  EXPECT_FALSE(s.Find("ds", "{}", "a", 1000 + QuerySnapshots::kTtlMs).has_value());
}

TEST(QuerySnapshotsTest, TheLatestSnapshotOfAQueryWins) {
  QuerySnapshots s;
  auto older = Snap({"a", "b"});
  auto newer = Snap({"x", "a", "b"});
  s.Remember(older, 1, 0);
  s.Remember(newer, 2, 0);
  auto place = s.Find("ds", "{}", "b", 0);
  ASSERT_TRUE(place.has_value());
  EXPECT_EQ(place->snapshot, newer);
  EXPECT_EQ(place->offset, 2u);
}

TEST(QuerySnapshotsTest, OldestCursorsGiveWayAtTheBound) {
  QuerySnapshots s;
  std::vector<std::string> ids;
  for (size_t i = 0; i <= QuerySnapshots::kMaxCursors; ++i) ids.push_back("p" + std::to_string(i));
  auto snap = Snap(ids);
  for (size_t i = 0; i < QuerySnapshots::kMaxCursors; ++i) s.Remember(snap, i, 0);
  EXPECT_TRUE(s.Find("ds", "{}", "p0", 0).has_value());
  s.Remember(snap, QuerySnapshots::kMaxCursors, 0);
  EXPECT_FALSE(s.Find("ds", "{}", "p0", 0).has_value());
  EXPECT_TRUE(s.Find("ds", "{}", "p1", 0).has_value());
  EXPECT_TRUE(s.Find("ds", "{}", ids.back(), 0).has_value());
}

TEST(QuerySnapshotsTest, ClearForgetsEveryCursor) {
  QuerySnapshots s;
  s.Remember(Snap({"a"}), 0, 0);
  s.Clear();
  EXPECT_FALSE(s.Find("ds", "{}", "a", 0).has_value());
}

}  // namespace
}  // namespace localnotion::service

#include "common/json_arena.h"

#include <gtest/gtest.h>

#include <string>

namespace localnotion {
namespace {

bool IsDefault(const json::storage_ptr& sp) { return sp.get() == json::storage_ptr().get(); }

TEST(JsonArenaTest, StorageIsTheDefaultResourceOutsideAnArena) {
  EXPECT_TRUE(IsDefault(JsonArena::Storage()));
  {
    JsonArena arena;
    EXPECT_FALSE(IsDefault(JsonArena::Storage()));
    EXPECT_TRUE(JsonArena::Storage().is_deallocate_trivial());
  }
  EXPECT_TRUE(IsDefault(JsonArena::Storage()));
}

TEST(JsonArenaTest, AnInnerArenaGivesWayToTheOuterOneWhenItEnds) {
  JsonArena outer;
  const json::storage_ptr outer_storage = JsonArena::Storage();
  {
    JsonArena inner;
    EXPECT_NE(JsonArena::Storage().get(), outer_storage.get());
  }
  EXPECT_EQ(JsonArena::Storage().get(), outer_storage.get());
}

TEST(JsonArenaTest, OutsideNamesTheDefaultResourceUntilItEnds) {
  JsonArena outer;
  const json::storage_ptr outer_storage = JsonArena::Storage();
  {
    JsonArena::Outside outside;
    EXPECT_TRUE(IsDefault(JsonArena::Storage()));
    {
      JsonArena inner;  // an arena inside is used as usual
      EXPECT_FALSE(IsDefault(JsonArena::Storage()));
      EXPECT_NE(JsonArena::Storage().get(), outer_storage.get());
    }
    EXPECT_TRUE(IsDefault(JsonArena::Storage()));
  }
  EXPECT_EQ(JsonArena::Storage().get(), outer_storage.get());
}

TEST(JsonArenaTest, ParseJsonInMakesEveryValueInTheArenaAndReadsAsParseJson) {
  const std::string text =
      R"({"a":[1,-2,18446744073709551615,2.5,"x\u00e9",true,null,{"b":{}}],"c":"a longer string than the small buffer"})";
  JsonArena arena;
  const size_t before = arena.used();
  std::optional<json::value> in_arena = ParseJsonIn(text, JsonArena::Storage());
  ASSERT_TRUE(in_arena.has_value());
  EXPECT_GT(arena.used(), before);
  EXPECT_EQ(in_arena->storage().get(), JsonArena::Storage().get());
  const json::array& a = in_arena->as_object().at("a").as_array();
  EXPECT_EQ(a.storage().get(), JsonArena::Storage().get());
  EXPECT_EQ(a[7].as_object().storage().get(), JsonArena::Storage().get());
  std::optional<json::value> plain = ParseJson(text);
  ASSERT_TRUE(plain.has_value());
  EXPECT_TRUE(IsDefault(plain->storage()));
  EXPECT_EQ(*in_arena, *plain);
  EXPECT_EQ(SerializeJson(*in_arena), SerializeJson(*plain));
}

TEST(JsonArenaTest, PastItsBudgetStorageIsTheDefaultResourceAgain) {
  JsonArena arena;
  json::string big(JsonArena::Storage());
  big.resize(JsonArena::kBudgetBytes);  // one allocation past the budget
  EXPECT_GE(arena.used(), JsonArena::kBudgetBytes);
  EXPECT_TRUE(IsDefault(JsonArena::Storage()));
  // What is made in the default resource is freed as usual; what is in the arena stays valid.
  json::object after(JsonArena::Storage());
  after["k"] = "v";
  EXPECT_TRUE(IsDefault(after.storage()));
  EXPECT_EQ(big.size(), JsonArena::kBudgetBytes);
}

TEST(JsonArenaTest, ReplaceWithStorageTakesTheSourcesResourceAndValues) {
  JsonArena arena;
  json::object target;  // the default resource, as a record's member starts
  target["old"] = 1;
  json::object source(JsonArena::Storage());
  source["new"] = "value";
  ReplaceWithStorage(target, std::move(source));
  EXPECT_EQ(target.storage().get(), JsonArena::Storage().get());
  EXPECT_EQ(SerializeJson(json::value(target)), R"({"new":"value"})");
  // Plain assignment keeps the target's resource (a copy): why the helper exists.
  json::object assigned;
  json::object again(JsonArena::Storage());
  again["x"] = true;
  assigned = std::move(again);
  EXPECT_TRUE(IsDefault(assigned.storage()));
}

}  // namespace
}  // namespace localnotion

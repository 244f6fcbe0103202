#include "common/json_shape.h"

#include <gtest/gtest.h>

#include "common/json_arena.h"

namespace localnotion {
namespace {

TEST(JsonShape, KeepsTheShapesOrderAndTheValuesSet) {
  static const json::object kShape = MakeShape({"object", "id", "in_trash", "parent"});
  json::object o = ShapedObject(kShape, json::storage_ptr())
                       .Set("object", "page")
                       .Set("id", "p1")
                       .Set("in_trash", false)
                       .Set("parent", json::object{{"type", "workspace"}, {"workspace", true}})
                       .Done();
  EXPECT_EQ(SerializeJson(json::value(std::move(o))),
            R"({"object":"page","id":"p1","in_trash":false,"parent":{"type":"workspace","workspace":true}})");
  // The shape itself is left as it was, for the next object.
  EXPECT_EQ(SerializeJson(json::value(kShape)), R"({"object":null,"id":null,"in_trash":null,"parent":null})");
}

TEST(JsonShape, MadeInTheStorageGiven) {
  static const json::object kShape = MakeShape({"a"});
  JsonArena arena;
  json::object o = ShapedObject(kShape, JsonArena::Storage()).Set("a", "some text longer than a short string").Done();
  EXPECT_EQ(o.storage().get(), JsonArena::Storage().get());
  EXPECT_EQ(o.at("a").as_string().storage().get(), JsonArena::Storage().get());
  // Found by key like any other object.
  EXPECT_EQ(o.at("a"), "some text longer than a short string");
}

}  // namespace
}  // namespace localnotion

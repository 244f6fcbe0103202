// What SchemaFromStored derives from each definition (its type's registry entry and the
// start of its value in a page's "properties"), and that a copy derives nothing, so that a
// copy changed afterwards is never written with the text of the definition it came from.
#include "schema/property_def.h"

#include <gtest/gtest.h>

#include <string>

#include "common/json_writer.h"
#include "schema/properties/options.h"
#include "schema/registry.h"
#include "testing/json.h"

namespace localnotion::schema {
namespace {

using testing::J;

std::string PrefixOf(const PropertyDef& def) {
  std::string out;
  JsonWriter w(out);
  WriteValuePrefix(def, w);
  w.Finish();
  return out;
}

TEST(PropertyDefTest, SchemaFromStoredDerivesTheTypeAndTheEscapedValuePrefix) {
  auto schema = SchemaFromStored(J(R"([{"id":"a%3Bb","name":"Say \"hi\" ✓","type":"rich_text","config":{}},
                                       {"id":"x","name":"Odd","type":"no_such_type","config":{}}])"));
  ASSERT_TRUE(schema.ok());
  const PropertyDef& text = (*schema)[0];
  EXPECT_EQ(text.derived.type, FindType("rich_text"));
  EXPECT_EQ(text.derived.value_prefix, R"("Say \"hi\" ✓":{"id":"a%3Bb","type":"rich_text","rich_text":)");
  EXPECT_EQ(PrefixOf(text), text.derived.value_prefix);
  EXPECT_EQ(TypeOf(text), FindType("rich_text"));
  EXPECT_EQ(TypeOf((*schema)[1]), nullptr);
}

TEST(PropertyDefTest, ACopyDerivesNothingAndIsWrittenFromItsOwnFields) {
  auto schema = SchemaFromStored(J(R"([{"id":"t1","name":"Notes","type":"rich_text","config":{}}])"));
  ASSERT_TRUE(schema.ok());
  PropertyDef copy = (*schema)[0];
  EXPECT_EQ(copy.derived.type, nullptr);
  EXPECT_EQ(copy.derived.value_prefix, "");
  EXPECT_EQ(TypeOf(copy), FindType("rich_text"));
  EXPECT_EQ(PrefixOf(copy), R"("Notes":{"id":"t1","type":"rich_text","rich_text":)");
  copy.name = "Renamed";
  copy.type = "url";
  EXPECT_EQ(TypeOf(copy), FindType("url"));
  EXPECT_EQ(PrefixOf(copy), R"("Renamed":{"id":"t1","type":"url","url":)");

  PropertyDef assigned("other", "Other", "number");
  assigned = (*schema)[0];  // copy assignment derives nothing either
  EXPECT_EQ(assigned.derived.type, nullptr);
  EXPECT_EQ(assigned.derived.value_prefix, "");
  EXPECT_EQ(assigned.name, "Notes");

  PropertyDef moved = std::move((*schema)[0]);  // a move keeps what was derived
  EXPECT_EQ(moved.derived.type, FindType("rich_text"));
}

// A definition with options derives each option as a page shows it (WriteOption), and a
// value written from them is what the definition's own config gives (a copy, which derives
// nothing): names that need escaping, a missing color, an option without a string id
// (never found), an id that no option has, for select, multi_select and status.
TEST(PropertyDefTest, OptionsAreDerivedAsTheyAreShown) {
  auto schema = SchemaFromStored(J(R"([
      {"id":"s","name":"S","type":"select","config":{"options":[{"id":"a","name":"A \"q\" ✓","color":"red"},
          {"id":"b","name":"B","description":"d"},{"id":7,"name":"N","color":"blue"}]}},
      {"id":"m","name":"M","type":"multi_select","config":{"options":[{"id":"x","name":"X","color":"gray"}]}},
      {"id":"t","name":"T","type":"status","config":{"options":[{"id":"n","name":"Not started","color":"default"}],
          "groups":[]}},
      {"id":"e","name":"E","type":"select","config":{"options":[]}}])"));
  ASSERT_TRUE(schema.ok());
  const Schema& defs = *schema;
  ASSERT_EQ(defs[0].derived.shown_options.size(), 2u);
  EXPECT_EQ(defs[0].derived.shown_options[0].first, "a");
  EXPECT_EQ(defs[0].derived.shown_options[0].second, R"({"id":"a","name":"A \"q\" ✓","color":"red"})");
  EXPECT_EQ(defs[0].derived.shown_options[1].second, R"({"id":"b","name":"B","color":null})");
  EXPECT_TRUE(defs[3].derived.shown_options.empty());
  auto shown = [](std::string_view id, const PropertyDef& def) {
    std::string out;
    JsonWriter w(out);
    const bool found = WriteOption(id, def, w, "<");
    w.Finish();
    return found ? out : std::string("none");
  };
  for (const PropertyDef& def : defs) {
    const PropertyDef copy = def;
    ASSERT_TRUE(copy.derived.shown_options.empty());
    for (std::string_view id : {"a", "b", "7", "x", "n", "gone", ""}) {
      EXPECT_EQ(shown(id, def), shown(id, copy)) << def.id << " " << id;
    }
  }
  EXPECT_EQ(shown("a", defs[0]), R"(<{"id":"a","name":"A \"q\" ✓","color":"red"})");
  EXPECT_EQ(shown("gone", defs[0]), "none");
  EXPECT_EQ(shown("n", defs[2]), R"(<{"id":"n","name":"Not started","color":"default"})");
}

}  // namespace
}  // namespace localnotion::schema
